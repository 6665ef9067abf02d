import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/audit/audit.service.js';
import { EXPORT_BATCH } from '../src/audit/export-audit-log.js';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;

interface Entry {
  seq: string;
  occurredAt: string;
  action: string;
  actor: { personId: string | null; organisationId: string | null; personName: string | null; organisationName: string | null } | null;
  object: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

/**
 * Issue 14, item 5: the audit log's CSV and XLSX export — the page's filters, the names the page shows, never more
 * than the page; streamed in keyset batches; the export audited with its filters and row count; secretariat only.
 */
describe('audit-log export (issue 14, item 5; art. 55-56)', () => {
  let t: TestApp;
  let audit: AuditService;
  const tokens: Record<string, string> = {};
  let staff: { personId: string; organisationId: string; personName: string; organisationName: string };

  beforeAll(async () => {
    t = await startTestApp();
    audit = t.app.get(AuditService);
    for (const slug of ['secretariaat', 'staalwerk-twente']) tokens[slug] = await t.login(email(slug));
    const [p] = await t.db.query(
      `SELECT p.id AS "personId", p.organisation_id AS "organisationId", p.name AS "personName", o.name AS "organisationName"
         FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.email = $1`,
      [email('secretariaat')],
    );
    staff = p;
  });
  afterAll(() => t?.close());

  const get = (slug: string, path: string) => t.http().get(path).set('authorization', `Bearer ${tokens[slug]}`);
  const binary = (slug: string, path: string) =>
    get(slug, path)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const csvRows = (text: string) => parse(text, { relax_column_count: false }) as string[][];
  const page = async (query: string): Promise<Entry[]> => {
    const res = await get('secretariaat', `/api/v1/audit?${query}&limit=500`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('CSV holds exactly the page’s entries for the filter, newest first, people and organisations by name; audited with filter and count', async () => {
    const actor = { personId: staff.personId, organisationId: staff.organisationId };
    await Promise.all([
      audit.record({ actor, action: 'test.export-sample', object: { type: 'thing', id: 'one' }, details: { n: 1 } }),
      audit.record({ actor: null, action: 'test.export-sample', object: { type: 'thing', id: '=HYPERLINK("x")' }, details: { n: 2 } }),
      audit.record({ actor, action: 'test.export-sample', object: { type: 'other', id: 'three' } }),
      audit.record({ actor, action: 'test.export-other' }),
    ]);
    const shown = await page('action=test.export-sample');
    expect(shown).toHaveLength(3);
    // the page names the actor too
    expect(shown.find((e) => e.object?.id === 'one')?.actor).toMatchObject({ personName: staff.personName, organisationName: staff.organisationName });

    const res = await get('secretariaat', '/api/v1/audit/export?action=test.export-sample&format=csv&language=en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = csvRows(res.text);
    expect(header).toEqual(['seq', 'time (UTC)', 'action', 'person', 'organisation', 'object type', 'object id', 'grant type', 'grant id', 'details', 'person id', 'organisation id', 'hash']);
    expect(rows.map((r) => r[0])).toEqual(shown.map((e) => e.seq));
    for (const [i, e] of shown.entries()) {
      const r = rows[i];
      expect(r[1]).toBe(e.occurredAt);
      expect(r[2]).toBe('test.export-sample');
      expect(r[3]).toBe(e.actor ? staff.personName : 'system');
      expect(r[4]).toBe(e.actor ? staff.organisationName : '');
      // a cell a spreadsheet would run as a formula is written as text
      expect(r[6]).toBe(e.object!.id.startsWith('=') ? `'${e.object!.id}` : e.object!.id);
      expect(JSON.parse(r[9])).toEqual(e.details);
    }

    const [own] = await page('action=audit.export.read');
    expect(own.actor).toMatchObject({ personId: staff.personId, organisationId: staff.organisationId });
    expect(own.details).toMatchObject({
      format: 'csv',
      rows: 3,
      filters: { action: 'test.export-sample', objectType: null, objectId: null, actorOrganisationId: null, from: null, to: null },
    });
    expect(BigInt(own.details.throughSeq as string)).toBeLessThan(BigInt(own.seq));
  });

  it('every filter of the page applies: object type, object id, organisation, period', async () => {
    const org = (await page('action=test.export-sample')).find((e) => e.actor)!;
    const cases: Array<[string, (e: Entry) => boolean]> = [
      ['objectType=other', (e) => e.object?.type === 'other'],
      ['objectId=one', (e) => e.object?.id === 'one'],
      [`actorOrganisationId=${staff.organisationId}`, (e) => e.actor?.organisationId === staff.organisationId],
      [`from=${encodeURIComponent(org.occurredAt)}&to=${encodeURIComponent(new Date(Date.parse(org.occurredAt) + 1).toISOString())}`, () => true],
    ];
    for (const [filter, holds] of cases) {
      const shown = await page(`action=test.export-sample&${filter}`);
      expect(shown.length, filter).toBeGreaterThan(0);
      expect(shown.every(holds), filter).toBe(true);
      const res = await get('secretariaat', `/api/v1/audit/export?action=test.export-sample&${filter}&format=csv`);
      expect(res.status, filter).toBe(200);
      expect(csvRows(res.text).slice(1).map((r) => r[0]), filter).toEqual(shown.map((e) => e.seq));
    }
  });

  it('an export holds the entries up to the request: its own audit entry is never in it, nor in its count', async () => {
    const before = (await page('action=audit.export.read')).length;
    const res = await get('secretariaat', '/api/v1/audit/export?action=audit.export.read&format=csv');
    const rows = csvRows(res.text).slice(1);
    expect(rows).toHaveLength(before);
    const [own] = await page('action=audit.export.read');
    expect(own.details.rows).toBe(before);
    expect(rows.map((r) => r[0])).not.toContain(own.seq);
  });

  it('XLSX (parsed back with exceljs) holds the same rows as the CSV, with the Dutch header when asked', async () => {
    const csv = csvRows((await get('secretariaat', '/api/v1/audit/export?action=test.export-sample&format=csv&language=nl')).text);
    expect(csv[0].slice(0, 5)).toEqual(['volgnummer', 'tijd (UTC)', 'handeling', 'persoon', 'organisatie']);
    const res = await binary('secretariaat', '/api/v1/audit/export?action=test.export-sample&format=xlsx&language=nl');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="auditlog-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('Auditlog');
    expect(sheet.rowCount).toBe(csv.length);
    for (const [i, r] of csv.entries()) {
      const row = sheet.getRow(i + 1);
      expect(r.map((_, c) => row.getCell(c + 1).text), `row ${i + 1}`).toEqual(r);
    }
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const [own] = await page('action=audit.export.read');
    expect(own.details).toMatchObject({ format: 'xlsx', rows: csv.length - 1 });
  });

  it(`a log longer than one batch (${EXPORT_BATCH} entries) is read in keyset batches: every entry once, in order`, async () => {
    const n = EXPORT_BATCH * 2 + 17;
    await Promise.all(Array.from({ length: n }, (_, i) => audit.record({ actor: null, action: 'test.export-bulk', details: { i } })));
    const res = await get('secretariaat', '/api/v1/audit/export?action=test.export-bulk&format=csv');
    const seqs = csvRows(res.text).slice(1).map((r) => BigInt(r[0]));
    expect(seqs).toHaveLength(n);
    expect(seqs.every((s, i) => i === 0 || s < seqs[i - 1])).toBe(true);
    const [{ n: stored }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.export-bulk'`);
    expect(stored).toBe(n);
  });

  it('only the secretariat exports: a company gets 403 naming the rule; bad filters are 400 naming the field; nothing audited', async () => {
    const exportsBefore = (await page('action=audit.export.read')).length;
    const refused = await get('staalwerk-twente', '/api/v1/audit/export?format=csv');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('secretariat-exports-audit-log');
    for (const [query, field] of [
      ['format=pdf', 'format'],
      ['language=de', 'language'],
      ['from=yesterday', 'from'],
      ['actorOrganisationId=42', 'actorOrganisationId'],
      ['before=5', 'before'],
    ]) {
      const res = await get('secretariaat', `/api/v1/audit/export?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body.details), query).toContain(field);
    }
    expect((await page('action=audit.export.read')).length).toBe(exportsBefore);
  });
});
