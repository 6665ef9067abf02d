import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedCommit } from '../common/prepared-query.js';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryDto, AuditFilterDto, AuditPageDto, AuditQueryDto } from './dto/audit-query.dto.js';
import { type ChainFields, OCCURRED_AT_SQL } from './audit-chain.js';

/** The chain head: the last entry's seq and hash (the single `audit_head` row). */
export interface ChainHead {
  seq: string;
  hash: Buffer;
}

/**
 * One entry as stored, chained (what AuditService computes and the chain's verification reads back): the chained
 * fields (audit-chain.ts) with the seq as PostgreSQL's text, and both hashes.
 */
export interface ChainedRow extends Omit<ChainFields, 'seq'> {
  seq: string;
  prevHash: Buffer;
  hash: Buffer;
}

/** Chains entries after the locked head; called with the head row lock held. */
export type Chain = (head: ChainHead | undefined) => ChainedRow[];

/** A REPEATABLE READ snapshot of the log, read in seq order (the chain's verification). */
export interface AuditSnapshot {
  entriesAfter(seq: string, limit: number): Promise<ChainedRow[]>;
  head(): Promise<ChainHead | undefined>;
}

/** An entry with its actor's names, newest first (the log page and its export). */
export interface NamedEntryRow {
  seq: string;
  occurred_at: string;
  actor_person_id: string | null;
  actor_organisation_id: string | null;
  person_name: string | null;
  organisation_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  grant_type: string | null;
  grant_id: string | null;
  details: Record<string, unknown>;
  hash: Buffer;
}

interface StoredRow {
  seq: string;
  occurred_at: string;
  actor_person_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  grant_type: string | null;
  grant_id: string | null;
  details: unknown;
  prev_hash: Buffer;
  hash: Buffer;
}

const LOCK_HEAD = `SELECT seq::text, hash FROM audit_head WHERE id FOR UPDATE`;

/** Inserts the chained rows, given as one array per column ($1-$12, `insertParams`). */
const INSERT_ROWS = `INSERT INTO audit_log (seq, occurred_at, actor_person_id, actor_organisation_id, action, object_type, object_id,
                           grant_type, grant_id, details, prev_hash, hash)
    SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::text[], $10::jsonb[], $11::bytea[], $12::bytea[])`;

/** Inserts the chained rows and moves the head to the last ($13 seq, $14 hash), in one statement. */
const INSERT_AND_MOVE_HEAD = `WITH inserted AS (
    ${INSERT_ROWS})
  UPDATE audit_head SET seq = $13, hash = $14 WHERE id`;

/**
 * INSERT_AND_MOVE_HEAD after a head the caller expects ($15 seq, $16 hash), in one statement and so in one implicit
 * transaction: the head moves, and the rows go in, only if the head is still that one. The UPDATE takes the head's
 * row lock (waiting for another writer's transaction, then reading the row as that one left it), so a head moved by
 * anyone else — another instance, a use case's own transaction — moves nothing and inserts nothing.
 */
const APPEND_AFTER_EXPECTED_HEAD = `WITH moved AS (
    UPDATE audit_head SET seq = $13, hash = $14 WHERE id AND seq = $15::bigint AND hash = $16 RETURNING 1),
  inserted AS (
    ${INSERT_ROWS}
     WHERE EXISTS (SELECT FROM moved))
  SELECT count(*)::int AS moved FROM moved`;

/** The parameters of INSERT_AND_MOVE_HEAD: one array per column, then the new head (the last row, else the old head). */
function insertParams(head: ChainHead | undefined, rows: ChainedRow[]): unknown[] {
  if (!head) throw new Error('audit_head row is missing');
  const cols: unknown[][] = Array.from({ length: 12 }, () => []);
  for (const r of rows) {
    const values = [r.seq, r.occurredAt, r.actorPersonId, r.actorOrganisationId, r.action, r.objectType, r.objectId, r.grantType, r.grantId, JSON.stringify(r.details), r.prevHash, r.hash];
    values.forEach((v, i) => cols[i].push(v));
  }
  const last = rows[rows.length - 1] ?? head;
  return [...cols, last.seq, last.hash];
}

