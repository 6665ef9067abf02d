import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const compiled = new Map<string, Record<string, string>>();

/** `./x.js` and `../y.js` imports of compiled code (type-only imports are already gone) */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+\.js)['"]/g;

/**
 * Source mode of the worker pool (the service running from its TypeScript sources, as under vitest): compiles a
 * worker's module graph with the project's .swcrc, once per process, for `source-loader.mjs` to serve. Production
 * never comes here: it runs the compiled `.js` workers in dist/.
 */
export function compileWorkerGraph(entry: URL): Record<string, string> {
  const cached = compiled.get(entry.href);
  if (cached) return cached;
  const swc = createRequire(import.meta.url)('@swc/core') as typeof import('@swc/core');
  const sources: Record<string, string> = {};
  const pending = [entry.href];
  while (pending.length > 0) {
    const href = pending.pop()!;
    if (sources[href] !== undefined) continue;
    const filename = fileURLToPath(href);
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { filename, swcrc: true, sourceMaps: 'inline' });
    sources[href] = code;
    for (const [, specifier] of code.matchAll(RELATIVE_IMPORT)) {
      const ts = new URL(specifier.replace(/\.js$/, '.ts'), href);
      if (existsSync(fileURLToPath(ts))) pending.push(ts.href);
    }
  }
  compiled.set(entry.href, sources);
  return sources;
}
