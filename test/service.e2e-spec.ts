import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../src/bootstrap.js';
import { demoEmail } from '../src/database/seed/demo-sector.data.js';
import { seedDemoIfEmpty } from '../src/database/seed/seed.js';
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

  it('opens the demo cases through the API, so every demo role finds work waiting (issue 8)', async () => {
    const cases = await t.db.query(
      `SELECT c.id, c.type, c.state, o.slug AS requester FROM cases c JOIN organisations o ON o.id = c.requester_organisation_id ORDER BY c.created_at`,
    );
    expect(cases.map((c: { type: string; state: string; requester: string }) => [c.requester, c.type, c.state])).toEqual([
      ['kivu-mining-watch', 'disclosure', 'awaiting_consent'],
      ['sindicato-potosi', 'disclosure', 'awaiting_ruling'],
      ['koperwerk-zeeland', 'restriction', 'awaiting_ruling'],
    ]);
    const [kivu, potosi, restriction] = cases.map((c: { id: string }) => c.id);
    const as = async (slug: string) => {
      const token = await t.login(demoEmail(slug));
      return (path: string) => t.http().get(path).set('authorization', `Bearer ${token}`);
    };
    // the companies whose lists hold the Nord-Kivu cobalt mine each have a consent request to answer (art. 19)
    for (const company of ['staalwerk-twente', 'gieterij-de-hoop', 'precisie-delft']) {
      const res = await (await as(company))(`/api/v1/cases/${kivu}`);
      expect(res.status, company).toBe(200);
      expect(res.body.myConsent.status, company).toBe('pending');
      expect(res.body.myConsent.entries.length, company).toBeGreaterThan(0);
    }
    // the company's list shows the next deadline (the consent round) without fetching the case
    const listed = (await (await as('gieterij-de-hoop'))('/api/v1/cases')).body.items.find((c: { id: string }) => c.id === kivu);
    const detail = (await (await as('gieterij-de-hoop'))(`/api/v1/cases/${kivu}`)).body;
    expect(detail.deadlines.length).toBeGreaterThan(0);
    expect(listed.nextDeadline).toEqual(detail.deadlines[0]);
    expect(detail.nextDeadline).toEqual(detail.deadlines[0]);
    expect(listed.deadlines).toBeUndefined();
    // the ruling went as the agreement says: consensus of the four seats; issue 11 changed this rule (art. 84): an
    // art-22 request recuses nobody, so the companies' seat voted itself instead of a substitute
    const seen = await (await as('metaalbond'))(`/api/v1/cases/${kivu}`);
    expect(seen.body.ruling).toMatchObject({ stage: 'decided', outcome: 'approved', basis: 'consensus' });
    expect(seen.body.deliberation.votes).toHaveLength(4);
    expect(seen.body.deliberation.votes.map((v: { capacity: string }) => v.capacity)).toEqual(['fixed', 'fixed', 'fixed', 'fixed']);
    // the Kerngroep has two matters open: every seat may vote, before the vote's deadline (art. 49)
    const open = await (await as('metaalbond'))(`/api/v1/cases/${potosi}`);
    expect(open.body.deliberation.seats.every((x: { isRecused: boolean }) => !x.isRecused)).toBe(true);
    expect(open.body.deliberation.votes).toEqual([]);
    expect(open.body.deliberation.notVoted).toEqual(['unions', 'ngos', 'branch_orgs', 'companies']);
    expect(open.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['vote']);
    expect(open.body.deadlines[0].dueAt).toBe(open.body.ruling.voteDueAt);
    expect((await (await as('mensenrechten-monitor'))(`/api/v1/cases/${restriction}`)).body.deliberation.votes).toEqual([]);
    const token = await t.login('metaalbond@demo.ketenkluis.test');
    const vote = await t.http().post(`/api/v1/cases/${potosi}/votes`).set('authorization', `Bearer ${token}`).send({ vote: 'for' });
    expect(vote.status, JSON.stringify(vote.body)).toBe(201);
    // a restart never adds the demo cases again
    const again = await seedDemoIfEmpty(t.app, t.config);
    expect(again).toBe(false);
    expect((await t.db.query('SELECT count(*)::int AS n FROM cases'))[0].n).toBe(3);
    // every step went through the audited API: three requests filed, four votes cast before this test's own
    const audited = await t.db.query(`SELECT action, count(*)::int AS n FROM audit_log WHERE action IN ('cases.file', 'kerngroep.vote') GROUP BY action ORDER BY action`);
    expect(audited).toEqual([{ action: 'cases.file', n: 3 }, { action: 'kerngroep.vote', n: 5 }]);
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
