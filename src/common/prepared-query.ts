import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Logger } from '@nestjs/common';
import type { Client, ClientConfig, Pool, PoolConfig, QueryResult, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

// statement text → name. Holds SQL text only (never a row or a parameter), so nothing about any caller lives here.
const names = new Map<string, string>();

/**
 * Connections of the prepared statements: a few connections beside TypeORM's pool, whose sessions plan every prepared
 * statement once (`plan_cache_mode = force_generic_plan`), in pg's pipeline mode.
 *
 * Planned once: in PostgreSQL's default mode a statement whose parts are switched on by a parameter (`CASE WHEN $2
 * THEN (subquery) END`, the case view) or whose estimates depend on its parameters is planned again on every
 * execution, because a plan for the values at hand looks cheaper than the generic one: issue 18 measured 2.6 ms of
 * planning per case read that way (`pg_prepared_statements`: 0 generic plans in 100 executions). The setting is only on
 * these connections, so TypeORM's one-off statements keep being planned for their values.
 *
 * Pipelined (issue 18): each connection takes the next statement while the previous ones run, instead of one at a
 * time per pooled connection. Every statement still has its own Sync, so it runs in its own implicit transaction and
 * snapshot, and an error ends that statement only. What it saves is the round trip's wake-ups: a backend with more
 * to do does not sleep between statements, and Node reads several answers per socket read. Measured on the 2 cores
 * here: a trivial prepared statement from 50 concurrent callers cost 41 µs of Node and 26 µs of PostgreSQL CPU on a
 * pool of 10, 23 µs and 16 µs on one pipelined connection. Only statements outside transactions come here (the hot
 * reads); a slow one delays those behind it on its connection, so each goes to the connection with the fewest in
 * flight.
 */
// One per two cores, at least one: on the 2 cores measured, one pipelined connection answered /me at 3,940 req/s,
// two at 3,847, three at 3,490 (fewer backends, fewer context switches); the case read 1,727 / 1,471 / 1,117.
const PIPELINED_CONNECTIONS = Math.max(1, Math.ceil(availableParallelism() / 2));
const logger = new Logger('PreparedQuery');

/** pg's Client has `ref`/`unref` (of its socket); @types/pg does not declare them */
type PgClient = Client & { ref(): void; unref(): void };

interface Slot {
  client: PgClient;
  ready: Promise<void>;
  inFlight: number;
}

/** A few pipelined connections; a failed one is dropped and the next statement on its slot connects again. */
class PipelinedConnections {
  private readonly slots: Array<Slot | undefined>;
  private ended = false;

  constructor(
    private readonly connect: () => Client,
    size: number,
  ) {
    this.slots = Array.from({ length: size }, () => undefined);
  }

  async query<R extends QueryResultRow>(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult<R>> {
    if (this.ended) throw new Error('The prepared-statement connections are closed');
    let i = 0;
    for (let j = 1; j < this.slots.length; j++) if ((this.slots[j]?.inFlight ?? 0) < (this.slots[i]?.inFlight ?? 0)) i = j;
    const slot = this.slots[i] ?? (this.slots[i] = this.open(i));
    // an idle connection does not keep the process alive (a CLI ends when its work is done); a busy one does
    if (slot.inFlight++ === 0) slot.client.ref();
    try {
      await slot.ready;
      return await slot.client.query<R>(config);
    } finally {
      if (--slot.inFlight === 0) slot.client.unref();
    }
  }

  private open(i: number): Slot {
    const client = this.connect() as PgClient;
    const slot: Slot = { inFlight: 0, client, ready: client.connect().then(() => undefined) };
    const drop = (error?: Error) => {
      if (error) logger.warn(`A prepared-statement connection failed: ${error.message}`);
      if (this.slots[i] === slot) this.slots[i] = undefined;
    };
    // a connection's error (PostgreSQL restarted) must not crash the process; its statements fail, the next connects
    client.on('error', drop);
    client.on('end', () => drop());
    slot.ready.catch((error: Error) => drop(error));
    return slot;
  }

  async end(): Promise<void> {
    this.ended = true;
    const open = this.slots.splice(0).filter((s): s is Slot => s !== undefined);
    await Promise.all(open.map((s) => s.ready.then(() => s.client.end(), () => undefined).catch(() => undefined)));
  }
}

/** A database's prepared-statement connections: the reads', and the one for statements that commit. */
interface Lanes {
  reads: PipelinedConnections;
  commits: PipelinedConnections;
}

const pools = new WeakMap<Pool, Lanes>();

function lanes(db: DataSource): Lanes {
  const master = (db.driver as unknown as { master: Pool & { options: PoolConfig; Client: new (config: ClientConfig) => Client } }).master;
  const existing = pools.get(master);
  if (existing) return existing;
  const { options } = master;
  const config: ClientConfig = {
    ...options,
    pipeline: true,
    options: [options.options, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' '),
  };
  const connect = () => new master.Client(config);
  const created: Lanes = {
    reads: new PipelinedConnections(connect, Math.min(PIPELINED_CONNECTIONS, options.max ?? PIPELINED_CONNECTIONS)),
    // A statement that commits waits for its WAL flush (a millisecond or more): on the reads' connection every read
    // behind it would wait too, so it gets a connection of its own.
    commits: new PipelinedConnections(connect, 1),
  };
  pools.set(master, created);
  // They live as long as TypeORM's pool: TypeORM ends that one when the DataSource is destroyed, and these with it.
  // (TypeORM calls `end(callback)`; the promise form is kept too)
  const end: () => Promise<void> = master.end.bind(master);
  master.end = ((callback?: (error?: Error) => void) => {
    pools.delete(master);
    const ended = Promise.all([created.reads.end(), created.commits.end()]).then(() => end());
    if (!callback) return ended;
    ended.then(() => callback(), (error: Error) => callback(error));
  }) as Pool['end'];
  return created;
}

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `kk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
}

/**
 * Runs `text` as a named (prepared) statement on a prepared-statement connection (`lanes`): for a
 * statement asked on every request, each connection parses and plans it once instead of every time. The rows are
 * read afresh every time; only PostgreSQL's plan is reused (and it replans by itself when the schema changes).
 */
export async function preparedQuery<R extends QueryResultRow>(db: DataSource, text: string, values: unknown[]): Promise<R[]> {
  return (await lanes(db).reads.query<R>({ name: nameOf(text), text, values })).rows;
}

/**
 * `preparedQuery` for one statement that writes: it runs in its own implicit transaction, which commits (and waits
 * for its WAL flush) before the rows come back, on a pipelined connection of its own beside the reads' (the audit's
 * group-committed batches, issue 18). An error rolls the whole statement back.
 */
export async function preparedCommit<R extends QueryResultRow>(db: DataSource, text: string, values: unknown[]): Promise<R[]> {
  return (await lanes(db).commits.query<R>({ name: nameOf(text), text, values })).rows;
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
