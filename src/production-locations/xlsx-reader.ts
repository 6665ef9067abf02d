import { type Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { fileProblem, megabytes, overLimit, UploadRejected, type UploadLimits } from './upload-limits.js';

/** The parts of exceljs' streaming reader driven here (exceljs 4.4.0, pinned; covered by the upload specs). */
interface WorkbookReaderParts {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseStyles(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<{ eventType: string; value: WorksheetReaderParts }>;
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ rId: string }> };
}
interface WorksheetReaderParts {
  parse(): AsyncGenerator<Array<{ eventType: string; value: unknown }>>;
  hyperlinks?: Record<string, unknown>;
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Reads the first worksheet of an XLSX row by row, calling `onRow` for each (it may throw to stop). The zip's
 * central directory is checked first, before anything is inflated: part count, worksheet count and the declared
 * uncompressed sizes (UPLOAD_MAX_SHEETS, UPLOAD_MAX_UNCOMPRESSED_BYTES). yauzl then refuses any part that inflates
 * past its declared size, and a running count across all parts enforces the byte limit again. Only the workbook,
 * its relationships, styles (for dates), shared strings and the first worksheet are ever inflated; the cells are
 * parsed by exceljs' streaming reader, so memory and time follow the rows actually read, never the sheet's extent.
 * Returns the cells that are hyperlinks (their `<hyperlink>` elements come after the rows).
 */
export async function readFirstWorksheet(
  bytes: Buffer,
  limits: UploadLimits,
  onRow: (row: ExcelJS.Row) => void,
  onExtent: (rows: number | null) => void = () => undefined,
): Promise<{ hyperlinks: string[] }> {
  try {
    return await read(bytes, limits, onRow, onExtent);
  } catch (error) {
    if (error instanceof UploadRejected) throw error;
    // yauzl's check of each part against the size its directory entry declares (validateEntrySizes)
    if (/bytes in the stream/.test((error as Error).message)) throw fileProblem('unpacks to a different size than its zip directory declares');
    throw fileProblem('is not a readable XLSX workbook');
  }
}

async function read(bytes: Buffer, limits: UploadLimits, onRow: (row: ExcelJS.Row) => void, onExtent: (rows: number | null) => void): Promise<{ hyperlinks: string[] }> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  // A workbook has a dozen fixed parts and a few per worksheet (sheet, relationships, drawings, comments).
  const maxParts = 64 + 8 * limits.maxSheets;
  if (zip.entryCount > maxParts) {
    throw overLimit('UPLOAD_MAX_SHEETS', `has ${zip.entryCount} parts, more than a workbook of at most ${limits.maxSheets} worksheets has`);
  }
  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  let sheets = 0;
  for await (const entry of zip.eachEntry()) {
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) throw overLimit('UPLOAD_MAX_UNCOMPRESSED_BYTES', `unpacks to more than ${megabytes(limits.maxUncompressedBytes)}`);
    if (SHEET.test(entry.fileName) && ++sheets > limits.maxSheets) throw overLimit('UPLOAD_MAX_SHEETS', `has more than ${limits.maxSheets} worksheets`);
    if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
  }

  let budget = limits.maxUncompressedBytes;
  const open = async (name: string): Promise<Readable | undefined> => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    const source = await zip.openReadStreamPromise(entry);
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        budget -= chunk.length;
        if (budget < 0) done(overLimit('UPLOAD_MAX_UNCOMPRESSED_BYTES', `unpacks to more than ${megabytes(limits.maxUncompressedBytes)}`));
        else done(null, chunk);
      },
    });
    source.on('error', (error) => counted.destroy(error));
    counted.on('close', () => source.destroy());
    return source.pipe(counted);
  };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'cache',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  const rels = await open('xl/_rels/workbook.xml.rels');
  const workbook = await open('xl/workbook.xml');
  if (!rels || !workbook) throw fileProblem('is not a readable XLSX workbook');
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const styles = await open('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  const strings = await open('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;

  const name = firstSheetName(reader, entries);
  if (!name) throw fileProblem('has no worksheet');
  onExtent(await declaredRows(await open(name)));
  const part = (await open(name))!;
  try {
    const [emitted] = [...reader._parseWorksheet(part, /(\d+)\.xml$/i.exec(name)?.[1] ?? '1')];
    const sheet = emitted.value;
    for await (const events of sheet.parse()) {
      for (const { eventType, value } of events) if (eventType === 'row') onRow(value as ExcelJS.Row);
    }
    return { hyperlinks: Object.keys(sheet.hyperlinks ?? {}) };
  } finally {
    part.destroy();
  }
}

const DIMENSION = /<(?:\w+:)?dimension\s+ref="[A-Z]{0,3}(\d*):?[A-Z]{0,3}(\d*)"/;

/**
 * The rows a worksheet declares in its `<dimension ref="A1:J10001">` (written before the rows by Excel, LibreOffice
 * and exceljs), read from the part's first 64 kB only: what "rows checked N of M" counts towards. Null when absent.
 */
async function declaredRows(part: Readable | undefined): Promise<number | null> {
  if (!part) return null;
  let head = '';
  try {
    for await (const chunk of part) {
      head += (chunk as Buffer).toString('latin1');
      const m = DIMENSION.exec(head);
      if (m) return m[2] ? Number(m[2]) - Number(m[1] || 1) + 1 : 1;
      if (head.length > 64 * 1024 || /<(?:\w+:)?sheetData/.test(head)) return null;
    }
    return null;
  } finally {
    part.destroy();
  }
}

/** The worksheet the workbook lists first (its tab order), else the lowest-numbered worksheet part. */
function firstSheetName(reader: WorkbookReaderParts, entries: Map<string, yauzl.Entry>): string | undefined {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((r) => r.Id === rId)?.Target;
  if (target) {
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    if (SHEET.test(name) && entries.has(name)) return name;
  }
  const number = (n: string) => Number(/(\d+)\.xml$/i.exec(n)?.[1] ?? Infinity);
  return [...entries.keys()].filter((n) => SHEET.test(n)).sort((a, b) => number(a) - number(b))[0];
}
