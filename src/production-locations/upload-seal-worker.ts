import { type MessagePort, parentPort } from 'node:worker_threads';
import type { DuplicateWarning } from './supplier-matching/duplicates.js';
import { encodeBatch, type InsertColumns } from './upload-batch.js';
import type { LocationInput } from './location.types.js';
import { ListPreparer, type PreparedEntry, type SealingKeys } from './upload-rows.js';

/**
 * What the parsing worker sends on `rows` (upload-worker.ts), in order: checked rows, then one `end` with the
 * number of rows it sent. The main thread sends `abort` on `control` when the file was refused or its parse failed.
 */
export type RowMessage = { entries: LocationInput[] } | { end: number };
export interface SealControl {
  abort: true;
}

/** One upload to seal: the keys, the rows per batch, the port its rows arrive on and the main thread's control port. */
export interface SealRequest {
  sealing: SealingKeys;
  batchRows: number;
  rows: MessagePort;
  control: MessagePort;
}

/** Posted for each full batch: the rows sealed, indexed and encoded, ready to insert. */
export interface SealPartial {
  batch: InsertColumns;
}

export type SealReply =
  | { ok: true; rows: number; warnings: DuplicateWarning[] }
  | { ok: false; aborted: true }
  | { ok: false; failed: string };

const post = (partial: SealPartial) => parentPort!.postMessage({ partial });

/**
 * The sealing half of an upload (issue 18), a worker thread of its own pool (upload-parsing.service.ts): the parsing
 * worker hands it each row it has checked, straight over a `MessageChannel`, and reads on while this one seals and
 * indexes (`ListPreparer`, the same code the demo seed runs) and hands finished batches to the main thread to
 * insert. Parsing and sealing, each about half of an upload's CPU, so run on two cores at once. A refused file
 * (`abort`) or a parsing worker that died (its port closes) ends the job without a reply of rows; nothing it sealed
 * is kept, since the caller rolls the upload's transaction back.
 */
parentPort?.on('message', (request: SealRequest) => {
  const { rows, control } = request;
  const preparer = new ListPreparer(request.sealing);
  let batch: PreparedEntry[] = [];
  let sealed = 0;
  let done = false;
  const finish = (reply: SealReply) => {
    if (done) return;
    done = true;
    rows.close();
    control.close();
    parentPort!.postMessage(reply);
  };
  rows.on('message', (message: RowMessage) => {
    if (done) return;
    try {
      if ('entries' in message) {
        for (const entry of message.entries) {
          batch.push(preparer.add(entry));
          sealed++;
          if (batch.length >= request.batchRows) {
            post({ batch: encodeBatch(batch) });
            batch = [];
          }
        }
        return;
      }
      if (message.end !== sealed) throw new Error(`the parsing worker sent ${sealed} of ${message.end} rows`);
      if (batch.length > 0) post({ batch: encodeBatch(batch) });
      finish({ ok: true, rows: sealed, warnings: preparer.warnings() });
    } catch (error) {
      finish({ ok: false, failed: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error' });
    }
  });
  control.on('message', () => finish({ ok: false, aborted: true }));
  // The parsing worker ended (stopped at its time or heap limit) before its `end`: nothing more will come.
  rows.on('close', () => finish({ ok: false, aborted: true }));
});
