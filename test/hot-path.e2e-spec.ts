import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsDuring } from './support/statements.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = 'demo.ketenkluis.test';
const NGO = `mensenrechten-monitor@${D}`;

/**
 * Issue 18, the authorized read's hot path: the CASL ability is built once per set of inputs and reused across
 * requests, but the facts it is built from are read fresh every request — so a revoked NDA or a lost module counts
 * on the very next request, and a new signature is the grant the audit entry names. Helmet's headers, now set by a
 * middleware built once, are still on every answer.
 */
describe('hot path: a memoised ability never outlives its facts', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let secretariat: { Authorization: string };
  let url: string;
  let orgId: string;

  const sign = async () => {
    const texts = await t.http().get('/api/v1/ndas/texts').set(auth);
    const cso = texts.body.find((x: { kind: string }) => x.kind === 'cso-monitoring');
    const signed = await t.http().post('/api/v1/ndas/signatures').set(auth).send({ kind: 'cso-monitoring', sha256: cso.sha256, signerName: 'Mira Monitor' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    return signed.body.id as string;
  };
  const lastGrant = async () =>
    (await t.db.query(`SELECT grant_type, grant_id FROM audit_log WHERE action = 'monitoring.read' ORDER BY seq DESC LIMIT 1`))[0];

  beforeAll(async () => {
    t = await startTestApp();
    auth = { Authorization: `Bearer ${await t.login(NGO)}` };
    secretariat = { Authorization: `Bearer ${await t.login(`secretariaat@${D}`)}` };
    const [company] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
    [{ id: orgId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'mensenrechten-monitor'`);
    url = `/api/v1/monitoring/results/${company.id}/baseline`;
  });
  afterAll(() => t?.close());

  it('a revoked NDA refuses the next request; a new signature is the grant of the one after', async () => {
    expect((await t.http().get(url).set(auth)).status).not.toBe(200);
    const first = await sign();
    for (let i = 0; i < 3; i++) expect((await t.http().get(url).set(auth)).status).toBe(200); // built once, reused
    expect(await lastGrant()).toMatchObject({ grant_type: 'nda', grant_id: first });

    const revoked = await t.http().post(`/api/v1/ndas/signatures/${first}/revoke`).set(secretariat).send({ reason: 'test' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBeLessThan(300);
    expect((await t.http().get(url).set(auth)).status).not.toBe(200);

    const second = await sign();
    expect((await t.http().get(url).set(auth)).status).toBe(200);
    expect(await lastGrant()).toMatchObject({ grant_type: 'nda', grant_id: second });
  });

  it('a fact changed behind the API (module participation removed in the database) counts on the next request', async () => {
    expect((await t.http().get(url).set(auth)).status).toBe(200);
    const modules = await t.db.query(`SELECT * FROM module_participations WHERE organisation_id = $1`, [orgId]);
    expect(modules.length).toBeGreaterThan(0);
    await t.db.query(`DELETE FROM module_participations WHERE organisation_id = $1`, [orgId]);
    try {
      expect((await t.http().get(url).set(auth)).status).not.toBe(200);
    } finally {
      for (const m of modules) {
        const cols = Object.keys(m);
        await t.db.query(`INSERT INTO module_participations (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => m[c]));
      }
    }
    expect((await t.http().get(url).set(auth)).status).toBe(200);
  });

  it('a route reads only the facts of its subject in its session statement, and /me still shows the NDAs in force', async () => {
    // the statements a request sends, captured at the driver
    const sent = async (path: string) => {
      const { result: res, statements } = await statementsDuring(() => t.http().get(path).set(auth));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { body: res.body as Record<string, unknown>, session: statements.find((x) => x.text.includes('FROM sessions s'))!.text,
        // the statements with this text (the outbox worker and the scheduler may run meanwhile, the audit batch follows)
        reading: (table: string) => statements.filter((x) => x.text.includes(table)).map((x) => x.text),
      };
    };
    const me = await sent('/api/v1/me');
    // Me's rules use no fact; /me shows the NDAs (`shows`), so those are read, and no case grant, seat or module fact
    expect(me.session).toContain('nda_signatures');
    expect(me.session).not.toMatch(/case_consents|ruling_seats|current_module_participations mp/);
    expect(me.body.activeNdas).toEqual([expect.objectContaining({ kind: 'cso-monitoring' })]);
    // its own read (ME_VIEW: module participation with dates, the affiliation) is in that statement: one round trip
    expect(me.reading('FROM current_module_participations m WHERE')).toEqual([me.session]);
    expect(me.reading('FROM organisations a WHERE')).toEqual([me.session]);
    const joined = await t.db.query(`SELECT module, joined_at FROM current_module_participations WHERE organisation_id = (SELECT organisation_id FROM people WHERE email = $1) ORDER BY module`, [NGO]);
    expect(me.body.modules).toEqual(joined.map((m: { module: string; joined_at: Date }) => ({ module: m.module, joinedAt: m.joined_at.toISOString() })));
    // the monitoring result's rules use NDAs and modules, no case grant
    const result = await sent(url);
    expect(result.session).toContain('nda_signatures');
    expect(result.session).toContain('current_module_participations');
    expect(result.session).not.toMatch(/case_consents|ruling_seats/);
    // and the result itself is read in that statement (RESULT_BY_KEY): nothing else before the audit entry's batch
    expect(result.session).toContain('monitoring_results r');
    expect(result.reading('FROM monitoring_results r JOIN organisations o')).toEqual([result.session]);
    // the same result as the list shows it (read by its own statement), field for field
    const list = await t.http().get('/api/v1/monitoring/results?round=baseline').set(auth);
    expect(list.body.items.find((x: { id: string }) => x.id === result.body.id)).toEqual(result.body);
    // parameters the guard reads before the validation pipe: malformed ones are the route's 400, a missing result its 404
    expect((await t.http().get(url.replace(/results\/[^/]+/, 'results/not-a-uuid')).set(auth)).status).toBe(400);
    expect((await t.http().get(url.replace(/baseline$/, 'year9')).set(auth)).status).toBe(400);
    expect((await t.http().get(url.replace(/baseline$/, 'year4')).set(auth)).status).toBe(404);
    // a UUID in capitals names the same company, as PostgreSQL reads it
    const upper = await t.http().get(url.replace(/results\/([^/]+)/, (_, id: string) => `results/${id.toUpperCase()}`)).set(auth);
    expect(upper.status).toBe(200);
    expect(upper.body).toEqual(result.body);
  });

  it("every API answer still carries helmet's headers", async () => {
    const res = await t.http().get('/api/v1/me').set(auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