/**
 * Every query of the audit log (`audit_log` and its `audit_head`): the chained appends, the verification's ordered
 * snapshot scan, the page's filtered reads and the export's keyset batches. The log's rules (what goes in, the hash)
 * are in AuditService and audit-chain.ts; this file only moves rows.
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks the head, chains and inserts, moves the head, inside the caller's transaction. */
  async appendInTransaction(m: EntityManager, chain: Chain): Promise<void> {
    const [head] = await m.query<ChainHead[]>(LOCK_HEAD);
    await m.query(INSERT_AND_MOVE_HEAD, insertParams(head, chain(head)));
  }

  /**
   * One group-committed batch in its own transaction, in three round trips (issue 18; it was five): `BEGIN` with the
   * head lock in one simple-protocol message, the inserts and the head move in one prepared statement, `COMMIT`.
   */
  async appendInOwnTransaction(chain: Chain): Promise<void> {
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const results = (await client.query(`BEGIN; ${LOCK_HEAD}`)) as unknown as Array<{ rows: ChainHead[] }>;
      const head = results[1]?.rows[0];
      await client.query({ name: 'kk_audit_insert_and_move_head', text: INSERT_AND_MOVE_HEAD, values: insertParams(head, chain(head)) });
      await client.query('COMMIT');
    } catch (error) {
      // whatever failed (the lock, the insert, the commit), the connection goes back to the pool outside a transaction
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * One group-committed batch in **one round trip** (issue 18): `rows`, chained after `expected`, go in with the head
   * moved only if the head is still `expected`, in one statement that commits before it answers (`preparedCommit`).
   * False when the head had moved (nothing was written); the caller then appends with the lock
   * (`appendInOwnTransaction`).
   */
  async appendAfter(expected: ChainHead, rows: ChainedRow[]): Promise<boolean> {
    const [result] = await preparedCommit<{ moved: number }>(this.db, APPEND_AFTER_EXPECTED_HEAD, [
      ...insertParams(expected, rows),
      expected.seq,
      expected.hash,
    ]);
    return result?.moved === 1;
  }

  /** Runs `read` on one REPEATABLE READ snapshot, so entries appended meanwhile do not show. */
  async inSnapshot<T>(read: (snapshot: AuditSnapshot) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      return await read({
        entriesAfter: async (seq, limit) => {
          const rows = (await runner.query(
            `SELECT seq::text, ${OCCURRED_AT_SQL} AS occurred_at, actor_person_id::text, actor_organisation_id::text, action,
                    object_type, object_id, grant_type, grant_id, details, prev_hash, hash
               FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
            [seq, limit],
          )) as StoredRow[];
          return rows.map(toChained);
        },
        head: async () => {
          const [head] = (await runner.query(`SELECT seq::text, hash FROM audit_head WHERE id`)) as Array<ChainHead | undefined>;
          return head;
        },
      });
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** A page of the log, newest first, keyset-paged by `before`; each actor with its person's and organisation's name. */
  async search(q: AuditQueryDto): Promise<AuditPageDto> {
    const limit = q.limit ?? 100;
    const rows = await this.named(q, { before: q.before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toDto), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }

  /** The seq of the last entry now: an export reads up to it, so it holds exactly the entries it counted. */
  async headSeq(): Promise<string> {
    const [head] = await this.db.query<Array<{ seq: string } | undefined>>(`SELECT seq::text FROM audit_head WHERE id`);
    if (!head) throw new Error('audit_head row is missing');
    return head.seq;
  }

  /** How many entries match `filter` up to and including `throughSeq`. */
  async count(filter: AuditFilterDto, throughSeq: string): Promise<number> {
    const { where, params } = conditions(filter, { through: throughSeq });
    const [row] = await this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM audit_log a ${where}`, params);
    return row.n;
  }

  /** The entries matching `filter` up to `throughSeq`, newest first, in keyset batches of `batchSize` (bounded memory). */
  async *batches(filter: AuditFilterDto, throughSeq: string, batchSize: number): AsyncGenerator<NamedEntryRow[]> {
    let before: string | undefined;
    for (;;) {
      const rows = await this.named(filter, { before, through: throughSeq, limit: batchSize });
      if (rows.length) yield rows;
      if (rows.length < batchSize) return;
      before = rows[rows.length - 1].seq;
    }
  }

  private async named(filter: AuditFilterDto, window: Window & { limit: number }): Promise<NamedEntryRow[]> {
    const { where, params } = conditions(filter, window);
    params.push(window.limit);
    // the names are joined after the filter and the limit, so only the page's rows are looked up
    return this.db.query<NamedEntryRow[]>(
      `SELECT a.seq::text, ${OCCURRED_AT_SQL.replace('occurred_at', 'a.occurred_at')} AS occurred_at,
              a.actor_person_id::text, a.actor_organisation_id::text, p.name AS person_name, o.name AS organisation_name,
              a.action, a.object_type, a.object_id, a.grant_type, a.grant_id, a.details, a.hash
         FROM (SELECT * FROM audit_log a ${where} ORDER BY a.seq DESC LIMIT $${params.length}) a
         LEFT JOIN people p ON p.id = a.actor_person_id
         LEFT JOIN organisations o ON o.id = a.actor_organisation_id
        ORDER BY a.seq DESC`,
      params,
    );
  }
}

interface Window {
  /** only entries with a lower seq */
  before?: string;
  /** only entries up to and including this seq */
  through?: string;
}

/** The WHERE clause of the page's filters over `audit_log a`, with its parameters. */
function conditions(q: AuditFilterDto, window: Window): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.action) add('a.action = ?', q.action);
  if (q.objectType) add('a.object_type = ?', q.objectType);
  if (q.objectId) add('a.object_id = ?', q.objectId);
  if (q.actorOrganisationId) add('a.actor_organisation_id = ?', q.actorOrganisationId);
  if (q.from) add('a.occurred_at >= ?::timestamptz', q.from);
  if (q.to) add('a.occurred_at < ?::timestamptz', q.to);
  if (window.before) add('a.seq < ?::bigint', window.before);
  if (window.through) add('a.seq <= ?::bigint', window.through);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

function toChained(r: StoredRow): ChainedRow {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    actorPersonId: r.actor_person_id,
    actorOrganisationId: r.actor_organisation_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    grantType: r.grant_type,
    grantId: r.grant_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function toDto(r: NamedEntryRow): AuditEntryDto {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    actor:
      r.actor_person_id || r.actor_organisation_id
        ? { personId: r.actor_person_id, organisationId: r.actor_organisation_id, personName: r.person_name, organisationName: r.organisation_name }
        : null,
    action: r.action,
    object: r.object_type ? { type: r.object_type, id: r.object_id ?? '' } : null,
    grant: r.grant_type ? { type: r.grant_type, id: r.grant_id ?? '' } : null,
    details: r.details,
    hash: r.hash.toString('hex'),
  };
}
