import type { DataSource } from 'typeorm';

// Any constant works as long as every instance uses the same one: two instances starting at once must not
// both run the same migration (DESIGN.md, Scaling out).
const MIGRATION_LOCK = 727_001;

/** Runs pending migrations under a session-level advisory lock; returns the names of those it applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
