import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQuery } from '../src/common/prepared-query.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The prepared statements' connections (issue 18, src/common/prepared-query.ts): pipelined, planned once. Many
 * statements share a connection at once; each still stands alone (its own Sync, its own implicit transaction), and a
 * connection that dies is replaced by the next statement.
 */
describe('prepared statements on pipelined connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('300 statements at once each get their own answer; the one that fails fails alone', async () => {
    const answers = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => preparedQuery<{ x: number }>(t.db, `SELECT 100 / $1::int AS x`, [i === 150 ? 0 : i + 1])),
    );
    expect(answers[150]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'division by zero' }) });
    answers.forEach((a, i) => {
      if (i !== 150) expect(a).toEqual({ status: 'fulfilled', value: [{ x: Math.trunc(100 / (i + 1)) }] });
    });
  });

  it('each statement runs in a transaction of its own, planned generically', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, () => preparedQuery<{ tx: string; mode: string }>(t.db, `SELECT txid_current()::text AS tx, current_setting('plan_cache_mode') AS mode`, [])));
    expect(new Set(rows.map(([r]) => r.tx)).size).toBe(20);
    expect(new Set(rows.map(([r]) => r.mode))).toEqual(new Set(['force_generic_plan']));
  });

  it('a connection PostgreSQL ends is replaced: the statements after it are answered', async () => {
    const pids = new Set((await Promise.all(Array.from({ length: 20 }, () => preparedQuery<{ pid: number }>(t.db, `SELECT pg_backend_pid() AS pid`, [])))).map(([r]) => r.pid));
    await t.db.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [[...pids]]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [after] = await preparedQuery<{ pid: number }>(t.db, `SELECT pg_backend_pid() AS pid`, []);
    expect(pids.has(after.pid)).toBe(false);
    expect((await t.http().get('/health')).status).toBe(200);
  });
});
