import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, orgId, uploadList } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Progress in chain transparency (art. 18; issue 15, item 2) through HTTP on the real app and PostgreSQL: a company's
 * list year over year for the company and the secretariat, another company refused, and the other parties' view
 * only across companies under the aggregated list's threshold k (AGGREGATION_MIN_COMPANIES = 3).
 */
const A = 'Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt';
const B = 'Bravo Mine,Pit 2,,Masisi,CD,CD-NK,mining,cobalt';
const C = 'Charlie Smelter,Weg 3,,Lubumbashi,CD,,smelting,cobalt';
const D = 'Delta Refinery,Road 4,,Ganzhou,CN,,refining,cobalt';
const E = 'Echo Works,Straat 5,1234 AB,Eindhoven,NL,,manufacturing,steel';

describe('progress in chain transparency (art. 18)', () => {
  let t: TestApp;
  let secretariat: Api;
  let staalwerk: Api;
  let gieterij: Api;
  let staalwerkId: string;

  beforeAll(async () => {
    t = await startTestApp();
    secretariat = await as(t, 'secretariaat');
    staalwerk = await as(t, 'staalwerk-twente');
    gieterij = await as(t, 'gieterij-de-hoop');
    staalwerkId = await orgId(t, 'staalwerk-twente');
    await uploadList(t, staalwerk, 2025, [`${A},1,,`, `${B},1,,`]);
    await uploadList(t, staalwerk, 2026, [`${A},1,,`, `${B},1,,`, `${C},2,,`]); // replaces the demo's list of 2026
    await uploadList(t, staalwerk, 2027, [`${A},1,,`, `${C},2,,`, `${D},2,,`, `${E},3+,,`]);
    await uploadList(t, gieterij, 2027, ['Foxtrot Forge,Weg 6,,Liège,BE,,processing,steel,1,,']);
    await uploadList(t, await as(t, 'metaalbouw-brabant'), 2027, ['Golf Metals,Weg 7,,Gent,BE,,trading,steel,1,,', 'Hotel Mine,Pit 8,,Potosí,BO,,mining,tin,3+,,']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expected = [
    { year: 2025, suppliers: 2, added: 2, deepestTier: 1, tiers: [2, 0, 0], change: null },
    { year: 2026, suppliers: 3, added: 1, deepestTier: 2, tiers: [2, 1, 0], change: 1 },
    { year: 2027, suppliers: 4, added: 2, deepestTier: 3, tiers: [1, 2, 1], change: 1 },
  ];

  it('art. 18: the company sees how its own list grew per year — suppliers, those added, the tiers reached', async () => {
    const res = await staalwerk.get(`/api/v1/transparency-progress/${staalwerkId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ companyId: staalwerkId, years: expected });
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'transparency-progress.read' AND object_id = $1`, [staalwerkId]);
    expect(audit.details).toEqual({ years: 3 });
  });

  it('art. 18-19: the secretariat sees the same figures for each company', async () => {
    const res = await secretariat.get(`/api/v1/transparency-progress/${staalwerkId}`);
    expect(res.status).toBe(200);
    expect(res.body.years).toEqual(expected);
  });

  it("another company's progress is the one 404; other parties may not read a company's progress at all", async () => {
    const other = await gieterij.get(`/api/v1/transparency-progress/${staalwerkId}`);
    const unknown = await gieterij.get('/api/v1/transparency-progress/00000000-0000-4000-8000-00000000dead');
    expect(other.status).toBe(404);
    expect(other.text).toBe(unknown.text);
    expect(other.text).not.toContain(staalwerkId);
    for (const slug of ['mensenrechten-monitor', 'metaalbond', 'branche-metaal', 'kenniscentrum-metalen', 'kivu-mining-watch']) {
      expect((await (await as(t, slug)).get(`/api/v1/transparency-progress/${staalwerkId}`)).status, slug).toBe(403);
    }
  });

  it('art. 18-19: other parties see it only across companies: years with fewer than k companies left out, small tier cells suppressed', async () => {
    const ngo = await as(t, 'mensenrechten-monitor');
    const res = await ngo.get('/api/v1/transparency-progress/aggregated');
    expect(res.status).toBe(200);
    expect(res.body.minCompanies).toBe(3);
    const years = res.body.years as Array<{ year: number; companies: number; suppliers: number; added: number; deepestTier: Array<{ tier: number; companies: number | null }> }>;
    // 2025: one company gave a list — not shown at all
    expect(years.map((y) => y.year)).toEqual([2026, 2027]);
    expect(years.find((y) => y.year === 2026)!.companies).toBe(6);
    // 2027: three companies (4 + 1 + 2 suppliers, 2 + 1 + 2 new); deepest tier 1: one company, tier 3: two — both below k
    expect(years.find((y) => y.year === 2027)).toEqual({
      year: 2027, companies: 3, suppliers: 7, added: 5,
      deepestTier: [{ tier: 1, companies: null }, { tier: 2, companies: 0 }, { tier: 3, companies: null }],
    });
    expect(res.text).not.toContain(staalwerkId);
    expect(res.text).not.toMatch(/Staalwerk|Gieterij|Metaalbouw/);
    // a supporter is no party (art. 40): no aggregated figures of the parties' lists either
    expect((await (await as(t, 'kenniscentrum-metalen')).get('/api/v1/transparency-progress/aggregated')).status).toBe(403);
    expect((await staalwerk.get('/api/v1/transparency-progress/aggregated')).status).toBe(200);
    expect((await secretariat.get('/api/v1/transparency-progress/aggregated')).status).toBe(200);
  });
});
