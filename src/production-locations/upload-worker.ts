import { type MessagePort, parentPort } from 'node:worker_threads';
import type { RowProblem } from './upload-format.js';
import { type UploadLimits, UploadRejected } from './upload-limits.js';
import type { LocationInput } from './location.types.js';
import { detectFormat, type ParsedUpload, parseLocationFile } from './upload-parser.js';
import type { RowMessage } from './upload-seal-worker.js';

/**
 * What the main thread sends: the file's bytes and the limits to read it under; to store it, also the port of the
 * sealing worker (upload-seal-worker.ts) its checked rows go to, in order (then `parsed.entries` stays empty).
 */
export interface ParseRequest {
  bytes: Uint8Array;
  limits: UploadLimits;
  rowsTo?: MessagePort;
}

/** Posted while the file is read (issue 18): the rows the file declares, rows checked so far. */
export type UploadPartial = { total: number | null } | { checked: number; total: number | null };

export type ParseReply =
  | { ok: true; parsed: ParsedUpload; rows: number }
  | { ok: false; rejected: { message: string; problems: RowProblem[] } }
  | { ok: false; failed: string };

/** Rows per message to the sealing worker: few enough messages, and the first batch starts sealing early. */
const ROWS_PER_MESSAGE = 100;

const post = (partial: UploadPartial) => parentPort!.postMessage({ partial });

async function handle(request: ParseRequest): Promise<ParseReply> {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const to = request.rowsTo;
  let chunk: LocationInput[] = [];
  let rows = 0;
  const send = (message: RowMessage) => to!.postMessage(message);
  const flush = () => {
    if (chunk.length > 0) send({ entries: chunk });
    chunk = [];
  };
  const hand = (entry: LocationInput) => {
    chunk.push(entry);
    if (chunk.length >= ROWS_PER_MESSAGE) flush();
  };
  // An XLSX streams, so its rows go to the sealing worker as they are read (sealed while this one reads on, and
  // inserted while both go on). A CSV is read in one synchronous pass that is fast anyway: its rows go after it, so
  // a file over UPLOAD_MAX_ROWS or with a bad last row costs no sealing and no insert at all.
  const streaming = to !== undefined && detectFormat(bytes) === 'xlsx';
  const later: LocationInput[] = [];
  const parsed = await parseLocationFile(
    bytes,
    request.limits,
    {
      total: (total) => post({ total }),
      progress: (checked, total) => post({ checked, total }),
      entry: (entry) => {
        rows++;
        if (streaming) hand(entry);
        else if (to) later.push(entry);
      },
    },
    !to,
  );
  for (const entry of later) hand(entry);
  if (to) {
    flush();
    // Only a file read to its end says so; on a refusal the main thread tells the sealing worker to stop.
    send({ end: rows });
  }
  return { ok: true, parsed, rows };
}

/**
 * A worker thread of the upload pool (upload-parsing.service.ts): parses one file per message, off the event
 * loop, and (for an upload) hands each checked row to the sealing worker. Rejections carry the same problems the API returns;
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
