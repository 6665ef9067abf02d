import { type TransferListItem, Worker } from 'node:worker_threads';
import { compileWorkerGraph } from './source-worker.js';

/** The job ran longer than the pool's time limit; its worker was stopped. */
export class WorkerTimedOut extends Error {}
/** The job needed more heap than the pool's memory limit; its worker died and was replaced. */
export class WorkerOutOfMemory extends Error {}

/**
 * The URL of a worker module next to the calling module: `x.js` in dist/, its `x.ts` source under vitest.
 * Call as `siblingModule(import.meta.url, 'x')`.
 */
export function siblingModule(importMetaUrl: string, name: string): URL {
  return new URL(`./${name}${new URL(importMetaUrl).pathname.endsWith('.ts') ? '.ts' : '.js'}`, importMetaUrl);
}

export interface WorkerPoolOptions {
  /** the worker's module (see `siblingModule`) */
  module: URL;
  size: number;
  timeoutMs: number;
  maxHeapMb: number;
}

/** What a worker posts before its job's one reply: `{ partial: … }`, handed to the job's `onPartial` (issue 18). */
export interface PartialMessage<P> {
  partial: P;
}
const isPartial = (m: unknown): m is PartialMessage<unknown> => typeof m === 'object' && m !== null && 'partial' in m;

interface Job {
  message: unknown;
  transfer: TransferListItem[];
  onPartial?: (partial: unknown) => void;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Runs CPU-heavy jobs (parsing uploads) in `worker_threads`, off the event loop, so `/health` and other callers
 * keep answering. Each worker takes one job at a time (a message in, partial messages, one reply out); further jobs wait in
 * order. A job over the time or heap limit ends its worker, which a fresh one replaces. Workers are unref'd
 * (idle ones never keep the process alive) and ended by `close()`.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /**
   * Runs one job. A worker may post any number of `{ partial: … }` messages before its reply (rows ready, progress):
   * each goes to `onPartial` in order, on the main thread; the next non-partial message is the reply.
   */
  run<T, P = never>(message: unknown, transfer: TransferListItem[] = [], onPartial?: (partial: P) => void): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, transfer, onPartial: onPartial as ((p: unknown) => void) | undefined, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The worker pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error('The worker pool is closed'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => void this.stop(slot, new WorkerTimedOut(`The job ran longer than ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      slot.worker.ref();
      slot.worker.postMessage(job.message, job.transfer);
    }
  }

  private spawn(): Slot {
    const { module, maxHeapMb } = this.options;
    const fromSource = module.pathname.endsWith('.ts');
    // From the TypeScript sources (vitest) a tiny entry registers hooks serving the compiled graph, then imports it.
    const worker = fromSource
      ? new Worker(
          new URL(
            `data:text/javascript,${encodeURIComponent(
              `import { register } from 'node:module';
               import { workerData } from 'node:worker_threads';
               register(${JSON.stringify(new URL('./source-loader.mjs', import.meta.url).href)}, { data: { sources: workerData.sources } });
               await import(${JSON.stringify(module.href)});`,
            )}`,
          ),
          { workerData: { sources: compileWorkerGraph(module) }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } },
        )
      : new Worker(module, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (result: unknown) => {
      if (isPartial(result)) slot.job?.onPartial?.(result.partial);
      else this.finish(slot, (job) => job.resolve(result));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const failure = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerOutOfMemory(`The job needed more than ${maxHeapMb} MB`) : error;
      void this.stop(slot, failure);
    });
    worker.on('exit', () => void this.stop(slot, new Error('The worker stopped')));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, settle: (job: Job) => void): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker.unref();
    if (job) settle(job);
    this.dispatch();
  }

  /** Ends a worker (time limit, crash, exit or close), fails its job and lets a new worker take the queue. */
  private async stop(slot: Slot, error: Error): Promise<void> {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.dispatch();
  }
}
