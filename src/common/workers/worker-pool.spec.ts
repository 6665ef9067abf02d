import { afterEach, describe, expect, it } from 'vitest';
import { WorkerOutOfMemory, WorkerPool, WorkerTimedOut } from './worker-pool.js';

const FIXTURE = new URL('../../../test/support/pool-fixture-worker.ts', import.meta.url);

describe('worker pool (uploads are parsed off the event loop, issue 12)', () => {
  let pool: WorkerPool | undefined;
  afterEach(() => pool?.close());

  it('runs jobs in workers from the TypeScript sources, queueing past its size, in order', async () => {
    pool = new WorkerPool({ module: FIXTURE, size: 1, timeoutMs: 30_000, maxHeapMb: 64 });
    const results = await Promise.all([1, 2, 3].map((value) => pool!.run<number>({ op: 'echo', value })));
    expect(results).toEqual([2, 4, 6]);
  });

  it('hands partial messages to the job that posted them, in order, before its reply (issue 18)', async () => {
    pool = new WorkerPool({ module: FIXTURE, size: 1, timeoutMs: 30_000, maxHeapMb: 64 });
    const a: number[] = [];
    const b: number[] = [];
    const [ra, rb] = await Promise.all([pool.run<string, number>({ op: 'count', value: 3 }, [], (p) => a.push(p)), pool.run<string, number>({ op: 'count', value: 2 }, [], (p) => b.push(p))]);
    expect([ra, rb]).toEqual(['done', 'done']);
    expect(a).toEqual([1, 2, 3]);
    expect(b).toEqual([1, 2]);
  });

  it('stops a job over the time limit, and a fresh worker takes the next job', async () => {
    pool = new WorkerPool({ module: FIXTURE, size: 1, timeoutMs: 1000, maxHeapMb: 64 });
    const spinning = pool.run({ op: 'spin' });
    const next = pool.run<number>({ op: 'echo', value: 5 });
    await expect(spinning).rejects.toBeInstanceOf(WorkerTimedOut);
    await expect(next).resolves.toBe(10);
  });

  it('a job over the heap limit fails with WorkerOutOfMemory; the pool goes on', async () => {
    pool = new WorkerPool({ module: FIXTURE, size: 1, timeoutMs: 30_000, maxHeapMb: 32 });
    await expect(pool.run({ op: 'hog' })).rejects.toBeInstanceOf(WorkerOutOfMemory);
    await expect(pool.run<number>({ op: 'echo', value: 1 })).resolves.toBe(2);
  });

  it('close() fails waiting jobs and refuses new ones', async () => {
    pool = new WorkerPool({ module: FIXTURE, size: 1, timeoutMs: 30_000, maxHeapMb: 64 });
    const running = expect(pool.run({ op: 'spin' })).rejects.toThrow('closed');
    const waiting = expect(pool.run({ op: 'echo', value: 1 })).rejects.toThrow('closed');
    await pool.close();
    await running;
    await waiting;
    await expect(pool.run({ op: 'echo', value: 1 })).rejects.toThrow('closed');
  });
});
