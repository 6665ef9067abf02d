import type { DataSource } from 'typeorm';
import { ChainVerifier, OCCURRED_AT_SQL, type ChainProblem } from './audit-chain.js';

export interface VerifyResult {
  ok: boolean;
  /** entries checked and found intact */
  count: number;
  /** the first broken entry, when not ok */
  problem?: ChainProblem;
}

interface Row {
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

/**
 * Recomputes the whole audit chain (issue 3, item 5: `npm run cli -- verify-audit`), reading it in keyset batches
 * of `batchSize` rows so memory stays constant however long the log is. Stops at the first broken entry.
 * Runs in one REPEATABLE READ transaction, so entries appended meanwhile do not make the head check fail.
 */
export async function verifyAuditChain(
  db: DataSource,
  options: { batchSize?: number; onProgress?: (count: number) => void } = {},
): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 5000;
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    const verifier = new ChainVerifier();
    let after = '0';
    for (;;) {
      const rows = (await runner.query(
        `SELECT seq::text, ${OCCURRED_AT_SQL} AS occurred_at, actor_person_id::text, actor_organisation_id::text, action,
                object_type, object_id, grant_type, grant_id, details, prev_hash, hash
           FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
        [after, batchSize],
      )) as Row[];
      for (const r of rows) {
        const problem = verifier.check({
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
        });
        if (problem) return { ok: false, count: verifier.count, problem };
      }
      options.onProgress?.(verifier.count);
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1].seq;
    }
    const [head] = (await runner.query(`SELECT seq::text, hash FROM audit_head WHERE id`)) as { seq: string; hash: Buffer }[];
    const problem = head ? verifier.checkHead(head.seq, head.hash) : { seq: '0', reason: 'audit_head row is missing' };
    return problem ? { ok: false, count: verifier.count, problem } : { ok: true, count: verifier.count };
  } finally {
    await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}
