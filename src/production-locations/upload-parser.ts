import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { LocationInput } from './location.types.js';
import { COLUMNS, type ColumnSpec, columnForHeader, isReadOnlyHeader, type RowProblem, validateRow } from './upload-format.js';
import { DEFAULT_UPLOAD_LIMITS, fileProblem, overLimit, UploadRejected, type UploadLimits } from './upload-limits.js';
import { readFirstWorksheet } from './xlsx-reader.js';

export type UploadFormat = 'csv' | 'xlsx';

export interface ParsedUpload {
  format: UploadFormat;
  entries: LocationInput[];
}

export { UploadRejected, type UploadLimits, DEFAULT_UPLOAD_LIMITS } from './upload-limits.js';

/** Problems listed at most; a file with more says so in the last one. */
const MAX_PROBLEMS = 1000;

/** Decides the format from the bytes, never from the file name or the declared content type. */
export function detectFormat(bytes: Buffer): UploadFormat {
  if (bytes.length === 0) throw fileProblem('is empty');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw fileProblem('is an old Excel (.xls) workbook: save it as .xlsx or as CSV (UTF-8)');
  }
  if (bytes.includes(0)) throw fileProblem('is not a CSV text file or an XLSX workbook');
  return 'csv';
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fileProblem('is not UTF-8 encoded: save the CSV as "CSV UTF-8"');
  }
}

/** Maps the header row to columns; unknown, repeated or missing columns are problems of row 0 (the header). */
function mapHeader(header: string[]): { columns: Array<ColumnSpec | undefined>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  const columns = header.map((h) => {
    if (h.trim() === '' || isReadOnlyHeader(h)) return undefined;
    const c = columnForHeader(h);
    if (!c) {
      problems.push({ row: 0, field: 'header', problem: `unknown column "${h.trim().slice(0, 40)}"` });
      return undefined;
    }
    if (seen.has(c.key)) problems.push({ row: 0, field: c.en, problem: 'appears twice in the header' });
    seen.add(c.key);
    return c;
  });
  for (const c of COLUMNS) {
    if (c.required && !seen.has(c.key)) problems.push({ row: 0, field: c.en, problem: 'column is missing from the header' });
  }
  return { columns, problems };
}

/** What a streaming parse reports as it goes (issue 18): each valid entry as soon as its row is checked, and the count. */
export interface ParseSink {
  /** a row that passed every check, in file order (the upload may still be refused by a later row) */
  entry?(entry: LocationInput, row: number): void;
  /** data rows checked so far, and the rows the file declares (XLSX `<dimension>`, CSV lines), when known */
  progress?(checked: number, total: number | null): void;
  /** the rows the file declares, once known (before the first row is checked) */
  total?(total: number | null): void;
}

/**
 * Checks the data rows one by one as they are read (the header first): valid entries go to the sink at once, the
 * problems are kept per row, and `finish()` refuses the whole file if any row had one, listing them all.
 */
class RowCollector {
  private columns: Array<ColumnSpec | undefined> = [];
  private readonly problems = new Map<number, RowProblem[]>();
  private problemCount = 0;
  private entries: LocationInput[] = [];
  private rows = 0;

  constructor(
    private readonly sink: ParseSink,
    private readonly keep: boolean,
  ) {}

  header(header: string[]): void {
    const { columns, problems } = mapHeader(header);
    if (problems.length) throw new UploadRejected('The header row is not in the documented layout', problems);
    this.columns = columns;
  }

  /** the data row's number (1-based) */
  row(cells: string[], cellProblems: RowProblem[]): number {
    const row = ++this.rows;
    const columns = this.columns;
    const byKey: Partial<Record<keyof LocationInput, string>> = {};
    columns.forEach((c, j) => {
      if (c) byKey[c.key] = cells[j] ?? '';
    });
    const all: RowProblem[] = [];
    const extra = cells.slice(columns.length).some((v) => v.trim() !== '');
    if (extra) all.push({ row, field: 'row', problem: 'has more cells than the header has columns' });
    all.push(...cellProblems.map((p) => ({ ...p, row })));
    const { entry, problems: rowProblems } = validateRow(row, byKey);
    // A cell already refused for its type (formula, date) is not reported twice.
    all.push(...rowProblems.filter((p) => !cellProblems.some((c) => c.field === p.field)));
    if (all.length) this.add(row, all);
    else if (entry) {
      if (this.keep) this.entries.push(entry);
      if (!this.failed) this.sink.entry?.(entry, row);
    }
    return row;
  }

