import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';

describe('quiet answers (issue 12, item 5)', () => {
  let t: TestApp;
  let auth: { authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    auth = { authorization: `Bearer ${await t.login(SECRETARIAT)}` };
  });
  afterAll(() => t?.close());

  it('every /api answer says Cache-Control: no-store — success, refusal, error and unknown route alike', async () => {
    const answers = [
      await t.http().get('/api/v1/me').set(auth),
      await t.http().get('/api/v1/organisations').set(auth),
      await t.http().get('/api/v1/me'),
      await t.http().post('/api/v1/auth/login').send({ email: 'x@example.test', password: 'wrong' }),
      await t.http().post('/api/v1/organisations').set(auth).send({ name: 12 }),
      await t.http().get('/api/v1/does-not-exist').set(auth),
      await t.http().get('/%61pi/v1/me').set(auth),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 401, 400, 404, 200]);
    for (const [i, res] of answers.entries()) expect(res.headers['cache-control'], `answer ${i} (${res.status})`).toBe('no-store');
  });

  it('no example in the OpenAPI document shows a real password', async () => {
    const res = await t.http().get('/docs-json');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(t.config.demoPassword);
    expect(res.body.components.schemas.LoginDto.properties.password).toMatchObject({ format: 'password' });
  });

  it('a list of monitoring results is audited once per request, naming every result shown and its grant', async () => {
    const [{ seq }] = await t.db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM audit_log`);
    const res = await t.http().get('/api/v1/monitoring/results?pageSize=100').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(1);
    const entries = await t.db.query(`SELECT action, grant_type, details FROM audit_log WHERE seq > $1 ORDER BY seq`, [seq]);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['monitoring.list']);
    const shown = res.body.items.map((i: { id: string }) => i.id).sort();
    expect(entries[0].details.results.map((r: { id: string }) => r.id).sort()).toEqual(shown);
    expect(entries[0].details.results.every((r: { grant?: { type: string } }) => typeof r.grant?.type === 'string')).toBe(true);
  });
});

describe('/docs and /docs-json with API_DOCS=signed-in, the production default (issue 12, item 5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t?.close());

  it('production defaults to signed-in', () => {
    expect(t.config.apiDocs).toBe('signed-in');
  });

  it('answers 401 in the API error shape without a live bearer token, and the document with one', async () => {
    for (const path of ['/docs', '/docs/', '/docs-json', '/docs/swagger-ui-init.js', '/%64ocs-json', '/docs-json?x=1', '/docs/index.html']) {
      const anonymous = await t.http().get(path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body, path).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(anonymous.text, path).not.toContain('/api/v1/');
      const forged = await t.http().get(path).set('authorization', 'Bearer not.a.token');
      expect(forged.status, path).toBe(401);
    }
    const token = await t.login(SECRETARIAT);
    const res = await t.http().get('/docs-json').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/auth/login');
    expect(res.headers['cache-control']).toBe('no-store');
    // a signed-out session's token no longer opens it
    await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${token}`);
    expect((await t.http().get('/docs-json').set('authorization', `Bearer ${token}`)).status).toBe(401);
  });
});

describe('/docs-json with API_DOCS=public in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', API_DOCS: 'public' } });
  });
  afterAll(() => t?.close());

  it('is served to anyone', async () => {
    expect((await t.http().get('/docs-json')).status).toBe(200);
  });
});
