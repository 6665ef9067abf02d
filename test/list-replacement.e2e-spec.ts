import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, orgId, uploadList } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 14 item 3: before a new list replaces a year's list, the company sees what changes — entries added, removed
 * and changed — computed on the server (matched by blind index, stored nowhere), and can cancel; confirming with the
 * previewed list's id stores exactly that change, and a list replaced in between is refused.
 */
const YEAR = 2042;
const HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume,contract_notes';
const OLD = ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+,,', 'Beta Smelter,Zone 4,,Bunia,CD,CD-IT,smelting,cobalt,2,,', 'Gamma Refinery,Lake Road 1,,Bukavu,CD,CD-SK,refining,cobalt,2,,'];
const NEW = ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+,,', 'Gamma Refinery,Lake Road 1,,Bukavu,CD,CD-SK,refining,cobalt,1,,', 'Delta Mine,Hill 9,,Kolwezi,CD,CD-LU,mining,"cobalt;copper",3+,,'];

describe('issue 14: replacing a year’s list shows what changes first', () => {
  let t: TestApp;
  let staalwerk: Api, gieterij: Api, kivu: Api;
  const file = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\n') + '\n');
  const preview = (who: Api, rows: string[], extra = '') =>
    t.http().post(`/api/v1/production-locations/uploads/preview?year=${YEAR}${extra}`).set('authorization', `Bearer ${who.token}`).attach('file', file(rows), 'list.csv');
  const upload = (who: Api, rows: string[], extra = '') =>
    t.http().post(`/api/v1/production-locations/uploads?year=${YEAR}${extra}`).set('authorization', `Bearer ${who.token}`).attach('file', file(rows), 'list.csv');
  const lists = async () => t.db.query(`SELECT id, is_current FROM production_location_lists WHERE organisation_id = $1 AND year = $2 ORDER BY revision`, [await orgId(t, 'staalwerk-twente'), YEAR]);

  beforeAll(async () => {
    t = await startTestApp();
    [staalwerk, gieterij, kivu] = await Promise.all(['staalwerk-twente', 'gieterij-de-hoop', 'kivu-mining-watch'].map((s) => as(t, s)));
  });
  afterAll(() => t?.close());

  it('a first list: everything is added, nothing replaced', async () => {
    const res = await preview(staalwerk, OLD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ year: YEAR, current: null, incoming: 3, counts: { added: 3, removed: 0, changed: 0, unchanged: 0 } });
    expect((await upload(staalwerk, OLD, '&replaces=none')).status).toBe(201);
  });

  it('a replacement: added, removed and changed entries by name, nothing stored; the stored diff matches after confirming', async () => {
    const [before] = await lists();
    const res = await preview(staalwerk, NEW);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.current).toEqual({ listId: before.id, revision: 1, entries: 3 });
    expect(res.body.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(res.body.added).toEqual([{ row: 3, supplierName: 'Delta Mine', city: 'Kolwezi', country: 'CD', region: 'CD-LU', activityType: 'mining', rawMaterials: ['cobalt', 'copper'] }]);
    expect(res.body.removed).toEqual([expect.objectContaining({ row: 2, supplierName: 'Beta Smelter', city: 'Bunia', activityType: 'smelting' })]);
    expect(res.body.changed).toEqual([expect.objectContaining({ row: 2, supplierName: 'Gamma Refinery', fields: [{ field: 'tier', from: 2, to: 1 }] })]);
    // Nothing was written by the preview; the company's own read of its current list is audited.
    expect(await lists()).toEqual([before]);
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'production-locations.list' AND details->>'purpose' = 'replacement-preview' ORDER BY seq DESC LIMIT 1`);
    expect(audit.details).toMatchObject({ year: YEAR, entries: 3 });

    // A list id that is not the current one (replaced in between): 409, nothing written.
    const stale = await upload(staalwerk, NEW, '&replaces=00000000-0000-4000-8000-000000000000');
    expect(stale.status).toBe(409);
    expect(stale.body.details).toEqual([{ field: 'replaces', problem: 'is no longer the current list of this year' }]);
    expect(await lists()).toEqual([before]);

    expect((await upload(staalwerk, NEW, `&replaces=${before.id}`)).status).toBe(201);
    const [old, now] = await lists();
    expect(now.is_current).toBe(true);
    // The stored change, read from the two revisions by blind index and the open columns, is what the summary said.
    const rows = async (listId: string) => t.db.query(`SELECT encode(supplier_index, 'hex') AS k, tier, row_number FROM production_locations WHERE list_id = $1 ORDER BY row_number`, [listId]);
    const a = await rows(old.id);
    const b = await rows(now.id);
    const keysA = new Set(a.map((r: { k: string }) => r.k));
    const keysB = new Set(b.map((r: { k: string }) => r.k));
    const added = b.filter((r: { k: string }) => !keysA.has(r.k));
    const removed = a.filter((r: { k: string }) => !keysB.has(r.k));
    const tierChanged = b.filter((r: { k: string; tier: number }) => a.some((o: { k: string; tier: number }) => o.k === r.k && o.tier !== r.tier));
    expect({ added: added.length, removed: removed.length, changed: tierChanged.length, unchanged: b.length - added.length - tierChanged.length }).toEqual(res.body.counts);
    expect(added.map((r: { row_number: number }) => r.row_number)).toEqual(res.body.added.map((x: { row: number }) => x.row));
    expect(removed.map((r: { row_number: number }) => r.row_number)).toEqual(res.body.removed.map((x: { row: number }) => x.row));
    expect(tierChanged.map((r: { row_number: number }) => r.row_number)).toEqual(res.body.changed.map((x: { row: number }) => x.row));
    // After confirming, the company's own list holds the added supplier.
    const own = await staalwerk.get(`/api/v1/production-locations?year=${YEAR}`);
    expect(own.body.items.map((i: { supplierName: string }) => i.supplierName).sort()).toEqual(['Alpha Mine', 'Delta Mine', 'Gamma Refinery']);
  });

  it('only the company (or the secretariat for it) may ask; another company or a CSO is refused', async () => {
    // The same answer the upload itself gives (403 for a CSO, 404 for another company's list: not even a hint).
    expect((await preview(kivu, NEW)).status).toBe(403);
    const foreign = `&organisationId=${await orgId(t, 'staalwerk-twente')}`;
    const refused = await preview(gieterij, NEW, foreign);
    expect([403, 404]).toContain(refused.status);
    expect(refused.status).toBe((await upload(gieterij, NEW, foreign)).status);
    expect(JSON.stringify(refused.body)).not.toMatch(/Alpha|Gamma|Delta/);
    const bad = await preview(staalwerk, ['Alpha Mine,Pit 1,,Walikale,XX,,mining,cobalt,3+,,']);
    expect(bad.status).toBe(422);
  });
});
