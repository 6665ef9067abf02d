import ExcelJS from 'exceljs';

/** A cell a spreadsheet would run as a formula is written as text (CSV/formula injection). */
export const safe = (v: string | number | null) => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
};

/** Rows as RFC 4180 CSV (comma, CRLF), every text cell safe to open in a spreadsheet. */
export function toCsv(rows: Array<Array<string | number | null>>): string {
  return rows.map(csvLine).join('');
}

/** One CSV line (RFC 4180, CRLF-terminated) of safe cells: what toCsv writes per row, for a streamed file. */
export function csvLine(row: Array<string | number | null>): string {
  const quote = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return row.map((v) => quote(safe(v))).join(',') + '\r\n';
}

/** Rows as one XLSX sheet with a bold header row; numbers stay numbers. */
export async function toXlsx(sheetName: string, rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'number' ? v : safe(v))));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
