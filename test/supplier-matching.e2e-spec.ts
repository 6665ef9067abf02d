import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, entryIds, orgId, signDisclosureClause } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 16 end to end through HTTP (art. 22 step 7): the secretariat finds every member company that sources from a
 * reported supplier however it spells it. Staalwerk's "Alpha Mine, Pit 1" (with its OS ID) is reported; the other
 * companies list:
 * - Gieterij  "ALPHA MINE S.A.R.L., Pit 1"          the same exact blind index → one identity, proposed;
 * - Koperwerk "Alpha Mines SARL, Pit No. 1"          fuzzy indexes, score at the top → proposed;
 * - Metaalbouw "Alpha Mine Kivu, Site 1"             fuzzy, score between the thresholds → review (confirmed);
 * - Precisie  "Alpha Mine, Pit 9"                    fuzzy, another pit → review (rejected);
 * - Recycling "Walikale Cassiterite Ltd, Bisie Rd 3" nothing alike but the same OS ID → proposed at once;
 * - Metaalbouw "Omega Smelter, Havenweg 4"          nothing in common → never a candidate.
 * Nothing reaches a company before the secretariat confirms it; the requester never sees a match.
 */
const YEAR = 2041;
const HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,os_id';
const OS_ID = 'CD2020153AB12CD3';

async function upload(t: TestApp, who: Api, rows: string[], year = YEAR) {
  return t.http().post(`/api/v1/production-locations/uploads?year=${year}`).set('authorization', `Bearer ${who.token}`)
    .attach('file', Buffer.from([HEADER, ...rows].join('\n') + '\n'), 'list.csv');
}

