import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { LocationDisclosureService } from '../src/production-locations/location-disclosure.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;
const HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier';

/**
 * Issue 5 item 3 through the real upload path: the blind index matches a supplier across companies' lists under
 * spelling variants, without decrypting any list. The demo lists of five companies hold "Acme Foundry B.V.,
 * Industrieweg 12" (each in its own spelling); Recycling Rijnmond's demo list does not.
 */
describe('blind-index matching across uploaded lists (issue 5 item 3)', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  const table: Array<{ name: string; address: string; country: string; matchesAcme: boolean }> = [
    { name: 'ACME FOUNDRY BV', address: 'Industrieweg 12', country: 'NL', matchesAcme: true },
    { name: 'Acme Foundry B.V.', address: 'industrieweg 12', country: 'NL', matchesAcme: true },
    { name: 'Ácme Foundry b.v', address: 'Industrieweg, 12', country: 'NL', matchesAcme: true },
    { name: 'Acme Foundry B.V.', address: 'Industrieweg 14', country: 'NL', matchesAcme: false },
    { name: 'Acme Foundry B.V.', address: 'Industrieweg 12', country: 'BE', matchesAcme: false },
    { name: 'Acme Foundries B.V.', address: 'Industrieweg 12', country: 'NL', matchesAcme: false },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    ids = Object.fromEntries((await t.db.query(`SELECT slug, id FROM organisations`)).map((r: { slug: string; id: string }) => [r.slug, r.id]));
  });
  afterAll(() => t?.close());

  it('matches spelling variants of the same supplier and address; a different number, country or name does not match', async () => {
    const token = await t.login(email('recycling-rijnmond'));
    const year = new Date().getUTCFullYear();
    const csv = [HEADER, ...table.map((r) => `"${r.name}","${r.address}",,Enschede,${r.country},,processing,steel,1`)].join('\n');
    const res = await t.http().post(`/api/v1/production-locations/uploads?year=${year}`).set('authorization', `Bearer ${token}`)
      .attach('file', Buffer.from(csv), 'list.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const entries: Array<{ id: string; row_number: number }> = await t.db.query(
      `SELECT id, row_number FROM production_locations WHERE list_id = $1 ORDER BY row_number`, [res.body.listId]);
    const matches = await t.app.get(LocationDisclosureService).companiesListingSameSupplier(entries.map((e) => e.id));
    for (const [i, r] of table.entries()) {
      const m = matches.find((x) => x.entryId === entries[i].id)!;
      const label = `${r.name} / ${r.address} / ${r.country}`;
      if (r.matchesAcme) {
        // the demo lists of Staalwerk, Gieterij, Metaalbouw, Precisie and Koperwerk + this list (its 3 variants)
        expect(m.organisationIds.length, label).toBe(6);
        expect(m.matchingEntryIds.length, label).toBe(5 + 3);
      } else {
        expect(m.organisationIds, label).toEqual([ids['recycling-rijnmond']]);
        expect(m.matchingEntryIds, label).toEqual([entries[i].id]);
      }
    }
  });
});
