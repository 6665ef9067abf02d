import { parentPort } from 'node:worker_threads';
import { double } from './pool-fixture-helper.js';

/** A worker for the pool's unit spec: echoes (through an imported module), counts up in partial messages, spins forever, or eats its heap. */
parentPort?.on('message', (m: { op: 'echo' | 'count' | 'spin' | 'hog'; value?: number }) => {
  if (m.op === 'echo') parentPort!.postMessage(double(m.value ?? 0));
  if (m.op === 'count') {
    for (let i = 1; i <= (m.value ?? 0); i++) parentPort!.postMessage({ partial: i });
    parentPort!.postMessage('done');
  }
  if (m.op === 'spin') for (;;);
  if (m.op === 'hog') {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
  }
});
