import type { ReactNode } from 'react';
import { findRoute, type Route, useLocation } from './router.tsx';

/**
 * A section's table of pages (e.g. company/index.tsx), matched like the app's (router.tsx `findRoute`). Its own
 * module, so only the sections' chunks carry it, not the first load.
 */
export function Routes<Context = void>({ routes, fallback, context }: { routes: readonly Route<Context>[]; fallback: ReactNode; context?: Context }) {
  const { path, query } = useLocation();
  const found = findRoute(routes, path);
  return <>{found ? found.route.render(found.params, query, context as Context) : fallback}</>;
}
