import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { LocationDisclosureService } from '../src/production-locations/location-disclosure.service.js';
import { SupplierMatchingService } from '../src/production-locations/supplier-matching.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;

/** Distinctive NAW and competition-sensitive values that occur nowhere else. */
const SECRETS = {
  supplierName: 'Quokkaxyl Smeltery Zanzibar B.V.',
  address: 'Wombatstraat 918273',
  postcode: '9182 QX',
  city: 'Quokkaxylstad',
  volume: '7319 kilotonnes platypus',
  contractNotes: 'numbat clause priced at 4711',
  // issue 16 item 4: the Open Supply Hub ID is stored like the NAW and never leaves the service
  osId: 'QX2022118QUOKKA7',
};
const HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume,contract_notes,os_id';
const row = (s = SECRETS) => `${s.supplierName},${s.address},${s.postcode},${s.city},NL,NL-GR,smelting,tin,2,${s.volume},${s.contractNotes},${s.osId}`;

/** Every form a value could take in a dump: as text, hex of bytea, and as a JSON/escaped string. */
function forms(value: string): string[] {
  return [value, value.toLowerCase(), Buffer.from(value).toString('hex'), Buffer.from(value).toString('base64').slice(0, 16)];
}

/**
 * Issue 5 item 2: NAW never appears in clear in the database, its dump, the logs, error messages or mail. A
 * list with distinctive NAW goes in through the real upload, is read, matched, fails validation once, and then
 * `pg_dump` of the whole database and the captured service log are scanned for every value.
 */
describe('plaintext scan: NAW absent from pg_dump, logs and errors (issue 5 item 2)', () => {
  let t: TestApp;
  let company: string;
  let secretariat: string;

  beforeAll(async () => {
    t = await startTestApp();
    company = await t.login(email('koperwerk-zeeland'));
    secretariat = await t.login(email('secretariaat'));
  });
  afterAll(() => t?.close());

  it('goes through upload, reads, a rejected upload and blind-index matching', async () => {
    const upload = (csv: string) => t.http().post('/api/v1/production-locations/uploads?year=2034').set('authorization', `Bearer ${company}`)
      .attach('file', Buffer.from(`${HEADER}\n${csv}\n`), 'list.csv');
    const ok = await upload(row());
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // A rejected upload whose good row carries the NAW: the error names row, field and problem, never values.
    const rejected = await upload(`${row()}\n${SECRETS.supplierName},${SECRETS.address},,${SECRETS.city},ZZ,,smelting,tin,9,,`);
    expect(rejected.status).toBe(422);
    const list = await t.http().get('/api/v1/production-locations?year=2034').set('authorization', `Bearer ${secretariat}`);
    const { osId: _osId, ...naw } = SECRETS;
    expect(list.body.items[0]).toMatchObject(naw);
    const one = await t.http().get(`/api/v1/production-locations/${list.body.items[0].id}`).set('authorization', `Bearer ${company}`);
    expect(one.body.supplierName).toBe(SECRETS.supplierName);
    const matches = await t.app.get(LocationDisclosureService).companiesListingSameSupplier([list.body.items[0].id]);
    expect(matches[0].matchingEntryIds).toEqual([list.body.items[0].id]);
    // Issue 16: another company spells it with a typo; the fuzzy search decrypts and scores both in the service.
    const other = await t.login(email('gieterij-de-hoop'));
    const variant = await t.http().post('/api/v1/production-locations/uploads?year=2034').set('authorization', `Bearer ${other}`)
      .attach('file', Buffer.from(`${HEADER}\nQuokkaxyl Smeltry Zanzibar,${SECRETS.address},${SECRETS.postcode},${SECRETS.city},NL,NL-GR,smelting,tin,2,,,\n`), 'list.csv');
    expect(variant.status).toBe(201);
    const found = await t.db.transaction((m) => t.app.get(SupplierMatchingService).candidatesFor(m, [list.body.items[0].id], { actor: null, grant: { type: 'case', id: 'scan' } }));
    expect(found).toHaveLength(1);
    expect(found[0].method).toBe('score');
    // the OS ID is not even in the secretariat's own read of the list
    for (const f of forms(SECRETS.osId)) expect(JSON.stringify(list.body).toLowerCase()).not.toContain(f.toLowerCase());
    for (const value of Object.values(SECRETS)) for (const f of forms(value)) expect(JSON.stringify(found)).not.toContain(f);
    for (const value of Object.values(SECRETS)) {
      for (const f of forms(value)) expect(JSON.stringify(rejected.body)).not.toContain(f);
    }
  });

  it('pg_dump of the whole database holds none of the values, in any encoding', async () => {
    const { stdout } = await run('pg_dump', ['--no-owner', '--dbname', t.databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
    expect(stdout).toContain('production_locations'); // the dump is real
    expect(stdout.length).toBeGreaterThan(10_000);
    const dump = stdout.toLowerCase();
    for (const value of Object.values(SECRETS)) {
      for (const f of forms(value)) expect(dump, `${value} as ${f}`).not.toContain(f.toLowerCase());
    }
  });

  it('the captured service log holds none of the values', async () => {
    const logs = t.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/api/v1/production-locations'); // requests were logged
    for (const value of Object.values(SECRETS)) {
      for (const f of forms(value)) expect(logs).not.toContain(f);
    }
  });

  it('a ciphertext copied into another row does not open through the API: an error without any value, never the other row', async () => {
    const rows = await t.db.query(
      `SELECT pl.id FROM production_locations pl JOIN organisations o ON o.id = pl.organisation_id
        WHERE o.slug = 'koperwerk-zeeland' AND pl.is_current ORDER BY pl.year DESC, pl.row_number LIMIT 2`,
    );
    const [a, b] = rows.map((r: { id: string }) => r.id);
    const before = await t.http().get(`/api/v1/production-locations/${b}`).set('authorization', `Bearer ${company}`);
    expect(before.status).toBe(200);
    await t.db.query(`UPDATE production_locations SET supplier_name = (SELECT supplier_name FROM production_locations WHERE id = $1) WHERE id = $2`, [a, b]);
    const res = await t.http().get(`/api/v1/production-locations/${b}`).set('authorization', `Bearer ${company}`);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain(SECRETS.supplierName);
    expect(JSON.stringify(res.body)).not.toContain(before.body.supplierName);
    expect(t.logs()).toContain('sealed field cannot be opened');
    for (const f of forms(SECRETS.supplierName)) expect(t.logs()).not.toContain(f);
  });
});
