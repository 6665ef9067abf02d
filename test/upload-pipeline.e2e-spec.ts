import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { KeyOperationsService } from '../src/production-locations/key-operations.service.js';
import { MatchKeyBackfill } from '../src/production-locations/match-key-backfill.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume,contract_notes';
const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;
const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\n') + '\n');
const row = (i: number) => `Leverancier ${i} B.V.,Industrieweg ${i},7500 AA,Enschede,NL,NL-OV,processing,steel,1,,`;
/** An XLSX of `rows` rows; row `badAt` (if given) has a country code that does not exist. */
async function workbook(rows: number, badAt?: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('list');
  sheet.addRow(HEADER.split(','));
  for (let i = 1; i <= rows; i++) sheet.addRow(row(i).split(',').map((v, c) => (i === badAt && c === 4 ? 'XX' : i === badAt && c === 5 ? '' : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const MK = ['mk_name', 'mk_phonetic', 'mk_city_prefix', 'mk_number_postcode', 'mk_street_number', 'mk_city_number'];

/**
 * Issue 18 (the upload pipeline: rows sealed and indexed in the worker, inserted in batches while the file is read,
 * all in one transaction) and issue 14 item 4 (the rows checked, in PostgreSQL, for the page to poll any instance),
 * and the backfill of the fuzzy indexes for entries stored before issue 16.
 */
describe('upload pipeline: batches, progress, match-key backfill (issues 18, 14 item 4)', () => {
  let t: TestApp;
  let second: TestApp;
  let company: string;
  let other: string;
  let secretariat: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { UPLOAD_RATE_LIMIT: '1000' } });
    // a second instance on the same database: the page may poll either
    second = await startTestApp({ databaseUrl: t.databaseUrl, env: { UPLOAD_RATE_LIMIT: '1000' } });
    company = await t.login(email('staalwerk-twente'));
    other = await second.login(email('gieterij-de-hoop'));
    secretariat = await second.login(email('secretariaat'));
    [{ id: companyId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'staalwerk-twente'`);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const upload = (app: TestApp, token: string, body: Buffer, query: string) =>
    app.http().post(`/api/v1/production-locations/uploads?${query}`).set('authorization', `Bearer ${token}`).attach('file', body, 'list.csv');
  const progressOf = (app: TestApp, token: string, id: string) =>
    app.http().get(`/api/v1/production-locations/uploads/progress/${id}`).set('authorization', `Bearer ${token}`);
  const stored = async (year: number) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM production_locations WHERE organisation_id = $1 AND year = $2`, [companyId, year]))[0].n;

  it('a list of 2,500 rows goes in as batches in one transaction; the rows checked are read from another instance, only by the uploader', async () => {
    const id = randomUUID();
    const rows = Array.from({ length: 2500 }, (_, i) => row(i + 1));
    const res = await upload(t, company, csv(rows), `year=2071&progress=${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ accepted: 2500, revision: 1, format: 'csv' });
    expect(await stored(2071)).toBe(2500);
    const [list] = await t.db.query(`SELECT entry_count, source_format FROM production_location_lists WHERE id = $1`, [res.body.listId]);
    expect(list).toEqual({ entry_count: 2500, source_format: 'csv' });
    // every row in file order, each with its fuzzy indexes (current version) and an identity
    const numbers = await t.db.query(
      `SELECT row_number, match_keys_version, mk_name IS NOT NULL AS keyed, supplier_id IS NOT NULL AS identity FROM production_locations WHERE list_id = $1 ORDER BY row_number`,
      [res.body.listId],
    );
    expect(numbers.map((r: { row_number: number }) => r.row_number)).toEqual(rows.map((_, i) => i + 1));
    expect(numbers.every((r: { match_keys_version: number; keyed: boolean; identity: boolean }) => r.match_keys_version === 1 && r.keyed && r.identity)).toBe(true);

    const mine = await progressOf(second, company, id);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toMatchObject({ id, kind: 'upload', phase: 'done', checked: 2500, total: 2500 });
    // another company, and the secretariat (which did not upload it): as if it did not exist
    expect((await progressOf(second, other, id)).status).toBe(404);
    expect((await progressOf(t, secretariat, id)).status).toBe(404);
    expect((await progressOf(t, company, randomUUID())).status).toBe(404);
    // an id is for one upload only
    const again = await upload(t, company, csv([row(1)]), `year=2072&progress=${id}`);
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual([{ field: 'progress', problem: 'is already used by another upload' }]);
    expect(await stored(2072)).toBe(0);
    const bad = await upload(t, company, csv([row(1)]), `year=2072&progress=not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('progress');
  });

  it('a bad row after the first batches were inserted: 422 naming it, nothing stored, the progress says refused', async () => {
    const id = randomUUID();
    // an XLSX: its rows are sealed and inserted as they stream (a CSV is sealed only once it was read whole)
    const res = await t.http().post(`/api/v1/production-locations/uploads?year=2073&progress=${id}`).set('authorization', `Bearer ${company}`)
      .attach('file', await workbook(2600, 2550), 'list.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([{ row: 2550, field: 'country', problem: 'is not an ISO 3166-1 alpha-2 country code' }]);
    expect(await stored(2073)).toBe(0);
    expect(await t.db.query(`SELECT id FROM production_location_lists WHERE organisation_id = $1 AND year = 2073`, [companyId])).toEqual([]);
    expect((await progressOf(second, company, id)).body).toMatchObject({ phase: 'refused' });
  });

  it('one parsing and one sealing worker (UPLOAD_WORKERS=1): four uploads at once, one refused mid-file, all answer and the workers are free after', async () => {
    // An upload holds a worker of each pool (upload-parsing.service.ts): they queue, never wait on each other, and a
    // refused file stops its sealing worker.
    const solo = await startTestApp({ databaseUrl: t.databaseUrl, env: { UPLOAD_RATE_LIMIT: '1000', UPLOAD_WORKERS: '1' } });
    try {
      const token = await solo.login(email('staalwerk-twente'));
      const post = (body: Buffer, name: string, year: number) =>
        solo.http().post(`/api/v1/production-locations/uploads?year=${year}`).set('authorization', `Bearer ${token}`).attach('file', body, name);
      const [good, bad] = await Promise.all([workbook(2600), workbook(2600, 2550)]);
      const answers = await Promise.all([
        post(good, 'list.xlsx', 2077),
        post(bad, 'list.xlsx', 2078),
        post(csv(Array.from({ length: 1200 }, (_, i) => row(i + 1))), 'list.csv', 2079),
        post(good, 'list.xlsx', 2080),
      ]);
      expect(answers.map((a) => a.status)).toEqual([201, 422, 201, 201]);
      expect(answers[1].body.details).toEqual([{ row: 2550, field: 'country', problem: 'is not an ISO 3166-1 alpha-2 country code' }]);
      expect([await stored(2077), await stored(2078), await stored(2079), await stored(2080)]).toEqual([2600, 0, 1200, 2600]);
      const numbers = await t.db.query(`SELECT row_number FROM production_locations WHERE list_id = $1 ORDER BY row_number`, [answers[3].body.listId]);
      expect(numbers.map((r: { row_number: number }) => r.row_number)).toEqual(Array.from({ length: 2600 }, (_, i) => i + 1));
      const after = await post(csv([row(1)]), 'list.csv', 2081);
      expect(after.status, JSON.stringify(after.body)).toBe(201);
    } finally {
      await solo.close();
    }
  });

  it('text a PostgreSQL array literal would misread (quotes, backslashes, braces, commas) is stored as written', async () => {
    const region = 'Haut "Katanga" \\ {a,b}, NULL';
    const res = await upload(t, company, csv([`"Mine ""A""",Route 1,,Kolwezi,CD,"${region.replace(/"/g, '""')}",mining,cobalt;tin,2,,`]), 'year=2074');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const list = await t.http().get('/api/v1/production-locations?year=2074').set('authorization', `Bearer ${company}`);
    expect(list.body.items[0]).toMatchObject({ supplierName: 'Mine "A"', region, rawMaterials: ['cobalt', 'tin'], postcode: null });
  });

  it('a re-upload keeps each supplier its identity (exact index) and hands an approved restriction on', async () => {
    const first = await upload(t, company, csv([row(1), row(2)]), 'year=2075');
    const [a] = await t.db.query(`SELECT id, supplier_id FROM production_locations WHERE list_id = $1 AND row_number = 2`, [first.body.listId]);
    await t.db.query(`UPDATE production_locations SET restriction_level = 'country' WHERE id = $1`, [a.id]);
    const next = await upload(t, company, csv([row(2), row(3)]), 'year=2075');
    expect(next.status).toBe(201);
    const rows = await t.db.query(`SELECT row_number, supplier_id, restriction_level, is_current FROM production_locations WHERE list_id = $1 ORDER BY row_number`, [next.body.listId]);
    expect(rows[0]).toMatchObject({ supplier_id: a.supplier_id, restriction_level: 'country', is_current: true });
    expect(rows[1].supplier_id).not.toBe(a.supplier_id);
    const old = await t.db.query(`SELECT DISTINCT is_current FROM production_locations WHERE list_id = $1`, [first.body.listId]);
    expect(old).toEqual([{ is_current: false }]);
  });

  it('backfill: entries stored before issue 16 get the same fuzzy indexes an upload gives, in resumable batches; a shredded company is marked without', async () => {
    const res = await upload(t, company, csv(Array.from({ length: 12 }, (_, i) => row(i + 100))), 'year=2076');
    const listId = res.body.listId;
    const computed = await t.db.query(`SELECT id, ${MK.join(', ')} FROM production_locations WHERE list_id = $1 ORDER BY id`, [listId]);
    // as the issue-16 migration left older rows: no fuzzy index, no version
    await t.db.query(`UPDATE production_locations SET ${MK.map((k) => `${k} = NULL`).join(', ')}, match_keys_version = NULL WHERE list_id = $1`, [listId]);
    const [{ id: shreddedId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
    const theirs = await upload(second, other, csv([row(1)]), 'year=2076');
    await t.db.query(`UPDATE production_locations SET ${MK.map((k) => `${k} = NULL`).join(', ')}, match_keys_version = NULL WHERE list_id = $1`, [theirs.body.listId]);
    await t.app.get(KeyOperationsService).shredCompany(shreddedId);

    const backfill = t.app.get(MatchKeyBackfill);
    const firstRun = await backfill.run({ batchSize: 5, maxBatches: 1 });
    expect(firstRun).toMatchObject({ done: 5, batches: 1, left: 8 });
    // resumed on the other instance, as after a restart
    const rest = await second.app.get(MatchKeyBackfill).run({ batchSize: 5 });
    expect(rest).toMatchObject({ done: 8, left: 0 });
    expect(firstRun.shredded + rest.shredded).toBe(1);
    expect(await t.db.query(`SELECT id, ${MK.join(', ')} FROM production_locations WHERE list_id = $1 ORDER BY id`, [listId])).toEqual(computed);
    const [shredded] = await t.db.query(`SELECT match_keys_version, ${MK.join(', ')} FROM production_locations WHERE list_id = $1`, [theirs.body.listId]);
    expect(shredded).toEqual({ match_keys_version: 1, ...Object.fromEntries(MK.map((k) => [k, null])) });
    expect((await backfill.run()).done).toBe(0);
  });
});
