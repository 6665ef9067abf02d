import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, entryIds, orgId, signDisclosureClause, snapshot, uploadList } from './support/cases-helpers.js';

import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The art-23/24 restriction case (issue 6 item 4): a company asks to restrict disclosure of some entries, the
 * Kerngroep approves (as asked, or at a more general level) or rejects, and the approved level applies to every
 * later disclosure: the aggregated list (art. 19-20), art-21 answers and art-22 views — also after the company re-uploads its list.
 */
const YEAR = 2034;
const LIST = [
  'Secret Smelter,Industrial Zone 4,,Bunia,CD,Ituri,smelting,cobalt,2,,',
  'Open Mine,Hill 7,,Goma,CD,Nord-Kivu,mining,cobalt,3+,,',
  'Regional Refinery,Lake Road 1,,Bukavu,CD,Sud-Kivu,refining,cobalt,2,,',
];

describe('art-23/24 restriction case (art. 23-24, 49, 84)', () => {
  let t: TestApp;
  let staalwerk: Api, gieterij: Api, chair: Api, metaalbond: Api, monitor: Api, branche: Api, koperwerk: Api, kivu: Api, secretariat: Api;
  let ids: Record<string, string>;
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    // k = 1 so that a single company's cell is visible and the effect of one restriction can be seen.
    t = await startTestApp({ env: { AGGREGATION_MIN_COMPANIES: '1' } });
    [staalwerk, gieterij, chair, metaalbond, monitor, branche, koperwerk, kivu, secretariat] = await Promise.all(
      ['staalwerk-twente', 'gieterij-de-hoop', 'voorzitter', 'metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'koperwerk-zeeland',
        'kivu-mining-watch', 'secretariaat'].map((s) => as(t, s)),
    );
    await uploadList(t, staalwerk, YEAR, LIST);
    ids = await entryIds(t, staalwerk, YEAR);
  });
  afterAll(() => t?.close());

  /** The companies seat is recused (its holder asks): the chair appoints Koperwerk Zeeland, then the four seats vote. */
  async function rule(caseId: string, votes: [string, string, string, string]) {
    const sub = await chair.post(`/api/v1/cases/${caseId}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'koperwerk-zeeland') });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    let last;
    for (const [i, who] of [metaalbond, monitor, branche, koperwerk].entries()) last = await who.post(`/api/v1/cases/${caseId}/votes`, { vote: votes[i] });
    return last!;
  }

  it('only a company files, only for its own current entries, with grounds', async () => {
    expect((await monitor.post('/api/v1/cases', { type: 'restriction', grounds: 'x', locationIds: [ids['Open Mine']], level: 'hidden' })).status).toBe(403);
    const foreign = await gieterij.post('/api/v1/cases', { type: 'restriction', grounds: 'x', locationIds: [ids['Open Mine']], level: 'hidden' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].field).toBe('locationIds[0]');
    const noLevel = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'x', locationIds: [ids['Open Mine']] });
    expect(noLevel.status).toBe(400);
    expect(noLevel.body.details[0].field).toBe('level');
    const wrongType = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'x', locationIds: [ids['Open Mine']], level: 'hidden', scope: { countries: ['CD'] } });
    expect(wrongType.status).toBe(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(0);
  });

  it('approved as asked: the entry is hidden from every later disclosure', async () => {
    const res = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'Naming this smelter endangers the union representatives there', locationIds: [ids['Secret Smelter']], level: 'hidden' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ type: 'restriction', state: 'awaiting_ruling', restriction: { level: 'hidden' } });
    cases.hidden = res.body.id;
    // The asking company holds the companies seat: recused.
    expect((await staalwerk.post(`/api/v1/cases/${cases.hidden}/votes`, { vote: 'for' })).status).toBe(403);
    const last = await rule(cases.hidden, ['for', 'for', 'for', 'for']);
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'consensus' });
    const after = await staalwerk.get(`/api/v1/cases/${cases.hidden}`);
    expect(after.body.state).toBe('approved');
    expect(after.body.deliberation).toBeUndefined();
  });

  it('approved at a more general level: the chair proposes country level instead of hidden (art. 24)', async () => {
    const res = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'Competition: the refinery is a new, unannounced source', locationIds: [ids['Regional Refinery']], level: 'hidden' });
    cases.country = res.body.id;
    const bad = await chair.post(`/api/v1/cases/${cases.country}/transitions`, { action: 'propose', proposal: { level: 'street' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('proposal.level');
    expect((await chair.post(`/api/v1/cases/${cases.country}/transitions`, { action: 'propose', proposal: { level: 'country' } })).status).toBe(200);
    const last = await rule(cases.country, ['for', 'for', 'against', 'for']);
    expect(last.body).toMatchObject({ outcome: 'approved', basis: 'majority' });
    const [row] = await t.db.query(`SELECT restriction_level FROM production_locations WHERE id = $1`, [ids['Regional Refinery']]);
    expect(row.restriction_level).toBe('country');
  });

  it('rejected when not sufficiently substantiated: nothing changes for the entry', async () => {
    const res = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'We would rather not', locationIds: [ids['Open Mine']], level: 'hidden' });
    cases.rejected = res.body.id;
    const last = await rule(cases.rejected, ['against', 'against', 'against', 'for']);
    expect(last.body).toMatchObject({ outcome: 'rejected', basis: 'majority' });
    expect((await staalwerk.get(`/api/v1/cases/${cases.rejected}`)).body.state).toBe('rejected');
    const [row] = await t.db.query(`SELECT restriction_level FROM production_locations WHERE id = $1`, [ids['Open Mine']]);
    expect(row.restriction_level).toBe('none');
  });

  it('withdrawing is the asking company\'s move, only while the ruling is pending', async () => {
    const res = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'temporary', locationIds: [ids['Open Mine']], level: 'region' });
    const id = res.body.id;
    const before = await snapshot(t, id);
    expect((await secretariat.post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw' })).status).toBe(403);
    expect(await snapshot(t, id)).toBe(before);
    const w = await staalwerk.post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.state).toBe('withdrawn');
    const again = await snapshot(t, id);
    expect((await staalwerk.post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw' })).status).toBe(409);
    expect(await snapshot(t, id)).toBe(again);
  });

  it('a re-upload of the list keeps the approved levels (the same suppliers, matched by blind index)', async () => {
    await uploadList(t, staalwerk, YEAR, LIST);
    const fresh = await entryIds(t, staalwerk, YEAR);
    expect(fresh['Secret Smelter']).not.toBe(ids['Secret Smelter']);
    const rows = await t.db.query(`SELECT id, restriction_level FROM production_locations WHERE id = ANY($1::uuid[])`, [Object.values(fresh)]);
    const level = new Map(rows.map((r: { id: string; restriction_level: string }) => [r.id, r.restriction_level]));
    expect(level.get(fresh['Secret Smelter'])).toBe('hidden');
    expect(level.get(fresh['Regional Refinery'])).toBe('country');
    expect(level.get(fresh['Open Mine'])).toBe('none');
    ids = fresh;
  });

  it('honoured in the aggregated list: hidden entries are not counted, country-level entries have no region', async () => {
    // Art. 19-20: the aggregated list is for all parties; they read the version the secretariat publishes (issue 15).
    expect((await secretariat.post('/api/v1/aggregated-list/publications', { year: YEAR })).status).toBe(201);
    const list = await metaalbond.get(`/api/v1/aggregated-list?year=${YEAR}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const cells = list.body.cells as Array<{ country: string; region: string | null; activityType: string; locations: number }>;
    expect(cells.some((c) => c.activityType === 'smelting')).toBe(false);
    expect(cells.some((c) => c.region === 'Sud-Kivu')).toBe(false);
    expect(cells.filter((c) => c.activityType === 'refining' && c.country === 'CD').every((c) => c.region === null)).toBe(true);
    expect(cells.some((c) => c.activityType === 'refining' && c.country === 'CD')).toBe(true);
    expect(cells.some((c) => c.activityType === 'mining' && c.region === 'Nord-Kivu')).toBe(true);
  });

  it('honoured in art-21 answers: a hidden entry never makes its company appear, a country-level one is not matched by region', async () => {
    const cso = await as(t, 'groene-keten');
    const texts = await cso.get('/api/v1/ndas/texts');
    const clause = texts.body.find((x: { kind: string }) => x.kind === 'company-region');
    expect((await cso.post('/api/v1/ndas/signatures', { kind: 'company-region', sha256: clause.sha256, signerName: 'Gijs Groen' })).status).toBe(201);
    const answer = async (region: string) => {
      // The country is one where nobody sources: only the region can match (art. 21 asks by country or region).
      const asked = await cso.post('/api/v1/company-region-requests', { countries: ['BO'], regions: [region], year: YEAR });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const released = await secretariat.post(`/api/v1/company-region-requests/${asked.body.id}/answer`, { decision: 'release' });
      expect(released.status, JSON.stringify(released.body)).toBe(200);
      return (released.body.companies as Array<{ name: string }>).map((c) => c.name);
    };
    expect(await answer('Nord-Kivu')).toContain('Staalwerk Twente B.V.'); // control: an unrestricted entry there
    expect(await answer('Ituri')).not.toContain('Staalwerk Twente B.V.'); // its only entry there is hidden
    expect(await answer('Sud-Kivu')).not.toContain('Staalwerk Twente B.V.'); // shared at country level only
  });

  it('honoured in art-22 views: hidden is never in scope; country level wins over a full consent', async () => {
    const req = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Reports of forced labour at cobalt sites in Lualaba province', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR } });
    expect(req.status).toBe(201);
    const id = req.body.id;
    // Issue 11 (art. 84): an art-22 request recuses nobody; the companies' seat holder votes itself.
    for (const who of [metaalbond, monitor, branche, staalwerk]) await who.post(`/api/v1/cases/${id}/votes`, { vote: 'for' });
    const consentView = await staalwerk.get(`/api/v1/cases/${id}`);
    expect(consentView.body.myConsent.entries.map((e: { id: string }) => e.id).sort()).toEqual([ids['Open Mine'], ids['Regional Refinery']].sort());
    expect((await staalwerk.post(`/api/v1/cases/${id}/consents`, { decision: 'approve' })).status).toBe(201);
    await signDisclosureClause(kivu, 'Amani Kivu');
    expect((await kivu.post(`/api/v1/cases/${id}/transitions`, { action: 'open-access' })).status).toBe(200);
    const seen = await kivu.get(`/api/v1/cases/${id}/disclosed-locations`);
    expect(seen.status).toBe(200);
    const byId = new Map(seen.body.items.map((e: { id: string }) => [e.id, e]));
    expect(byId.size).toBe(2);
    expect(byId.get(ids['Open Mine'])).toMatchObject({ level: 'full', supplierName: 'Open Mine' });
    expect(byId.get(ids['Regional Refinery'])).toMatchObject({ level: 'country', supplierName: null, region: null, country: 'CD' });
    expect(JSON.stringify(seen.body)).not.toContain('Secret Smelter');
  });
});
