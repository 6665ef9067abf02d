import { afterAll, assert, describe, expect, it } from 'vitest';
import { HashingBusy, PasswordHashPool } from './password.js';

/** The pool itself, with real worker threads and real Argon2id (no database). */
describe('PasswordHashPool (issue 12, part 2)', () => {
  const pool = new PasswordHashPool({ workers: 1, queue: 1 });
  afterAll(() => pool.close());

  it('hashes with Argon2id at the INTERACTIVE limits and verifies in a worker thread', async () => {
    const hash = await pool.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
    expect(await pool.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await pool.verify(hash, 'correct horse battery stapler')).toBe(false);
    expect(await pool.verify('not a hash', 'anything')).toBe(false);
    expect(await pool.hash('correct horse battery staple')).not.toBe(hash); // a fresh salt each time
  });

  it('a dummy verification (an unknown email) is always false and takes its turn in the pool like any other', async () => {
    expect(await pool.verifyDummy('whatever')).toBe(false);
    const hash = await pool.prime();
    const [a, b, dummy] = await Promise.allSettled([pool.verify(hash, 'x'), pool.verify(hash, 'y'), pool.verifyDummy('z')]);
    expect([a.status, b.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(dummy.status === 'rejected' && dummy.reason).toBeInstanceOf(HashingBusy);
  });

  it('refuses at once with HashingBusy (429, Retry-After) what does not fit in the workers and the queue', async () => {
    const hash = await pool.prime();
    for (let round = 0; round < 2; round++) {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => pool.verify(hash, 'x')));
      // one running, one queued, the rest refused; the same again once they are done
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
      const refusal: unknown = (results[2] as PromiseRejectedResult).reason;
      assert.instanceOf(refusal, HashingBusy);
      expect(refusal.statusCode).toBe(429);
      expect(refusal.retryAfterSeconds).toBeGreaterThan(0);
    }
  });
});
