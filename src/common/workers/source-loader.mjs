// Module hooks for worker threads started while the service runs from its TypeScript sources (vitest; never in
// production, where `npm run build` compiles the workers to dist/ like everything else). The main thread compiled
// the worker's module graph (source-worker.ts) and hands it over as `data`: compiling here instead would load
// swc's native addon in the hooks thread, which crashes Node 20 once a second worker starts after the first ended.
let sources = new Map();

export function initialize(data) {
  sources = new Map(Object.entries(data.sources));
}

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('.') && context.parentURL && sources.has(context.parentURL)) {
    const url = new URL(specifier, context.parentURL).href;
    const source = url.replace(/\.js$/, '.ts');
    if (sources.has(source)) return { url: source, format: 'module', shortCircuit: true };
  }
  if (sources.has(specifier)) return { url: specifier, format: 'module', shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  const source = sources.get(url);
  if (source === undefined) return next(url, context);
  return { format: 'module', source, shortCircuit: true };
}
