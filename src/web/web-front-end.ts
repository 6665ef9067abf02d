import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SPA_SECTIONS } from './spa-sections.js';

/**
 * Serves the built web front end (issue 8, item 1) from `dist/web` at `/`.
 *
 * The files are static and hold no data: every figure a page shows comes from `/api/v1` under that route's policy,
 * so these routes sit outside Nest's router (and outside the `@Policy`/`@Public` route check, which is about data).
 * The single-page fallback answers only the front end's own sections (`/`, `/sign-in`, `/ngo/...`, ...), listed in
 * `spa-sections.ts`: `/api`, `/docs` and `/health` can never be shadowed, and an unknown `/api` route keeps its 404
 * in the API error shape. Hashed assets are cached for a year; `index.html` is revalidated on every load.
 *
 * Browser safety (issue 8, item 9): every response here carries `WEB_CSP`, stricter than helmet's default in
 * `bootstrap.ts` (which keeps `'unsafe-inline'` styles for the OpenAPI UI at /docs and is left alone for /api):
 * scripts and styles only from this origin's files (the build emits no inline script or style), data only from
 * this origin's API, no frames, no plugins, no <base> tricks, forms only to this origin.
 */
export function registerWebFrontEnd(fastify: FastifyInstance, root = defaultWebRoot()): void {
  const files = loadFiles(root);
  const index = files.get('/index.html');

  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    if (!index) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', WEB_CSP)
        .send('The web front end has not been built. Run "npm run build" (npm start does this) and reload.\n');
    }
    return send(req, reply, index, 'no-cache');
  };

  fastify.get('/', sendIndex);
  for (const section of SPA_SECTIONS) {
    fastify.get(`/${section}`, sendIndex);
    fastify.get(`/${section}/*`, sendIndex);
  }
  fastify.get('/assets/*', (req, reply) => {
    const file = files.get(req.url.split('?')[0]);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    return send(req, reply, file, 'public, max-age=31536000, immutable');
  });
  for (const name of ['/favicon.svg', '/robots.txt']) {
    fastify.get(name, (req, reply) => {
      const file = files.get(name);
      if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
      return send(req, reply, file, 'public, max-age=86400');
    });
  }
}

/** The Content-Security-Policy of the front end's pages and files. */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

interface StaticFile {
  type: string;
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
}

function send(req: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string) {
  const accept = String(req.headers['accept-encoding'] ?? '');
  reply.header('cache-control', cacheControl).header('vary', 'accept-encoding').type(file.type);
  reply.header('x-content-type-options', 'nosniff').header('content-security-policy', WEB_CSP);
  if (file.brotli && /\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(file.brotli);
  if (file.gzip && /\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Reads the build output once at start-up (a few hundred kB), with the `.gz`/`.br` files the build wrote. */
function loadFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (name.endsWith('.gz') || name.endsWith('.br')) continue;
      const url = '/' + relative(root, path).split(sep).join('/');
      files.set(url, {
        type: TYPES[extname(name)] ?? 'application/octet-stream',
        body: readFileSync(path),
        gzip: existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : undefined,
        brotli: existsSync(`${path}.br`) ? readFileSync(`${path}.br`) : undefined,
      });
    }
  };
  walk(root);
  return files;
}

/** `dist/web` of the project this file belongs to, whether it runs from `src/web` (tests) or `dist/src/web`. */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}
