import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Pool, PoolConfig, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

// statement text → name. Holds SQL text only (never a row or a parameter), so nothing about any caller lives here.
const names = new Map<string, string>();

/**
 * Connections of the prepared statements: a pool beside TypeORM's, whose sessions plan every prepared statement once
 * (`plan_cache_mode = force_generic_plan`). In PostgreSQL's default mode a statement whose parts are switched on by a
 * parameter (`CASE WHEN $2 THEN (subquery) END`, the case view) or whose estimates depend on its parameters is planned
 * again on every execution, because a plan for the values at hand looks cheaper than the generic one: issue 18
 * measured 2.6 ms of planning per case read that way (`pg_prepared_statements`: 0 generic plans in 100 executions).
 * The setting is only on these connections, so TypeORM's one-off statements keep being planned for their values.
 */
const GENERIC_POOL_SIZE = 10;
const pools = new WeakMap<Pool, Pool>();
const logger = new Logger('PreparedQuery');

function genericPool(db: DataSource): Pool {
  const master = (db.driver as unknown as { master: Pool & { options: PoolConfig } }).master;
  const pool = pools.get(master);
  if (pool) return pool;
  const { options } = master;
  const Pool = master.constructor as new (config: PoolConfig) => Pool;
  const generic = new Pool({
    ...options,
    max: Math.min(GENERIC_POOL_SIZE, options.max ?? GENERIC_POOL_SIZE),
    options: [options.options, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' '),
    allowExitOnIdle: true,
  });
  // an idle connection's error (PostgreSQL restarted) must not crash the process; the next query connects again
  generic.on('error', (error) => logger.warn(`A prepared-statement connection failed: ${error.message}`));
  pools.set(master, generic);
  // It lives as long as TypeORM's pool: TypeORM ends that one when the DataSource is destroyed, and this one with it.
  // (TypeORM calls `end(callback)`; the promise form is kept too)
  const end: () => Promise<void> = master.end.bind(master);
  master.end = ((callback?: (error?: Error) => void) => {
    pools.delete(master);
    const ended = generic.end().then(() => end());
    if (!callback) return ended;
    ended.then(() => callback(), (error: Error) => callback(error));
  }) as Pool['end'];
  return generic;
}

/**
 * Runs `text` as a named (prepared) statement on a connection of the prepared-statement pool (`genericPool`): for a
 * statement asked on every request, each connection parses and plans it once instead of every time. The rows are
 * read afresh every time; only PostgreSQL's plan is reused (and it replans by itself when the schema changes).
 */
export async function preparedQuery<R extends QueryResultRow>(db: DataSource, text: string, values: unknown[]): Promise<R[]> {
  let name = names.get(text);
  if (!name) names.set(text, (name = `kk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return (await genericPool(db).query<R>({ name, text, values })).rows;
}

/**
 * `preparedQuery` for a repository method that takes an `EntityManager`: outside a transaction (the hot read paths
 * pass `db.manager`) it runs prepared on the pool; inside one it runs on the transaction's connection as before, so
 * it still sees the transaction's own writes and locks.
 */
export async function managerQuery<R extends QueryResultRow>(m: EntityManager, text: string, values: unknown[]): Promise<R[]> {
  if (m.queryRunner) return m.query(text, values);
  return preparedQuery<R>(m.connection, text, values);
}
