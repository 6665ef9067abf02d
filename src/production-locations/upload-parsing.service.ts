import { MessageChannel, type TransferListItem } from 'node:worker_threads';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Unprocessable } from '../common/errors.js';
import { siblingModule, WorkerOutOfMemory, WorkerPool, WorkerTimedOut } from '../common/workers/worker-pool.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { UploadLimits } from './upload-limits.js';
import type { ParsedUpload } from './upload-parser.js';
import type { DuplicateWarning } from './supplier-matching/duplicates.js';
import type { InsertColumns } from './upload-batch.js';
import type { SealingKeys } from './upload-rows.js';
import type { ParseReply, ParseRequest, UploadPartial } from './upload-worker.js';
import type { SealControl, SealPartial, SealReply, SealRequest } from './upload-seal-worker.js';

/** Rows the sealing worker seals and encodes before handing them over: the first insert starts after this many rows. */
const BATCH_ROWS = 1000;

const limitProblem = (variable: string, problem: string) =>
  new Unprocessable(`The file exceeds the upload limit ${variable}`, [{ row: 0, field: 'file', problem: `${problem} (limit ${variable})` }]);

/**
 * Parses uploaded lists in a pool of worker threads (issue 12), so a large or hostile file never holds up the
 * event loop: `/health` and every other request keep answering while it is read. The limits (UPLOAD_MAX_*) are
 * checked inside the worker as the file streams; the worker's own time and heap limits catch anything else.
 * Every refusal is a 422 in the API's one error shape, naming the limit. An upload to store runs on two workers
 * at once (issue 18): one of this pool parses and checks the rows and hands them, over a `MessageChannel`, to one
 * of the sealing pool, which seals and indexes them and hands finished batches to the caller to insert.
 */
@Injectable()
export class UploadParsingService implements OnModuleDestroy {
  private readonly pool: WorkerPool;
  private readonly sealers: WorkerPool;
  private readonly limits: UploadLimits;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.limits = { ...config.uploadLimits };
    const { size, timeoutSeconds, memoryMb } = config.uploadWorkers;
    const poolOf = (module: string) => new WorkerPool({ module: siblingModule(import.meta.url, module), size, timeoutMs: timeoutSeconds * 1000, maxHeapMb: memoryMb });
    this.pool = poolOf('upload-worker');
    // A pool of its own: an upload holds one worker of each, so two uploads can never wait on each other's second.
    this.sealers = poolOf('upload-seal-worker');
  }

  /** Parses a file (the replacement preview): every entry, or a 422. `onProgress` hears the rows checked as they go. */
  async parse(bytes: Buffer, onProgress?: (checked: number, total: number | null) => void): Promise<ParsedUpload> {
    const reply = await this.run({ bytes, limits: this.limits }, [], (p) => {
      if ('checked' in p) onProgress?.(p.checked, p.total);
    });
    return reply.parsed;
  }

  /**
   * Parses a file and seals and indexes its rows in the worker (issue 18): `onBatch` gets each batch of rows ready
   * to insert, in order, while the worker goes on reading; `onProgress` the rows checked. The batches are only
   * tentative: a later row may still refuse the whole file (a 422 thrown here), so the caller inserts them inside
   * the transaction it rolls back on any error.
   */
  async parseAndSeal(
    bytes: Buffer,
    sealing: SealingKeys,
    on: { batch(columns: InsertColumns): void; progress?(checked: number, total: number | null): void },
  ): Promise<{ format: ParsedUpload['format']; rows: number; warnings: DuplicateWarning[] }> {
    const rows = new MessageChannel();
    const control = new MessageChannel();
    const request: SealRequest = { sealing, batchRows: BATCH_ROWS, rows: rows.port2, control: control.port2 };
    const sealed = this.guarded(this.sealers.run<SealReply, SealPartial>(request, [rows.port2, control.port2], (p) => on.batch(p.batch)));
    sealed.catch(() => undefined); // awaited below, after the parse
    let parsed: Extract<ParseReply, { ok: true }>;
    try {
      parsed = await this.run({ bytes, limits: this.limits, rowsTo: rows.port1 }, [rows.port1], (p) => {
        if ('checked' in p) on.progress?.(p.checked, p.total);
        else on.progress?.(0, p.total);
      });
    } catch (error) {
      // Refused or failed: the sealing worker stops (its reply is of no interest any more) and the parse's error stands.
      control.port1.postMessage({ abort: true } satisfies SealControl);
      await sealed.catch(() => undefined);
      control.port1.close();
      throw error;
    }
    const reply = await sealed;
    control.port1.close();
    if (!reply.ok) throw new Error(`Sealing an upload failed: ${'failed' in reply ? reply.failed : 'it stopped before the last row'}`);
    return { format: parsed.parsed.format, rows: reply.rows, warnings: reply.warnings };
  }

  private async run(request: ParseRequest, transfer: TransferListItem[], onPartial: (p: UploadPartial) => void): Promise<Extract<ParseReply, { ok: true }>> {
    const reply = await this.guarded(this.pool.run<ParseReply, UploadPartial>(request, transfer, onPartial));
    if (reply.ok) return reply;
    if ('rejected' in reply) throw new Unprocessable(reply.rejected.message, reply.rejected.problems);
    throw new Error(`Parsing an upload failed: ${reply.failed}`);
  }

  /** A worker's time or heap limit, reached, is the 422 naming it. */
  private async guarded<T>(job: Promise<T>): Promise<T> {
    try {
      return await job;
    } catch (error) {
      const { timeoutSeconds, memoryMb } = this.config.uploadWorkers;
      if (error instanceof WorkerTimedOut) throw limitProblem('UPLOAD_PARSE_TIMEOUT_SECONDS', `takes longer than ${timeoutSeconds} s to read`);
      if (error instanceof WorkerOutOfMemory) throw limitProblem('UPLOAD_WORKER_MEMORY_MB', `needs more than ${memoryMb} MB to read`);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.pool.close(), this.sealers.close()]);
  }
}
