import { parentPort } from 'node:worker_threads';
import type { DuplicateWarning } from './supplier-matching/duplicates.js';
import { encodeBatch, type InsertColumns } from './upload-batch.js';
import type { RowProblem } from './upload-format.js';
import { type UploadLimits, UploadRejected } from './upload-limits.js';
import type { LocationInput } from './location.types.js';
import { detectFormat, type ParsedUpload, parseLocationFile } from './upload-parser.js';
import { ListPreparer, type PreparedEntry, type SealingKeys } from './upload-rows.js';

/**
 * What the main thread sends: the file's bytes and the limits to read it under; to store it, also the keys to seal
 * and index its rows with (then the rows come back in batches, ready to insert, and `parsed.entries` stays empty).
 */
export interface ParseRequest {
  bytes: Uint8Array;
  limits: UploadLimits;
  sealing?: SealingKeys;
  /** rows per batch when sealing */
  batchRows?: number;
}

/** Posted while the file is read (issue 18): the rows the file declares, rows checked so far, a batch ready to insert. */
export type UploadPartial = { total: number | null } | { checked: number; total: number | null } | { batch: InsertColumns };

export type ParseReply =
  | { ok: true; parsed: ParsedUpload; rows: number; warnings: DuplicateWarning[] }
  | { ok: false; rejected: { message: string; problems: RowProblem[] } }
  | { ok: false; failed: string };

const post = (partial: UploadPartial) => parentPort!.postMessage({ partial });

async function handle(request: ParseRequest): Promise<ParseReply> {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const preparer = request.sealing ? new ListPreparer(request.sealing) : null;
  const batchRows = request.batchRows ?? 1000;
  let batch: PreparedEntry[] = [];
  let rows = 0;
  const seal = (entry: LocationInput) => {
    // Sealed and indexed here, beside the parsing, off the event loop; handed over as soon as a batch is full.
    batch.push(preparer!.add(entry));
    if (batch.length >= batchRows) {
      post({ batch: encodeBatch(batch) });
      batch = [];
    }
  };
  // An XLSX streams, so its rows are sealed as they are read (the overlap with the inserts). A CSV is read in one
  // synchronous pass that is fast anyway: its rows are sealed after it, so a file over UPLOAD_MAX_ROWS or with a bad
  // last row costs no sealing and no insert at all.
  const streaming = preparer !== null && detectFormat(bytes) === 'xlsx';
  const later: LocationInput[] = [];
  const parsed = await parseLocationFile(
    bytes,
    request.limits,
    {
      total: (total) => post({ total }),
      progress: (checked, total) => post({ checked, total }),
      entry: (entry) => {
        rows++;
        if (streaming) seal(entry);
        else if (preparer) later.push(entry);
      },
    },
    !preparer,
  );
  for (const entry of later) seal(entry);
  if (preparer && batch.length > 0) post({ batch: encodeBatch(batch) });
  return { ok: true, parsed, rows, warnings: preparer ? preparer.warnings() : [] };
}

/**
 * A worker thread of the upload pool (upload-parsing.service.ts): parses one file per message, off the event
 * loop, and (for an upload) seals and indexes its rows too. Rejections carry the same problems the API returns;
 * anything else is reported as a failure (a defect).
 */
parentPort?.on('message', (request: ParseRequest) => {
  handle(request).then(
    (reply) => parentPort!.postMessage(reply),
    (error: unknown) => {
      const reply: ParseReply =
        error instanceof UploadRejected
          ? { ok: false, rejected: { message: error.message, problems: error.problems } }
          : { ok: false, failed: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error' };
      parentPort!.postMessage(reply);
    },
  );
});