describe('issue 16: every buyer of a reported supplier, however it is spelled; the secretariat decides the uncertain ones', () => {
  let t: TestApp;
  let kivu: Api, secretariat: Api, staalwerk: Api, gieterij: Api, koperwerk: Api, metaalbouw: Api, precisie: Api, recycling: Api;
  let ids: Record<string, Record<string, string>>;
  let org: Record<string, string>;
  let caseId: string;
  let candidates: Array<{ id: string; status: string; method: string; score: number; company: { id: string; name: string }; reported: { supplierName: string }; candidate: { supplierName: string; address: string } }>;

  beforeAll(async () => {
    t = await startTestApp();
    [kivu, secretariat, staalwerk, gieterij, koperwerk, metaalbouw, precisie, recycling] = await Promise.all(
      ['kivu-mining-watch', 'secretariaat', 'staalwerk-twente', 'gieterij-de-hoop', 'koperwerk-zeeland', 'metaalbouw-brabant', 'precisie-delft', 'recycling-rijnmond']
        .map((s) => as(t, s)),
    );
    const lists: Array<[Api, string[]]> = [
      [staalwerk, [`Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+,${OS_ID}`]],
      [gieterij, ['ALPHA MINE S.A.R.L.,Pit 1,,Walikale,CD,CD-NK,trading,tin,1,']],
      [koperwerk, ['Alpha Mines SARL,Pit No. 1,,Walikale,CD,CD-NK,trading,tin,1,']],
      [metaalbouw, ['Alpha Mine Kivu,Site 1,,Walikale,CD,CD-NK,trading,tin,1,', 'Omega Smelter,Havenweg 4,,Walikale,CD,CD-NK,trading,tin,1,']],
      [precisie, ['Alpha Mine,Pit 9,,Walikale,CD,CD-NK,trading,tin,1,']],
      [recycling, [`Walikale Cassiterite Ltd,Bisie Rd 3,,Walikale,CD,CD-NK,trading,tin,1,${OS_ID.toLowerCase()}`]],
    ];
    for (const [who, rows] of lists) {
      const res = await upload(t, who, rows);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    ids = {};
    org = {};
    for (const [k, a] of Object.entries({ staalwerk, gieterij, koperwerk, metaalbouw, precisie, recycling })) ids[k] = await entryIds(t, a, YEAR);
    for (const s of ['staalwerk-twente', 'gieterij-de-hoop', 'koperwerk-zeeland', 'metaalbouw-brabant', 'precisie-delft', 'recycling-rijnmond']) org[s] = await orgId(t, s);
  });
  afterAll(() => t?.close());

  it('issue 16 item 4: an OS ID in the wrong format is refused naming the row and the field; nothing stored', async () => {
    const res = await upload(t, staalwerk, ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+,OS-12345'], YEAR + 1);
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([{ row: 1, field: 'os_id', problem: 'is not an Open Supply Hub ID (2-letter country, 7 digits, 7 letters or digits)' }]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM production_location_lists WHERE year = $1`, [YEAR + 1]))[0].n).toBe(0);
  });

  it('issue 16 item 5: duplicates within one list come back as a warning naming the rows; the list is accepted', async () => {
    const res = await upload(t, precisie, [
      'Beta Quarry,Pit 9,,Masisi,CD,CD-NK,trading,tin,1,',
      'Tata Precision Castings Pvt. Ltd.,"Plot 12, MIDC Bhosari",411026,Pune,IN,,processing,steel,1,',
      'Omega Smelter,Havenweg 4,,Walikale,CD,CD-NK,trading,tin,1,',
      'TATA PRECISION CASTINGS,"MIDC Bhosari, Plot #12",411026,Pune,IN,,processing,steel,1,',
      'BETA QUARRY SARL,Pit #9,,Masisi,CD,CD-NK,trading,tin,1,',
    ], YEAR + 2);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.accepted).toBe(5);
    expect(res.body.warnings).toEqual([
      { rows: [1, 5], problem: 'rows 1, 5 look like the same supplier' },
      { rows: [2, 4], problem: 'rows 2, 4 look like the same supplier' },
    ]);
  });

  it('a case reaches the report: the Kerngroep approves, Staalwerk consents, the requester opens access', async () => {
    const filed = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Child labour at cobalt pits, reported by our monitors in the Kolwezi area', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    caseId = filed.body.id;
    for (const s of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
      expect((await (await as(t, s)).post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(201);
    }
    expect((await staalwerk.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' })).status).toBe(201);
    const state = await secretariat.get(`/api/v1/cases/${caseId}`);
    if (state.body.state === 'consent') expect((await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-consent' })).status).toBe(200);
    await signDisclosureClause(kivu, 'Amani Kivu');
    expect((await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' })).status).toBe(200);
    const shown = await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`);
    expect(shown.body.items.map((i: { id: string }) => i.id)).toEqual([ids.staalwerk['Alpha Mine']]);
  });

  it('art. 22: the report finds every spelling; proposed matches join the brokered list, uncertain ones wait for review; nobody is told', async () => {
    const mailsBefore = (await t.db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n;
    const reported = await kivu.post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [ids.staalwerk['Alpha Mine']], description: 'Children at the washing ponds' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(JSON.stringify(reported.body)).not.toMatch(/Gieterij|Koperwerk|Metaalbouw|Precisie|Recycling|score|candidate/i);

    const list = await secretariat.get(`/api/v1/cases/${caseId}/match-candidates`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    candidates = list.body.items;
    const summary = candidates.map((c) => [c.company.name, c.candidate.supplierName, c.method, c.status]);
    expect(summary.sort()).toEqual([
      ['Gieterij De Hoop B.V.', 'ALPHA MINE S.A.R.L.', 'identity', 'proposed'],
      ['Koperwerk Zeeland B.V.', 'Alpha Mines SARL', 'score', 'proposed'],
      ['Metaalbouw Brabant B.V.', 'Alpha Mine Kivu', 'score', 'review'],
      ['Precisietechniek Delft B.V.', 'Alpha Mine', 'score', 'review'],
      ['Recycling Rijnmond B.V.', 'Walikale Cassiterite Ltd', 'os-id', 'proposed'],
    ].sort());
    expect(list.body.toReview).toBe(2);
    // the review queue first, both entries side by side
    expect(candidates.slice(0, 2).map((c) => c.status)).toEqual(['review', 'review']);
    for (const c of candidates) expect(c.reported.supplierName).toBe('Alpha Mine');
    for (const c of candidates.filter((x) => x.status === 'review')) {
      expect(c.score).toBeGreaterThanOrEqual(list.body.thresholds.review);
      expect(c.score).toBeLessThan(list.body.thresholds.auto);
    }
    // the to-do list offers the secretariat one decision per match to review, the companies nothing
    const tasks = await secretariat.get('/api/v1/me/tasks');
    const reviews = tasks.body.items ?? tasks.body;
    expect(reviews.filter((x: { kind: string; caseId: string }) => x.kind === 'review-match' && x.caseId === caseId).map((x: { perform: { path: string } }) => x.perform.path).sort())
      .toEqual(candidates.filter((c) => c.status === 'review').map((c) => `/api/v1/cases/${caseId}/match-candidates/${c.id}/decision`).sort());
    const theirs = await metaalbouw.get('/api/v1/me/tasks');
    expect(JSON.stringify(theirs.body)).not.toContain('review-match');
    // the OS ID itself never leaves the service, not even to the secretariat
    expect(JSON.stringify(list.body)).not.toContain(OS_ID);

    const secr = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(secr.body.brokeredCompanies.map((b: { name: string; confirmed: boolean }) => [b.name, b.confirmed])).toEqual([
      ['Gieterij De Hoop B.V.', false], ['Koperwerk Zeeland B.V.', false], ['Recycling Rijnmond B.V.', false], ['Staalwerk Twente B.V.', false],
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n).toBe(mailsBefore + 1); // only 'report filed' to the secretariat
    const audit = await t.db.query(`SELECT details FROM audit_log WHERE action = 'production-locations.match' AND grant_id = $1`, [caseId]);
    expect(audit).toHaveLength(1);
    expect([...audit[0].details.decrypted].sort()).toEqual([ids.staalwerk['Alpha Mine'], ids.koperwerk['Alpha Mines SARL'], ids.metaalbouw['Alpha Mine Kivu'], ids.precisie['Alpha Mine']].sort());
  });

  it('only the secretariat sees and decides matches: the requester and a company get 403, an unknown candidate 404, a blank reason 400', async () => {
    expect((await kivu.get(`/api/v1/cases/${caseId}/match-candidates`)).status).toBe(403);
    expect((await metaalbouw.get(`/api/v1/cases/${caseId}/match-candidates`)).status).toBe(403);
    const review = candidates.find((c) => c.company.name === 'Metaalbouw Brabant B.V.')!;
    expect((await metaalbouw.post(`/api/v1/cases/${caseId}/match-candidates/${review.id}/decision`, { decision: 'confirm', reason: 'mine' })).status).toBe(403);
    const blank = await secretariat.post(`/api/v1/cases/${caseId}/match-candidates/${review.id}/decision`, { decision: 'confirm', reason: '  ' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('reason');
    const odd = await secretariat.post(`/api/v1/cases/${caseId}/match-candidates/${review.id}/decision`, { decision: 'maybe', reason: 'x' });
    expect(odd.status).toBe(400);
    const unknown = await secretariat.post(`/api/v1/cases/${caseId}/match-candidates/00000000-0000-4000-8000-000000000000/decision`, { decision: 'confirm', reason: 'x' });
    expect(unknown.status).toBe(404);
  });

  it('the secretariat confirms one review with a reason and rejects the other; only the confirmed company joins the list', async () => {
    const confirm = candidates.find((c) => c.company.name === 'Metaalbouw Brabant B.V.')!;
    const reject = candidates.find((c) => c.company.name === 'Precisietechniek Delft B.V.')!;
    const yes = await secretariat.post(`/api/v1/cases/${caseId}/match-candidates/${confirm.id}/decision`, { decision: 'confirm', reason: 'Site 1 is the local name of pit 1 (phone call with Metaalbouw)' });
    expect(yes.status, JSON.stringify(yes.body)).toBe(200);
    expect(yes.body).toMatchObject({ status: 'confirmed', reason: 'Site 1 is the local name of pit 1 (phone call with Metaalbouw)' });
    const no = await secretariat.post(`/api/v1/cases/${caseId}/match-candidates/${reject.id}/decision`, { decision: 'reject', reason: 'Pit 9 is another concession' });
    expect(no.body).toMatchObject({ status: 'rejected', reason: 'Pit 9 is another concession' });
    const again = await secretariat.post(`/api/v1/cases/${caseId}/match-candidates/${reject.id}/decision`, { decision: 'confirm', reason: 'changed my mind' });
    expect(again.status).toBe(409);
    const secr = await secretariat.get(`/api/v1/cases/${caseId}`);
    const names = secr.body.brokeredCompanies.map((b: { name: string }) => b.name);
    expect(names).toContain('Metaalbouw Brabant B.V.');
    expect(names).not.toContain('Precisietechniek Delft B.V.');
    // the confirmed match made one supplier of both entries; the rejected one stays apart
    const sid = async (id: string) => (await t.db.query(`SELECT supplier_id FROM production_locations WHERE id = $1`, [id]))[0].supplier_id;
    expect(await sid(ids.metaalbouw['Alpha Mine Kivu'])).toBe(await sid(ids.staalwerk['Alpha Mine']));
    expect(await sid(ids.precisie['Alpha Mine'])).not.toBe(await sid(ids.staalwerk['Alpha Mine']));
  });

  it('confirm-brokering, one company at a time, confirms its proposed matches; a score match becomes the same supplier', async () => {
    const sid = async (id: string) => (await t.db.query(`SELECT supplier_id FROM production_locations WHERE id = $1`, [id]))[0].supplier_id;
    // the same OS ID made one supplier identity at upload already (an "at once" match)
    expect(await sid(ids.recycling['Walikale Cassiterite Ltd'])).toBe(await sid(ids.staalwerk['Alpha Mine']));
    expect(await sid(ids.koperwerk['Alpha Mines SARL'])).not.toBe(await sid(ids.staalwerk['Alpha Mine']));
    const mails = (await t.db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n;
    const res = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyId: org['recycling-rijnmond'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n).toBeGreaterThan(mails);
    let list = await secretariat.get(`/api/v1/cases/${caseId}/match-candidates`);
    const status = (name: string) => list.body.items.find((c: { company: { name: string } }) => c.company.name === name).status;
    expect(status('Recycling Rijnmond B.V.')).toBe('confirmed');
    expect(status('Koperwerk Zeeland B.V.')).toBe('proposed');
    expect((await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyId: org['koperwerk-zeeland'] })).status).toBe(200);
    list = await secretariat.get(`/api/v1/cases/${caseId}/match-candidates`);
    expect(status('Koperwerk Zeeland B.V.')).toBe('confirmed');
    expect(await sid(ids.koperwerk['Alpha Mines SARL'])).toBe(await sid(ids.staalwerk['Alpha Mine']));
  });

  it('issue 16 item 3: a re-upload, spelled anew, keeps the supplier identity, and the restriction follows it', async () => {
    const sid = async (id: string) => (await t.db.query(`SELECT supplier_id FROM production_locations WHERE id = $1`, [id]))[0].supplier_id;
    const identity = await sid(ids.metaalbouw['Alpha Mine Kivu']);
    await t.db.query(`UPDATE production_locations SET restriction_level = 'country' WHERE id = $1`, [ids.metaalbouw['Alpha Mine Kivu']]);
    const res = await upload(t, metaalbouw, ['Alpha Mine Kivu SARL,Site No. 1,,Walikale,CD,CD-NK,trading,tin,1,', 'Omega Smelter,Havenweg 4,,Walikale,CD,CD-NK,trading,tin,1,']);
    expect(res.status).toBe(201);
    const [row] = await t.db.query(`SELECT supplier_id, restriction_level FROM production_locations WHERE list_id = $1 AND row_number = 1`, [res.body.listId]);
    expect(row).toEqual({ supplier_id: identity, restriction_level: 'country' });
    const [omega] = await t.db.query(`SELECT supplier_id, restriction_level FROM production_locations WHERE list_id = $1 AND row_number = 2`, [res.body.listId]);
    expect(omega.supplier_id).not.toBe(identity);
    expect(omega.restriction_level).toBe('none');
  });
});
