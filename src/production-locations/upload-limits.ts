import type { RowProblem } from './upload-format.js';

/**
 * What an upload may hold (README "Upload limits"; issue 12). Each limit is checked while the file is read, before
 * the work it bounds: the zip's central directory before anything is inflated, every row, column and cell as it
 * streams. Over a limit the whole file is refused with 422 naming the limit's configuration variable.
 */
export interface UploadLimits {
  /** total inflated size of an XLSX's parts (UPLOAD_MAX_UNCOMPRESSED_BYTES) */
  maxUncompressedBytes: number;
  /** worksheets in an XLSX (UPLOAD_MAX_SHEETS) */
  maxSheets: number;
  /** data rows below the header (UPLOAD_MAX_ROWS) */
  maxRows: number;
  /** the last column that may hold a value (UPLOAD_MAX_COLUMNS) */
  maxColumns: number;
  /** characters in one cell (UPLOAD_MAX_CELL_LENGTH) */
  maxCellLength: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxSheets: 16,
  maxRows: 50_000,
  maxColumns: 64,
  maxCellLength: 10_000,
};

/** The whole file is refused: nothing is stored, and every problem found is listed (issue 5 item 4). */
export class UploadRejected extends Error {
  constructor(
    message: string,
    readonly problems: RowProblem[],
  ) {
    super(message);
  }
}

export const fileProblem = (problem: string) => new UploadRejected('The file cannot be read', [{ row: 0, field: 'file', problem }]);

/** A limit was reached: the 422 names the configuration variable, and the row and column where it was met. */
export const overLimit = (variable: string, problem: string, at: { row?: number; field?: string } = {}) =>
  new UploadRejected(`The file exceeds the upload limit ${variable}`, [
    { row: at.row ?? 0, field: at.field ?? 'file', problem: `${problem} (limit ${variable})` },
  ]);

export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
