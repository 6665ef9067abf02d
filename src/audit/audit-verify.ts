import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChainVerifier, OCCURRED_AT_SQL, type ChainProblem } from './audit-chain.js';
import { CheckpointMatcher, type CheckpointProblem, type CheckpointToCheck } from './audit-checkpoint.js';

export interface VerifyResult {
  ok: boolean;
  /** entries checked and found intact */
  count: number;
  /** the first broken entry, when not ok; with `checkpoint` when the chain contradicts a signed checkpoint */
  problem?: ChainProblem | CheckpointProblem;
  /** when verified against checkpoints: how many the chain agreed with, and the highest seq they cover */
  checkpoints?: { given: number; confirmed: number; lastConfirmedSeq: string | null };
}

export interface CheckpointOptions {
  list: CheckpointToCheck[];
  publicKey: KeyObject;
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
 * With `checkpoints`, also checks every entry against the signed checkpoints (issue 12, item 7): a rewrite that
 * recomputed every hash passes the chain check but contradicts the checkpoints signed before it.
 */
export async function verifyAuditChain(
  db: DataSource,
  options: { batchSize?: number; onProgress?: (count: number) => void; checkpoints?: CheckpointOptions } = {},
): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 5000;
  const matcher = options.checkpoints && new CheckpointMatcher(options.checkpoints.list, options.checkpoints.publicKey);
  const verifier = new ChainVerifier();
  const outcome = (problem?: ChainProblem | CheckpointProblem, count = verifier.count): VerifyResult => ({
    ok: !problem,
    count,
    ...(problem ? { problem } : {}),
    ...(matcher
      ? { checkpoints: { given: options.checkpoints!.list.length, confirmed: matcher.confirmed, lastConfirmedSeq: matcher.lastConfirmedSeq } }
      : {}),
  });
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
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
        if (problem) return outcome(problem);
        const contradicted = matcher?.check(r.seq, r.hash);
        // The entry passed the chain check but not the checkpoint: it is not counted as intact.
        if (contradicted) return outcome(contradicted, verifier.count - 1);
      }
      options.onProgress?.(verifier.count);
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1].seq;
    }
    const [head] = (await runner.query(`SELECT seq::text, hash FROM audit_head WHERE id`)) as { seq: string; hash: Buffer }[];
    const problem = head ? verifier.checkHead(head.seq, head.hash) : { seq: '0', reason: 'audit_head row is missing' };
    return outcome(problem ?? matcher?.finish(head.seq));
  } finally {
    await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}
