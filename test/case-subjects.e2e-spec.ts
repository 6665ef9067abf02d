import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, entryIds, orgId, uploadList } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 14 item 2, through HTTP: the subject of every decision, to whoever may see it.
 * - a company asked for consent sees its own entries by name, with what each answer would reveal, and nobody else's;
 *   that read is audited as a confidential read;
 * - the Kerngroep sees the entries and the level a restriction asks for, without the supplier's identity; the
 *   company and the secretariat see the identity too;
 * - every case has a title built from its type, scope and subject, never its id;
 * - the chair sees which seats have not voted before closing a vote (issue 14 item 3).
 */
const YEAR = 2041;
const HEX_ID = /#[0-9a-f]{6,}|[0-9a-f]{8}-[0-9a-f]{4}/;

describe('issue 14: the subject of every decision', () => {
  let t: TestApp;
  let kivu: Api, chair: Api, secretariat: Api, staalwerk: Api, gieterij: Api, metaalbond: Api, monitor: Api, branche: Api, koperwerk: Api;
  let ids: Record<string, Record<string, string>>;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [kivu, chair, secretariat, staalwerk, gieterij, metaalbond, monitor, branche, koperwerk] = await Promise.all(
      ['kivu-mining-watch', 'voorzitter', 'secretariaat', 'staalwerk-twente', 'gieterij-de-hoop', 'metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'koperwerk-zeeland'].map((s) => as(t, s)),
    );
    await uploadList(t, staalwerk, YEAR, ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+,,', 'Home Forge,Dorpsstraat 1,7500 AA,Enschede,NL,,manufacturing,steel,1,,']);
    await uploadList(t, gieterij, YEAR, ['Beta Mine,Pit 2,,Masisi,CD,CD-NK,mining,cobalt,3+,,']);
    ids = { staalwerk: await entryIds(t, staalwerk, YEAR), gieterij: await entryIds(t, gieterij, YEAR) };
  });
  afterAll(() => t?.close());

  it('a case is titled by its type and scope, in the list and the view, for every participant, never by its id', async () => {
    const filed = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Child labour reported at artisanal cobalt pits in the Kolwezi area by our monitors', scope: { countries: ['CD'], regions: ['CD-NK'], rawMaterials: ['cobalt'], activityTypes: ['mining'], year: YEAR } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    caseId = filed.body.id;
    // in the person's own language: Kivu Mining Watch's people read French (demo seed, issue 14 item 6); the region by its name (item 5)
    expect(filed.body.title).toBe('Demande d’accès (art. 22): cobalt, extraction minière — République démocratique du Congo, Nord-Kivu (2041)');
    expect(filed.body.scope).toMatchObject({ regions: ['CD-NK'], regionNames: ['Nord-Kivu'] });
    const list = await kivu.get('/api/v1/cases');
    expect(list.body.items.find((c: { id: string }) => c.id === caseId).title).toBe(filed.body.title);
    for (const who of [chair, secretariat, metaalbond]) {
      const v = await who.get(`/api/v1/cases/${caseId}`);
      expect(v.body.title).toMatch(/^Art\. 22 /);
      expect(v.body.title).not.toMatch(HEX_ID);
    }
  });

  it('art. 49: before closing, the chair is told which seats have not voted', async () => {
    expect((await metaalbond.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(201);
    const v = await chair.get(`/api/v1/cases/${caseId}`);
    expect([...v.body.deliberation.notVoted].sort()).toEqual(['branch_orgs', 'companies', 'ngos']);
    expect(v.body.deliberation.closable).toBe(false);
    for (const who of [monitor, branche, staalwerk]) expect((await who.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(201);
    expect((await chair.get(`/api/v1/cases/${caseId}`)).body.ruling.outcome).toBe('approved');
  });

  it('art. 19, 22: a company sees its own entries by name and what each answer reveals; nobody else sees them', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'production-locations.read' AND object_id = $1`, [caseId]))[0].n;
    const mine = await staalwerk.get(`/api/v1/cases/${caseId}`);
    expect(mine.status).toBe(200);
    // In the person's own language (the demo companies' people read Dutch).
    expect(mine.body.title).toBe('Art. 22 verzoek om inzage: kobalt, mijnbouw — Democratische Republiek Congo, Nord-Kivu (2041)');
    expect(mine.body.scope.regionNames).toEqual(['Nord-Kivu']); // the material in words (issue 14, item 6)
    expect(mine.body.myConsent.entries).toEqual([
      expect.objectContaining({
        id: ids.staalwerk['Alpha Mine'],
        level: null,
        identityShown: true,
        supplierName: 'Alpha Mine',
        address: 'Pit 1',
        city: 'Walikale',
        country: 'CD',
        region: 'CD-NK',
        regionName: 'Nord-Kivu',
        activityType: 'mining',
        rawMaterials: ['cobalt'],
        reveals: {
          identity: { level: 'full', shows: { supplierName: 'Alpha Mine', address: 'Pit 1', postcode: null, city: 'Walikale', country: 'CD', region: 'CD-NK', regionName: 'Nord-Kivu', activityType: 'mining', rawMaterials: ['cobalt'] } },
          region: { level: 'region', shows: { country: 'CD', region: 'CD-NK', regionName: 'Nord-Kivu', activityType: 'mining', rawMaterials: ['cobalt'] } },
          country: { level: 'country', shows: { country: 'CD', activityType: 'mining', rawMaterials: ['cobalt'] } },
          decline: { level: 'counted', shows: {} },
        },
      }),
    ]);
    // Its entry outside the scope is not part of the request; the other company's entry is not shown to it.
    expect(JSON.stringify(mine.body)).not.toMatch(/Home Forge|Beta Mine|Masisi/);
    const other = await gieterij.get(`/api/v1/cases/${caseId}`);
    expect(other.body.myConsent.entries.map((e: { supplierName: string }) => e.supplierName)).toEqual(['Beta Mine']);
    expect(JSON.stringify(other.body)).not.toMatch(/Alpha Mine|Walikale/);
    // The requester, the Kerngroep and the chair never see the entries before consent and access.
    for (const who of [kivu, metaalbond, chair]) expect(JSON.stringify((await who.get(`/api/v1/cases/${caseId}`)).body)).not.toMatch(/Alpha Mine|Beta Mine|Walikale|Masisi/);
    // The decryption for the company is a confidential read in the audit log, naming the case and the entry.
    const audited = await t.db.query(
      `SELECT details FROM audit_log WHERE action = 'production-locations.read' AND object_type = 'case' AND object_id = $1 AND actor_organisation_id = $2`,
      [caseId, await orgId(t, 'staalwerk-twente')],
    );
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.at(-1).details).toEqual({ purpose: 'consent', entries: [ids.staalwerk['Alpha Mine']] });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'production-locations.read' AND object_id = $1`, [caseId]))[0].n).toBeGreaterThan(before);
  });

  it('art. 23-24: the Kerngroep sees the entries and level of a restriction without the supplier; the company and the secretariat with it', async () => {
    const filed = await gieterij.post('/api/v1/cases', { type: 'restriction', grounds: 'Naming this mine endangers the union representatives there', locationIds: [ids.gieterij['Beta Mine']], level: 'country' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const titles = ['Art. 23 restriction request: 1 entry of Gieterij De Hoop B.V., country only', 'Art. 23 verzoek om beperking: 1 regel van Gieterij De Hoop B.V., alleen land'];
    expect(titles).toContain(filed.body.title);
    const facts = { id: ids.gieterij['Beta Mine'], country: 'CD', region: 'CD-NK', regionName: 'Nord-Kivu', activityType: 'mining', rawMaterials: ['cobalt'], tier: 3 };
    for (const who of [metaalbond, monitor, chair]) {
      const v = await who.get(`/api/v1/cases/${id}`);
      expect(v.status).toBe(200);
      expect(v.body.restriction).toEqual({ locationIds: [ids.gieterij['Beta Mine']], level: 'country' });
      expect(v.body.restrictionEntries).toEqual([{ ...facts, identityShown: false, supplierName: null, address: null, postcode: null, city: null }]);
      expect(titles).toContain(v.body.title);
    }
    for (const who of [gieterij, secretariat]) {
      const v = await who.get(`/api/v1/cases/${id}`);
      expect(v.body.restrictionEntries).toEqual([{ ...facts, identityShown: true, supplierName: 'Beta Mine', address: 'Pit 2', postcode: null, city: 'Masisi' }]);
    }
    // A company outside the matter does not see it at all.
    const outside = await koperwerk.get(`/api/v1/cases/${id}`);
    expect(outside.status).toBe(403);
    expect(JSON.stringify(outside.body)).not.toMatch(/Beta Mine|Masisi|CD-NK|Nord-Kivu/);
  });
  it('issue 14 items 4-5: case lists and the own list filter on the server; bad filters name the field', async () => {
    const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((c) => c.id);
    const consenting = await kivu.get('/api/v1/cases?state=awaiting_consent');
    expect(ids(consenting)).toEqual([caseId]);
    expect(consenting.body.total).toBe(1);
    expect(ids(await kivu.get('/api/v1/cases?status=open'))).toContain(caseId);
    expect(ids(await kivu.get('/api/v1/cases?status=closed'))).not.toContain(caseId);
    const bad = await kivu.get('/api/v1/cases?state=sleeping');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('state');

    const names = (res: { body: { items: Array<{ supplierName: string }> } }) => res.body.items.map((e) => e.supplierName).sort();
    expect(names(await staalwerk.get(`/api/v1/production-locations?year=${YEAR}&country=NL`))).toEqual(['Home Forge']);
    expect(names(await staalwerk.get(`/api/v1/production-locations?year=${YEAR}&activityType=mining&rawMaterial=cobalt`))).toEqual(['Alpha Mine']);
    const none = await staalwerk.get(`/api/v1/production-locations?year=${YEAR}&rawMaterial=tin`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const wrong = await staalwerk.get(`/api/v1/production-locations?year=${YEAR}&country=Congo`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('country');
  });
  it('issue 14 item 5: the own list exports as CSV and XLSX with the page’s filters, only what the page may show, audited', async () => {
    const csv = await staalwerk.get(`/api/v1/production-locations/export?year=${YEAR}&format=csv&language=nl&country=CD`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="productielocaties-${YEAR}.csv"`);
    const lines = csv.text.trim().split(/\r?\n/);
    // the region's name beside its code (issue 14 item 5: names, not codes); an upload ignores the name column
    expect(lines[0]).toBe('naam_leverancier,adres,postcode,plaats,land,regio,regio_naam,type_activiteit,grondstoffen,schakel,volume,contractnotities');
    expect(lines.slice(1)).toEqual(['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,Nord-Kivu,mining,cobalt,3+,,']);
    const page = await staalwerk.get(`/api/v1/production-locations?year=${YEAR}&country=CD`);
    expect(page.body.items).toMatchObject([{ region: 'CD-NK', regionName: 'Nord-Kivu' }]);
    // another company's export holds its own list only; a CSO's holds nothing but the header
    expect((await gieterij.get(`/api/v1/production-locations/export?year=${YEAR}&format=csv`)).text).not.toMatch(/Alpha Mine|Home Forge/);
    expect((await kivu.get(`/api/v1/production-locations/export?year=${YEAR}&format=csv`)).text.trim().split(/\r?\n/)).toHaveLength(1);
    const xlsx = await staalwerk.get(`/api/v1/production-locations/export?year=${YEAR}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'production-locations.export' AND actor_organisation_id = $1 ORDER BY seq LIMIT 1`, [await orgId(t, 'staalwerk-twente')]);
    expect(audit.details).toMatchObject({ year: YEAR, format: 'csv', entries: 1, filters: { country: 'CD' } });
  });
});
