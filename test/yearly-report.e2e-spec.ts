import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;
const SEATS = ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente'];
const K = 3;

/**
 * Issue 15, items 5-6: the yearly report generated from the data with the non-traceability rules, reviewed by the
 * secretariat, approved by the Kerngroep by the usual decision rule, then public without sign-in (JSON, PDF, CSV);
 * a supporter sees it and the headline minutes, and nothing individual.
 */
describe('yearly report (art. 14, 33, 51; issue 15 items 5-6)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of [...SEATS, 'secretariaat', 'precisie-delft', 'kenniscentrum-metalen']) tokens[slug] = await t.login(email(slug));
  });
  afterAll(() => t?.close());

  const as = (slug: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', `Bearer ${tokens[slug]}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('authorization', `Bearer ${tokens[slug]}`).send(body),
  });

  it('bad input: a year outside the agreement is 422 naming the year; a malformed year 400; nothing is written', async () => {
    for (const y of [2024, 2031]) {
      const res = await as('secretariaat').post('/api/v1/yearly-reports', { year: y });
      expect(res.status, String(y)).toBe(422);
      expect(res.body.details).toEqual([{ field: 'year', problem: expect.stringContaining('2025-2029') }]);
    }
    const bad = await as('secretariaat').post('/api/v1/yearly-reports', { year: 'last' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('year');
    expect((await t.http().get('/api/v1/public/yearly-reports/soon')).status).toBe(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM yearly_reports`);
    expect(n).toBe(0);
  });

  it('every figure is protected: counts are 0 or ≥ k, computed from the rows, and the withheld part cannot be derived from the total', async () => {
    // Give one company a red signal in year 2: one company alone is never shown.
    const [company] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'precisie-delft'`);
    await t.db.query(`DELETE FROM monitoring_results WHERE round = 'year2'`);
    const others = await t.db.query(`SELECT id FROM organisations WHERE kind = 'company' AND status = 'active' AND id <> $1 ORDER BY slug LIMIT 4`, [company.id]);
    for (const o of others) await t.db.query(`INSERT INTO monitoring_results (company_id, round, final_score, signal, advice) VALUES ($1, 'year2', 70, 'green', 'x')`, [o.id]);
    await t.db.query(`INSERT INTO monitoring_results (company_id, round, final_score, signal, advice) VALUES ($1, 'year2', 20, 'red', 'x')`, [company.id]);
    const res = await as('secretariaat').post('/api/v1/yearly-reports', { year });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('draft');
    const year2 = res.body.content.monitoring.find((m: { round: string }) => m.round === 'year2');
    // green 4 would give red away as 5 - 4: both are withheld, and the withheld part is then 5 ≥ k.
    expect(year2).toEqual({ round: 'year2', total: 5, counts: { green: null, orange: 0, red: null } });
    const raw: Array<{ round: string; signal: string; n: number }> = await t.db.query(`SELECT round, signal, count(*)::int AS n FROM monitoring_results GROUP BY 1, 2`);
    for (const m of res.body.content.monitoring) {
      for (const [signal, v] of Object.entries(m.counts as Record<string, number | null>)) {
        const n = raw.find((r) => r.round === m.round && r.signal === signal)?.n ?? 0;
        if (v !== null) expect(v).toBe(n);
        if (v !== null) expect(v === 0 || v >= K).toBe(true);
      }
    }
    for (const p of Object.values(res.body.content.cases as Record<string, { counts: Record<string, number | null> }>))
      for (const v of Object.values(p.counts)) if (v !== null) expect(v === 0 || v >= K).toBe(true);
  });

  it('who: a party that holds no seat neither generates nor reads drafts; a supporter neither; the public sees nothing before approval', async () => {
    expect((await as('precisie-delft').post('/api/v1/yearly-reports', { year })).status).toBe(403);
    expect((await as('precisie-delft').get(`/api/v1/yearly-reports/${year}`)).status).toBe(403);
    expect((await as('kenniscentrum-metalen').get(`/api/v1/yearly-reports/${year}`)).status).toBe(403);
    expect((await as('staalwerk-twente').post(`/api/v1/yearly-reports/${year}/submit`)).status).toBe(403);
    // A Kerngroep member reads the draft it will vote on.
    expect((await as('staalwerk-twente').get(`/api/v1/yearly-reports/${year}`)).status).toBe(200);
    expect((await t.http().get(`/api/v1/public/yearly-reports/${year}`)).status).toBe(404);
    expect((await t.http().get(`/api/v1/public/yearly-reports/${year}/pdf`)).status).toBe(404);
    expect((await t.http().get('/api/v1/yearly-reports')).status).toBe(401);
  });

  it('the secretariat puts the draft before the Kerngroep, which approves it by the decision rule; then it is public: JSON, PDF and CSV without a token', async () => {
    const draft = (await as('secretariaat').get(`/api/v1/yearly-reports/${year}`)).body;
    const submitted = await as('secretariaat').post(`/api/v1/yearly-reports/${year}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'awaiting_ruling', sha256: draft.sha256 });
    // Frozen: no regeneration and no second submission while the Kerngroep votes.
    expect((await as('secretariaat').post('/api/v1/yearly-reports', { year })).status).toBe(409);
    expect((await as('secretariaat').post(`/api/v1/yearly-reports/${year}/submit`)).status).toBe(409);
    expect((await t.http().get(`/api/v1/public/yearly-reports/${year}`)).status).toBe(404);
    const caseId = submitted.body.caseId;
    for (const slug of SEATS) {
      const v = await as(slug).post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
      expect(v.status, `${slug} ${JSON.stringify(v.body)}`).toBe(201);
    }
    const [c] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [caseId]);
    expect(c.state).toBe('published');

    const pub = await t.http().get(`/api/v1/public/yearly-reports/${year}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ year, sha256: draft.sha256 });
    expect(pub.body.content).toEqual(draft.content);
    expect((await t.http().get('/api/v1/public/yearly-reports')).body.items).toEqual([expect.objectContaining({ year, sha256: draft.sha256 })]);

    const pdf = await t.http().get(`/api/v1/public/yearly-reports/${year}/pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (x: Buffer) => chunks.push(x));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const csv = await t.http().get(`/api/v1/public/yearly-reports/${year}/csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('section,group,item,value,note');
    expect(lines).toContain('monitoring signals,year2,total,5,');
    expect(lines).toContain(`monitoring signals,year2,red,,withheld (fewer than ${K})`);

    // Nothing individual: no organisation's name, slug or id, and no person, in any of the three.
    const orgs: Array<{ id: string; name: string; slug: string }> = await t.db.query(`SELECT id::text, name, slug FROM organisations`);
    const people: Array<{ email: string; name: string }> = await t.db.query(`SELECT email, name FROM people`);
    const text = JSON.stringify(pub.body) + csv.text;
    for (const o of orgs) for (const v of [o.id, o.name, o.slug]) expect(text, v).not.toContain(v);
    for (const p of people) for (const v of [p.email, p.name]) expect(text, v).not.toContain(v);
  });

  it('a supporter that signed the supporters\' protocol reads the headline minutes (never votes, names or reasons) and the public report, and nothing individual', async () => {
    const sup = as('kenniscentrum-metalen');
    expect((await sup.get('/api/v1/kerngroep/rulings')).status).toBe(403);
    const texts = (await sup.get('/api/v1/ndas/texts')).body;
    const protocol = (Array.isArray(texts) ? texts : texts.items).find((x: { kind: string }) => x.kind === 'supporters-protocol');
    const signed = await sup.post('/api/v1/ndas/signatures', { kind: 'supporters-protocol', sha256: protocol.sha256, signerName: 'Karin Kennis' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    const minutes = await sup.get('/api/v1/kerngroep/rulings');
    expect(minutes.status).toBe(200);
    const report = minutes.body.items.find((h: { proposal: { year?: number } }) => h.proposal.year === year);
    expect(report).toMatchObject({ outcome: 'approved', basis: 'consensus' });
    expect(JSON.stringify(minutes.body)).not.toMatch(/"votes"|"reasons"|"person"/);
    expect((await sup.get(`/api/v1/public/yearly-reports/${year}`)).status).toBe(200);
    // Not a party: no aggregated list (art. 19), no draft, no case, no monitoring result.
    expect((await sup.get(`/api/v1/aggregated-list?year=${year}`)).status).toBe(403);
    expect((await sup.get('/api/v1/yearly-reports')).status).toBe(403);
    const cases = await sup.get('/api/v1/cases');
    expect(cases.status === 403 || (cases.status === 200 && cases.body.items.length === 0)).toBe(true);
  });
});
