import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../src/bootstrap.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the service on an empty database (issue 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'empty', env: { SEED_DEMO: 'auto' } });
  });
  afterAll(() => t?.close());

  it('applies the migrations and seeds the demo sector', async () => {
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM organisations');
    expect(count).toBe(17);
    const kinds = await t.db.query('SELECT kind, count(*)::int AS n FROM organisations GROUP BY kind ORDER BY kind');
    expect(Object.fromEntries(kinds.map((r: { kind: string; n: number }) => [r.kind, r.n]))).toEqual({
      company: 6,
      ngo: 3,
      union: 2,
      branch_org: 1,
      local_partner: 2,
      secretariat: 1,
      supporter: 2,
    });
  });

  it('answers /health with 200 while the database answers', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers an unknown route with 404 in the API error shape', async () => {
    const res = await t.http().get('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Route not found' });
  });
});

describe('the OpenAPI document (issue 3, item 9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('/docs-json lists every API route the app serves', async () => {
    const res = await t.http().get('/docs-json');
    expect(res.status).toBe(200);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const served = routesOf(t.app)
      .filter((r) => r.url.startsWith('/api/') || r.url === '/health')
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${r.url}`);
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('/docs serves the API explorer', async () => {
    const res = await t.http().get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });
});