  /** A cell found to be a hyperlink after its row was checked (XLSX lists them after the rows): it replaces that field's problems. */
  cellProblem(row: number, field: string, problem: string): void {
    const before = this.problems.get(row) ?? [];
    const kept = before.filter((p) => p.field !== field);
    this.problems.set(row, [...kept, { row, field, problem }]);
    this.problemCount += kept.length + 1 - before.length;
  }

  get failed(): boolean {
    return this.problemCount > 0;
  }

  get count(): number {
    return this.rows;
  }

  finish(): LocationInput[] {
    if (this.rows === 0) throw fileProblem('has no data rows');
    if (this.failed) {
      const all = [...this.problems.values()].flat();
      const listed = all.slice(0, MAX_PROBLEMS);
      if (all.length > MAX_PROBLEMS) listed.push({ row: 0, field: 'file', problem: `${all.length - MAX_PROBLEMS} more problems not listed` });
      throw new UploadRejected(`${this.problems.size} rows cannot be accepted; nothing was stored`, listed);
    }
    return this.entries;
  }

  private add(row: number, problems: RowProblem[]): void {
    this.problems.set(row, [...(this.problems.get(row) ?? []), ...problems]);
    this.problemCount += problems.length;
  }
}

/** Rows between two progress reports. */
const PROGRESS_EVERY = 250;

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** The checks every row of either format passes as it is read: row count, last column with a value, cell length. */
function rowGuard(limits: UploadLimits) {
  let rows = 0;
  return {
    /** counts a row (the header included) and refuses the file past UPLOAD_MAX_ROWS; returns the data row number */
    row(): number {
      if (++rows > limits.maxRows + 1) throw overLimit('UPLOAD_MAX_ROWS', `has more than ${limits.maxRows} rows`);
      return rows - 1;
    },
    cell(row: number, column: number, text: string): void {
      if (text === '') return;
      if (column > limits.maxColumns) {
        throw overLimit('UPLOAD_MAX_COLUMNS', `has a value in column ${column}, beyond column ${limits.maxColumns}`, { row, field: `column ${column}` });
      }
      if (text.length > limits.maxCellLength) {
        throw overLimit('UPLOAD_MAX_CELL_LENGTH', `has a cell longer than ${limits.maxCellLength} characters`, { row, field: `column ${column}` });
      }
    },
  };
}

export function parseCsv(bytes: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, sink: ParseSink = {}, keep = true): LocationInput[] {
  const text = decodeUtf8(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Dutch spreadsheet programs write `;`-separated CSV; take whichever separator the header uses more.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const guard = rowGuard(limits);
  const maxRecord = Math.max(64 * 1024, limits.maxCellLength * 4);
  const collector = new RowCollector(sink, keep);
  // The lines after the header: what "rows checked N of M" counts towards (a quoted line break makes it an estimate).
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  const total = Math.min(lines, limits.maxRows);
  sink.total?.(total);
  let header: string[] | undefined;
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: maxRecord,
      // Checked per record as the parser goes, so an oversized file stops at the first row over a limit, and each
      // row is checked (and handed on) as soon as it is read.
      on_record: (record: string[]) => {
        if (isBlank(record)) return null;
        const row = guard.row();
        record.forEach((cell, i) => guard.cell(row, i + 1, cell));
        if (!header) {
          header = record;
          collector.header(record);
        } else if (collector.row(record, []) % PROGRESS_EVERY === 0) sink.progress?.(collector.count, total);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof UploadRejected) throw error;
    const { lines: line, code } = error as { lines?: number; code?: string };
    if (code === 'CSV_MAX_RECORD_SIZE') throw overLimit('UPLOAD_MAX_CELL_LENGTH', `has a line longer than ${maxRecord} characters`, { row: Math.max(0, (line ?? 1) - 1) });
    throw fileProblem(`is not valid CSV${line ? ` (near line ${line})` : ''}`);
  }
  if (!header) throw fileProblem('has no header row');
  sink.progress?.(collector.count, collector.count);
  return collector.finish();
}

