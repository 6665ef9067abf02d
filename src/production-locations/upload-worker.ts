import { parentPort } from 'node:worker_threads';
import type { RowProblem } from './upload-format.js';
import { type UploadLimits, UploadRejected } from './upload-limits.js';
import { type ParsedUpload, parseLocationFile } from './upload-parser.js';

/** What the main thread sends: the file's bytes and the limits to read it under. */
export interface ParseRequest {
  bytes: Uint8Array;
  limits: UploadLimits;
}

export type ParseReply =
  | { ok: true; parsed: ParsedUpload }
  | { ok: false; rejected: { message: string; problems: RowProblem[] } }
  | { ok: false; failed: string };

/**
 * A worker thread of the upload pool (upload-parsing.service.ts): parses one file per message, off the event
 * loop. Rejections carry the same problems the API returns; anything else is reported as a failure (a defect).
 */
parentPort?.on('message', (request: ParseRequest) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  parseLocationFile(bytes, request.limits).then(
    (parsed) => parentPort!.postMessage({ ok: true, parsed } satisfies ParseReply),
    (error: unknown) => {
      const reply: ParseReply =
        error instanceof UploadRejected
          ? { ok: false, rejected: { message: error.message, problems: error.problems } }
          : { ok: false, failed: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error' };
      parentPort!.postMessage(reply);
    },
  );
});
