import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, parseLocationFile, templateCsv, templateXlsx, UploadRejected, type UploadLimits } from './upload-parser.js';

/** vitest's matcher is typed `any`; as `unknown` it goes into the expected object without an unsafe assignment. */
const containing = (text: string): unknown => expect.stringContaining(text);

const EN = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier';
const NL = 'naam_leverancier;adres;postcode;plaats;land;regio;type_activiteit;grondstoffen;schakel';

async function problems(bytes: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS) {
  try {
    await parseLocationFile(bytes, limits);
  } catch (e) {
    if (e instanceof UploadRejected) return e.problems;
    throw e;
  }
  throw new Error('expected the upload to be rejected');
}

describe('upload parsing (issue 5 item 4: documented layout, all rows or none)', () => {
  it('reads English CSV with , and Dutch CSV with ; and a BOM', async () => {
    const en = await parseLocationFile(Buffer.from(`${EN}\nAcme Foundry B.V.,Industrieweg 12,7500 AA,Enschede,nl,NL-OV,smelting,tin; Tungsten,3+\n`));
    expect(en.entries).toEqual([
      {
        supplierName: 'Acme Foundry B.V.', address: 'Industrieweg 12', postcode: '7500 AA', city: 'Enschede', country: 'NL',
        region: 'NL-OV', activityType: 'smelting', rawMaterials: ['tin', 'tungsten'], tier: 3, volume: null, contractNotes: null, osId: null,
      },
    ]);
    const nl = await parseLocationFile(Buffer.from(`\uFEFF${NL}\nMina Sur;Calle 1;;Potosí;BO;Potosí;mijnbouw;zinc;2\n`));
    expect(nl.entries[0]).toMatchObject({ city: 'Potosí', activityType: 'mining', postcode: null, tier: 2 });
  });

  it('ignores the region-name column the list export adds, so an exported list uploads again (issue 14, item 5)', async () => {
    const en = await parseLocationFile(Buffer.from('supplier_name,address,postcode,city,country,region,region name,activity_type,raw_materials,tier\nA Mine,Pit 1,,Walikale,CD,CD-NK,Nord-Kivu,mining,cobalt,3+\n'));
    expect(en.entries).toEqual([expect.objectContaining({ region: 'CD-NK', city: 'Walikale', activityType: 'mining', tier: 3 })]);
    expect(Object.values(en.entries[0])).not.toContain('Nord-Kivu');
    const nl = await parseLocationFile(Buffer.from(`${NL.replace('regio;', 'regio;regio_naam;')}\nMina Sur;Calle 1;;Potosí;BO;BO-P;Potosí;mijnbouw;zinc;2\n`));
    expect(nl.entries[0]).toMatchObject({ region: 'BO-P', city: 'Potosí' });
    // any other unknown column is still refused
    expect(await problems(Buffer.from(`${EN},region_code\nA,B,1,C,NL,NL-OV,mining,tin,1,x\n`))).toEqual([{ row: 0, field: 'header', problem: 'unknown column "region_code"' }]);
  });

  it('lists every bad row with its field and problem', async () => {
    const p = await problems(Buffer.from(`${EN}\nA,B,1,C,XX,,mining,tin,1\nA,B,1,C,NL,BE-VAN,flying,tin,4\n,B,1,C,NL,,mining,,1\n`));
    expect(p).toEqual(expect.arrayContaining([
      { row: 1, field: 'country', problem: 'is not an ISO 3166-1 alpha-2 country code' },
      { row: 2, field: 'region', problem: 'is a subdivision code of another country' },
      { row: 2, field: 'activity_type', problem: containing('must be one of') },
      { row: 2, field: 'tier', problem: 'must be 1, 2 or 3+' },
      { row: 3, field: 'supplier_name', problem: 'is required' },
      { row: 3, field: 'raw_materials', problem: 'is required' },
    ]));
  });

  it('refuses formula cells in CSV (formula injection)', async () => {
    const p = await problems(Buffer.from(`${EN}\n"=HYPERLINK(""http://evil"",""x"")",B,1,C,NL,,mining,tin,1\n`));
    expect(p).toEqual([{ row: 1, field: 'supplier_name', problem: containing('spreadsheet formula') }]);
  });

  it('refuses formula cells in XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('x');
    s.addRow(EN.split(','));
    s.addRow(['A', 'B', '1', 'C', 'NL', '', 'mining', 'tin', 1]);
    s.getCell('A2').value = { formula: 'HYPERLINK("http://evil","x")', result: 'x' };
    const p = await problems(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(p).toEqual([{ row: 1, field: 'supplier_name', problem: containing('formula') }]);
  });

  it('refuses non-UTF-8 text, binary files, old .xls and unknown or missing columns', async () => {
    expect((await problems(Buffer.from(`${EN}\nM\xfcller,B,1,C,DE,,mining,tin,1\n`, 'latin1')))[0].problem).toContain('UTF-8');
    expect((await problems(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])))[0].problem).toContain('not a CSV');
    expect((await problems(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])))[0].problem).toContain('.xls');
    expect((await problems(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))[0].problem).toContain('XLSX');
    const header = await problems(Buffer.from('supplier_name,colour\nA,red\n'));
    expect(header).toEqual(expect.arrayContaining([
      { row: 0, field: 'header', problem: 'unknown column "colour"' },
      { row: 0, field: 'country', problem: 'column is missing from the header' },
    ]));
  });

  it('the templates parse back to their example row', async () => {
    expect((await parseLocationFile(Buffer.from(templateCsv('en')))).entries).toHaveLength(1);
    expect((await parseLocationFile(Buffer.from(templateCsv('nl')))).entries).toHaveLength(1);
    expect((await parseLocationFile(await templateXlsx('nl'))).entries[0].activityType).toBe('processing');
  });

  it('checks every value of a multi-value cell for formulas, after the split on ; (issue 12)', async () => {
    const p = await problems(Buffer.from(`${EN}\nA,B,1,C,NL,,mining,tin;=1+1,1\nA,B,1,C,NL,,mining,"tin; +cmd",1\n`));
    expect(p).toEqual([
      { row: 1, field: 'raw_materials', problem: containing('spreadsheet formula') },
      { row: 2, field: 'raw_materials', problem: containing('spreadsheet formula') },
    ]);
  });

  it('stops at the first row, column or cell over a limit and names it (issue 12)', async () => {
    const limits = { ...DEFAULT_UPLOAD_LIMITS, maxRows: 2, maxColumns: 12, maxCellLength: 2000 };
    const row = 'A,B,1,C,NL,,mining,tin,1';
    expect(await problems(Buffer.from(`${EN}\n${row}\n${row}\n${row}\n`), limits)).toEqual([
      { row: 0, field: 'file', problem: 'has more than 2 rows (limit UPLOAD_MAX_ROWS)' },
    ]);
    expect(await problems(Buffer.from(`${EN}\n${row},,,,x\n`), limits)).toEqual([
      { row: 1, field: 'column 13', problem: 'has a value in column 13, beyond column 12 (limit UPLOAD_MAX_COLUMNS)' },
    ]);
    expect(await problems(Buffer.from(`${EN}\n${row},${'n'.repeat(2001)}\n`), limits)).toEqual([
      { row: 1, field: 'column 10', problem: 'has a cell longer than 2000 characters (limit UPLOAD_MAX_CELL_LENGTH)' },
    ]);
    // Up to the limit is fine.
    expect((await parseLocationFile(Buffer.from(`${EN}\n${row}\n${row}\n`), limits)).entries).toHaveLength(2);
  });

  it('reads XLSX hyperlinks (listed after the rows in the sheet) as problems of their cells', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('x');
    s.addRow(EN.split(','));
    s.addRow(['A', 'B', '1', 'C', 'NL', '', 'mining', 'tin', 1]);
    s.addRow(['A', { text: 'click', hyperlink: 'http://evil.example' }, '1', 'C', 'NL', '', 'mining', 'tin', 1]);
    expect(await problems(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual([
      { row: 2, field: 'address', problem: 'is a hyperlink; only plain text is accepted' },
    ]);
  });
  it('issue 18: streams each checked row to the sink in order, with the rows the sheet declares; none after a bad row', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(EN.split(','));
    for (let i = 1; i <= 600; i++) sheet.addRow([`Supplier ${i}`, `Street ${i}`, '', 'City', i === 400 ? 'XX' : 'NL', '', 'mining', 'tin', 1]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const seen: number[] = [];
    const totals: Array<number | null> = [];
    const checked: number[] = [];
    const sink = { entry: (_: unknown, row: number) => seen.push(row), total: (t: number | null) => totals.push(t), progress: (n: number) => checked.push(n) };
    await expect(parseLocationFile(bytes, DEFAULT_UPLOAD_LIMITS, sink, false)).rejects.toBeInstanceOf(UploadRejected);
    expect(totals).toEqual([600]);
    expect(seen).toEqual(Array.from({ length: 399 }, (_, i) => i + 1));
    expect(checked).toEqual([250, 500, 600]);

    const csv = Buffer.from(`${EN}\nA,B 1,,C,NL,,mining,tin,1\nD,E 2,,F,NL,,mining,tin,2\n`);
    const rows: number[] = [];
    const parsed = await parseLocationFile(csv, DEFAULT_UPLOAD_LIMITS, { entry: (_, row) => rows.push(row), total: (t) => totals.push(t) }, false);
    expect(parsed.entries).toEqual([]);
    expect(rows).toEqual([1, 2]);
    expect(totals.at(-1)).toBe(2);
  });
});