/** Text of one XLSX cell; formulas and dates are refused (a supplier list holds text and numbers only). */
function cellText(cell: ExcelJS.Cell, field: string): { text: string; problem?: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
  if (v instanceof Date) return { text: '', problem: 'is a date, not text' };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { text: '', problem: 'is a spreadsheet formula; only values are accepted' };
    if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
    if ('hyperlink' in v) return { text: '', problem: 'is a hyperlink; only plain text is accepted' };
    if ('error' in v) return { text: '', problem: 'holds a spreadsheet error value' };
  }
  return { text: '', problem: `has an unsupported cell type (${field})` };
}

/** `B7` → column 2, row 7 */
function decodeRef(ref: string): { column: number; row: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { column, row: Number(m[2]) };
}

export async function parseXlsx(bytes: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, sink: ParseSink = {}, keep = true): Promise<LocationInput[]> {
  const guard = rowGuard(limits);
  const collector = new RowCollector(sink, keep);
  /** sheet row number → data row number (for the hyperlinks, listed after the rows) */
  const bySheetRow = new Map<number, number>();
  let header: string[] | undefined;
  let columns: Array<ColumnSpec | undefined> = [];
  let total: number | null = null;
  const { hyperlinks } = await readFirstWorksheet(
    bytes,
    limits,
    (row) => {
      guard.row(); // every <row> of the sheet counts, blank or not
      const dataRow = header ? collector.count + 1 : 0;
      const cells: string[] = [];
      const problems: RowProblem[] = [];
      // Only the cells present in the file: a lone cell in column XFD costs one cell, not 16,384 (issue 12).
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const field = columns[c - 1]?.en ?? `column ${c}`;
        const { text, problem } = cellText(cell, field);
        guard.cell(dataRow, c, problem ? 'x' : text);
        cells[c - 1] = text;
        if (problem) problems.push({ row: 0, field, problem });
      });
      for (let c = 0; c < cells.length; c++) cells[c] ??= '';
      if (isBlank(cells) && problems.length === 0) return;
      if (!header) {
        header = cells;
        columns = header.map((h) => (h.trim() ? columnForHeader(h) : undefined));
        collector.header(cells);
        return;
      }
      const n = collector.row(cells, problems);
      bySheetRow.set(row.number, n);
      if (n % PROGRESS_EVERY === 0) sink.progress?.(n, total);
    },
    (rows) => {
      // the sheet's declared extent, header included: an estimate of the rows to check
      total = rows === null ? null : Math.max(0, Math.min(rows - 1, limits.maxRows));
      sink.total?.(total);
    },
  );
  if (!header) throw fileProblem('has no header row');
  for (const ref of hyperlinks) {
    const at = decodeRef(ref);
    const n = at && bySheetRow.get(at.row);
    if (!at || !n) continue;
    collector.cellProblem(n, columns[at.column - 1]?.en ?? `column ${at.column}`, 'is a hyperlink; only plain text is accepted');
  }
  sink.progress?.(collector.count, collector.count);
  return collector.finish();
}

/**
 * Parses a whole file. With a sink, each valid entry is handed on as soon as its row is checked (issue 18), and
 * `keep: false` leaves `entries` empty (the sink has them all).
 */
export async function parseLocationFile(bytes: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, sink: ParseSink = {}, keep = true): Promise<ParsedUpload> {
  const format = detectFormat(bytes);
  const entries = format === 'xlsx' ? await parseXlsx(bytes, limits, sink, keep) : parseCsv(bytes, limits, sink, keep);
  return { format, entries };
}

/** The downloadable template: the header (English or Dutch) and one example row. */
export function templateRows(language: 'en' | 'nl'): string[][] {
  const header = COLUMNS.map((c) => (language === 'nl' ? c.nl : c.en));
  const example = ['Voorbeeld Gieterij B.V.', 'Industrieweg 12', '7500 AA', 'Enschede', 'NL', 'NL-OV', 'processing', 'steel;aluminium', '1', '', '', ''];
  return [header, example];
}

export function templateCsv(language: 'en' | 'nl'): string {
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return templateRows(language).map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export async function templateXlsx(language: 'en' | 'nl'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === 'nl' ? 'Productielocaties' : 'Production locations');
  for (const r of templateRows(language)) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
