import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPA_SECTIONS } from '../../src/web/spa-sections.js';
import { BROWSER_HOOK_TIMEOUT, startWebApp, type WebApp } from '../support/browser.js';

/**
 * How the service serves the built front end (issue 8, items 1, 8, 9), over real HTTP without a browser: the
 * sections answer index.html under the strict CSP, assets are hashed, precompressed and cached, /api, /docs and
 * /health keep their own answers, and every path the front end links to lies in a section the service answers.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('web: serving the front end', () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await web?.close();
  });

  it('answers / and every section with index.html under a strict Content-Security-Policy', async () => {
    for (const path of ['/', ...SPA_SECTIONS.map((s) => `/${s}`), '/ngo/monitoring', '/cases/0b7d3c52-0000-4000-8000-000000000000']) {
      const res = await fetch(`${web.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy')!;
      for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"])
        expect(csp, path).toContain(directive);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      const html = await res.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      expect(html).not.toMatch(/<style|\sstyle=/); // no inline style
    }
  });

  it('serves hashed assets precompressed and cached for a year; unknown files are 404', async () => {
    const html = await (await fetch(`${web.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const gz = await fetch(`${web.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gz.headers.get('content-type')).toContain('text/javascript');
    const br = await fetch(`${web.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect((await fetch(`${web.url}/assets/nope.js`)).status).toBe(404);
  });

  it("ships React's production build, however the build was started (the test runner sets NODE_ENV=test)", async () => {
    const html = await (await fetch(`${web.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await (await fetch(`${web.url}${script}`, { headers: { 'accept-encoding': 'identity' } })).text();
    expect(js).not.toContain('is deprecated in plain JavaScript React classes');
    // first load stays small for partners on slow connections (issue 8 item 8): React + the shell, minified
    expect(js.length).toBeLessThan(400_000);
  });

  it('leaves /api, /docs and /health to the service', async () => {
    const api = await fetch(`${web.url}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { statusCode: number }).statusCode).toBe(404);
    expect((await fetch(`${web.url}/api/v1/me`)).status).toBe(401);
    expect((await fetch(`${web.url}/docs`)).status).toBe(200);
    expect((await fetch(`${web.url}/health`)).status).toBe(200);
    expect((await fetch(`${web.url}/elsewhere`)).status).toBe(404); // not a section: no index.html fallback
  });

  it('links only to paths in the sections the service answers (a reload never 404s)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(join(root, 'web', 'src'));
    const targets = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:\bto[=:]\s*\{?\s*|navigate\(|Redirect to=\{?|return )[`'"](\/[a-z][a-z0-9-]*)/g)) targets.add(m[1]);
    }
    expect(targets.size).toBeGreaterThan(5);
    const sections = new Set<string>(SPA_SECTIONS);
    for (const target of targets) expect(sections.has(target.slice(1)), target).toBe(true);
  });
});
