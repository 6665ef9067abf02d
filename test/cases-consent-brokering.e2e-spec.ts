import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, entryIds, orgId, signDisclosureClause, snapshot, uploadList } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The rules issue 11 corrects, end to end through HTTP:
 * - art. 50: the chair trying to vote is refused with the rule and the article;
 * - art. 19, 22: per entry a company approves, restricts to region or country, or declines; silence is decline;
 *   declined and silent entries reach the requester only as counts under the aggregated list's threshold and
 *   complementary suppression, never as a row per supplier; nobody but the secretariat learns who answered what;
 * - art. 22: the secretariat confirms each matched company one at a time; a confirmed company is pointed to the
 *   report with the supplier named from its own list; the requester learns a company's name only once it joined.
 */
const YEAR = 2039;

describe('issue 11: consent per entry, counts for declined entries, one-by-one brokering, the chair has no vote', () => {
  let t: TestApp;
  let kivu: Api, chair: Api, secretariat: Api, staalwerk: Api, gieterij: Api, koperwerk: Api, metaalbouw: Api, precisie: Api, recycling: Api;
  let ids: Record<string, Record<string, string>>;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [kivu, chair, secretariat, staalwerk, gieterij, koperwerk, metaalbouw, precisie, recycling] = await Promise.all(
      ['kivu-mining-watch', 'voorzitter', 'secretariaat', 'staalwerk-twente', 'gieterij-de-hoop', 'koperwerk-zeeland', 'metaalbouw-brabant',
        'precisie-delft', 'recycling-rijnmond'].map((s) => as(t, s)),
    );
    await uploadList(t, staalwerk, YEAR, ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+,,']);
    await uploadList(t, gieterij, YEAR, ['Beta Mine,Pit 2,,Masisi,CD,CD-NK,mining,cobalt,3+,,']);
    await uploadList(t, koperwerk, YEAR, ['Gamma Mine,Pit 3,,Rutshuru,CD,CD-NK,mining,cobalt,3+,,']);
    await uploadList(t, metaalbouw, YEAR, ['Delta Mine,Pit 4,,Lubero,CD,CD-NK,mining,cobalt,3+,,', 'Zeta Mine,Pit 6,,Beni,CD,CD-NK,mining,cobalt,3+,,']);
    await uploadList(t, precisie, YEAR, ['Epsilon Mine,Pit 5,,Kalehe,CD,CD-SK,mining,cobalt,2,,']);
    // The same supplier as Staalwerk's Alpha Mine, spelled its own way and outside the scope (tin trading).
    await uploadList(t, recycling, YEAR, ['ALPHA MINE S.A.R.L.,Pit 1,,Walikale,CD,CD-NK,trading,tin,1,,']);
    ids = {};
    for (const [k, a] of Object.entries({ staalwerk, gieterij, koperwerk, metaalbouw, precisie, recycling })) ids[k] = await entryIds(t, a, YEAR);
  });
  afterAll(() => t?.close());

  it('art. 50: the chair trying to vote gets 403 citing the rule and art. 50; nothing changes', async () => {
    const filed = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Forced labour reported at artisanal cobalt pits near Kolwezi', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    caseId = filed.body.id;
    const before = await snapshot(t, caseId);
    const res = await chair.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
    expect(res.status).toBe(403);
    expect(res.body.decidedBy).toEqual([{ policy: 'cases.yaml', rule: 'chair-has-no-vote', article: '50' }]);
    expect(res.body.message).toContain('art. 50');
    expect(await snapshot(t, caseId)).toBe(before);
    const why = await chair.get(`/api/v1/authz/explain?action=vote&subject=Case&id=${caseId}`);
    expect(why.body).toEqual({ allowed: false, decidedBy: [{ policy: 'cases.yaml', rule: 'chair-has-no-vote', article: '50' }], missing: [] });
    // The page offers the chair its own steps, never a vote; the API agrees.
    const view = await chair.get(`/api/v1/cases/${caseId}`);
    expect(view.body.availableActions).toEqual(['record-absence', 'appoint-substitute', 'propose']); // close-vote once the vote is decided (art. 49)
  });

  it('the Kerngroep approves; the five companies with entries in scope are asked', async () => {
    // Art. 84 (issue 11): an art-22 request recuses nobody, so Staalwerk Twente votes for the companies' seat although
    // its list is in scope; no substitute is appointed.
    for (const s of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal']) expect((await (await as(t, s)).post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(201);
    const last = await staalwerk.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved' });
    const secr = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(secr.body.consents).toHaveLength(5);
  });

  it('art. 19: approve, decline, restrict per entry (identity, region, decline); each company sees only its own answer', async () => {
    expect((await staalwerk.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' })).status).toBe(201);
    const declined = await gieterij.post(`/api/v1/cases/${caseId}/consents`, { decision: 'decline' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(201);
    expect(declined.body.myConsent).toMatchObject({ status: 'declined', entries: [{ id: ids.gieterij['Beta Mine'], level: 'declined' }] });
    const mixed = await metaalbouw.post(`/api/v1/cases/${caseId}/consents`, {
      decision: 'restrict', locations: [{ id: ids.metaalbouw['Delta Mine'], level: 'decline' }, { id: ids.metaalbouw['Zeta Mine'], level: 'identity' }],
    });
    expect(mixed.status, JSON.stringify(mixed.body)).toBe(201);
    expect(mixed.body.myConsent.status).toBe('restricted');
    const region = await precisie.post(`/api/v1/cases/${caseId}/consents`, { decision: 'restrict', locations: [{ id: ids.precisie['Epsilon Mine'], level: 'region' }] });
    expect(region.status).toBe(201);
    const bad = await precisie.post(`/api/v1/cases/${caseId}/consents`, { decision: 'restrict', locations: [{ id: ids.precisie['Epsilon Mine'], level: 'full-please' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toMatch(/^locations\.0\.level|locations\[0\]\.level$/);
    // Koperwerk stays silent: silence is decline.
    const g = await gieterij.get(`/api/v1/cases/${caseId}`);
    expect(g.body.consents).toBeUndefined();
    expect(JSON.stringify(g.body)).not.toMatch(/Staalwerk|Metaalbouw|Precisie|Koperwerk/);
    expect(g.body.myConsent.status).toBe('declined');
    const r = await kivu.get(`/api/v1/cases/${caseId}`);
    expect(r.body.consents).toBeUndefined();
    expect(r.body.myConsent).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toMatch(/Staalwerk|Gieterij|Metaalbouw|Precisie|Koperwerk|declined|silent/);
    expect((await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-consent' })).status).toBe(200);
    const secr = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(Object.fromEntries(secr.body.consents.map((c: { company: { name: string }; status: string }) => [c.company.name, c.status]))).toEqual({
      'Staalwerk Twente B.V.': 'approved', 'Gieterij De Hoop B.V.': 'declined', 'Metaalbouw Brabant B.V.': 'restricted',
      'Precisietechniek Delft B.V.': 'restricted', 'Koperwerk Zeeland B.V.': 'silent',
    });
  });

  it('art. 19, 22: rows only where consented or restricted; declined and silent entries only as suppressed counts', async () => {
    await signDisclosureClause(kivu, 'Amani Kivu');
    expect((await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' })).status).toBe(200);
    const res = await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = res.body.items.map((e: { id: string; level: string; supplierName: string | null; region: string | null; regionName: string | null }) => [e.id, e.level, e.supplierName, e.region, e.regionName]);
    // the region by its name beside its code (issue 14 item 5)
    expect(rows.sort()).toEqual([
      [ids.staalwerk['Alpha Mine'], 'full', 'Alpha Mine', 'CD-NK', 'Nord-Kivu'],
      [ids.metaalbouw['Zeta Mine'], 'full', 'Zeta Mine', 'CD-NK', 'Nord-Kivu'],
      [ids.precisie['Epsilon Mine'], 'region', null, 'CD-SK', 'Sud-Kivu'],
    ].sort());
    // Beta (declined), Gamma (silent), Delta (declined): three companies in CD-NK mining, so the counts are published,
    // as counts only; no row, no supplier, no company.
    expect(res.body.aggregated).toEqual({
      minCompanies: 3,
      cells: [
        { country: 'CD', region: null, regionName: null, activityType: 'mining', locations: 3, companies: 3 },
        { country: 'CD', region: 'CD-NK', regionName: 'Nord-Kivu', activityType: 'mining', locations: 3, companies: 3 },
      ],
    });
    const dump = JSON.stringify(res.body);
    for (const secret of ['Beta', 'Gamma', 'Delta', 'Masisi', 'Rutshuru', 'Lubero', ids.gieterij['Beta Mine'], ids.koperwerk['Gamma Mine'], ids.metaalbouw['Delta Mine']]) expect(dump).not.toContain(secret);
    // A declined entry cannot be named in a report: the requester never saw it.
    const named = await kivu.post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [ids.gieterij['Beta Mine']], description: 'x' });
    expect(named.status).toBe(400);
    expect(named.body.details[0].field).toBe('locationRefs[0]');
  });

  it('art. 22: the secretariat confirms each company found one by one; each is pointed to the report with its own entry; the requester learns names only as they join', async () => {
    const reported = await kivu.post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [ids.staalwerk['Alpha Mine']], description: 'Children at the washing ponds' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.brokeredCompanies).toEqual([]);
    const found = await secretariat.get(`/api/v1/cases/${caseId}`);
    expect(found.body.brokeredCompanies.map((b: { name: string; confirmed: boolean }) => [b.name, b.confirmed])).toEqual([
      ['Recycling Rijnmond B.V.', false], ['Staalwerk Twente B.V.', false],
    ]);
    expect(found.body.availableActions).toContain('confirm-brokering');
    // No "confirm all": a company must be named.
    const before = await snapshot(t, caseId);
    const all = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering' });
    expect(all.status).toBe(400);
    expect(all.body.details[0]).toMatchObject({ field: 'companyId' });
    const many = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyIds: [await orgId(t, 'recycling-rijnmond')] });
    expect(many.status).toBe(400);
    expect(await snapshot(t, caseId)).toBe(before);

    const one = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyId: await orgId(t, 'recycling-rijnmond') });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.state).toBe('in_dialogue');
    const again = await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyId: await orgId(t, 'recycling-rijnmond') });
    expect(again.status).toBe(409);

    // The requester sees the one company brought in, not the one still waiting.
    const req = await kivu.get(`/api/v1/cases/${caseId}`);
    expect(req.body.brokeredCompanies).toEqual([{ id: await orgId(t, 'recycling-rijnmond'), name: 'Recycling Rijnmond B.V.', confirmed: true }]);
    // The confirmed company is pointed to the report with the supplier named from ITS OWN list.
    const rec = await recycling.get(`/api/v1/cases/${caseId}`);
    expect(rec.body.reports).toHaveLength(1);
    // Issue 14: with the entry's address, region, activity and raw materials, so the company knows which of its suppliers.
    expect(rec.body.myBrokeredEntries).toEqual([
      { id: ids.recycling['ALPHA MINE S.A.R.L.'], supplierName: 'ALPHA MINE S.A.R.L.', address: 'Pit 1', postcode: null, city: 'Walikale', country: 'CD', region: 'CD-NK', regionName: 'Nord-Kivu', activityType: 'trading', rawMaterials: ['tin'], tier: 1, reportIds: [rec.body.reports[0].id] },
    ]);
    expect(JSON.stringify(rec.body)).not.toContain(ids.staalwerk['Alpha Mine'] + '"supplierName');
    // Staalwerk, found but not yet confirmed, is not in the dialogue yet.
    expect((await staalwerk.post(`/api/v1/cases/${caseId}/messages`, { body: 'hello' })).status).toBe(403);
    expect((await recycling.post(`/api/v1/cases/${caseId}/messages`, { body: 'We will visit' })).status).toBe(201);

    expect((await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'confirm-brokering', companyId: await orgId(t, 'staalwerk-twente') })).status).toBe(200);
    const both = await kivu.get(`/api/v1/cases/${caseId}`);
    expect(both.body.brokeredCompanies.map((b: { name: string }) => b.name)).toEqual(['Recycling Rijnmond B.V.', 'Staalwerk Twente B.V.']);
    const own = await staalwerk.get(`/api/v1/cases/${caseId}`);
    expect(own.body.myBrokeredEntries.map((e: { supplierName: string }) => e.supplierName)).toEqual(['Alpha Mine']);
  });
});
