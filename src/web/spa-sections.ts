/**
 * The first path segments the web front end owns. The service answers them with the front end's `index.html`;
 * every other path (`/api`, `/docs`, `/health`, ...) keeps its own routes and 404s. The front end's router
 * (`web/src/router.tsx`) only produces paths under these sections; `test/web/serving.e2e-spec.ts` checks both.
 */
export const SPA_SECTIONS = ['sign-in', 'invitation', 'join', 'my', 'cases', 'ngo', 'company', 'kerngroep', 'secretariat', 'why', 'security', 'report'] as const;
