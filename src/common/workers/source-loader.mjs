// Module hooks for worker threads started while the service runs from its TypeScript sources (vitest, never
// production: `npm run build` compiles the workers to dist/ like everything else). It compiles `.ts` with the
// project's .swcrc, as vitest does, and maps a `./x.js` import to `./x.ts` when only the source exists.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const swc = createRequire(import.meta.url)('@swc/core');

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) return next(`${specifier.slice(0, -3)}.ts`, context);
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { filename, swcrc: true, sourceMaps: 'inline' });
  return { format: 'module', source: code, shortCircuit: true };
}
