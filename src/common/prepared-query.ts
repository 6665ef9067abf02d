import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

// statement text → name. Holds SQL text only (never a row or a parameter), so nothing about any caller lives here.
const names = new Map<string, string>();

/**
 * Runs `text` as a named (prepared) statement on the DataSource's pool: for a statement asked on every request,
 * each pooled connection parses and plans it once instead of every time. The rows are read afresh every time;
 * only PostgreSQL's plan is reused (and it replans by itself when the schema changes).
 */
export async function preparedQuery<R extends QueryResultRow>(db: DataSource, text: string, values: unknown[]): Promise<R[]> {
  let name = names.get(text);
  if (!name) names.set(text, (name = `kk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  const pool = (db.driver as unknown as { master: Pool }).master;
  return (await pool.query<R>({ name, text, values })).rows;
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
