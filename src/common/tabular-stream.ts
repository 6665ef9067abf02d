import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, safe } from './tabular.js';

type Cell = string | number | null;

/**
 * A header and rows arriving in batches, as a streamed CSV file (the cells made safe as toCsv makes them). Each batch
 * is read only when the reader wants more bytes, so memory holds one batch however long the file is.
 */
export function csvStream(header: string[], batches: AsyncIterable<Cell[][]>): Readable {
  return Readable.from(
    (async function* () {
      yield csvLine(header);
      for await (const rows of batches) yield rows.map(csvLine).join('');
    })(),
  );
}

/**
 * The same as one XLSX sheet with a bold header row, written by exceljs's streaming writer: every row is committed
 * (written into the zip) as it comes, so the workbook is never held whole. A failed read ends the stream with the error.
 */
export function xlsxStream(sheetName: string, header: string[], batches: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  // waits while the reader is behind (a slow download), so the zip buffers at most about one batch
  const drained = () => new Promise<void>((resolve) => {
    out.once('drain', resolve);
    out.once('close', resolve);
  });
  void (async () => {
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for await (const rows of batches) {
      for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'number' ? v : safe(v)))).commit();
      if (out.destroyed) return;
      if (out.writableNeedDrain) await drained();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}
