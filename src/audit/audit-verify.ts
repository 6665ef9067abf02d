import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChainVerifier, type ChainProblem } from './audit-chain.js';
import { AuditRepository } from './audit.repository.js';
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
  return new AuditRepository(db).inSnapshot(async (snapshot) => {
    let after = '0';
    for (;;) {
      const rows = await snapshot.entriesAfter(after, batchSize);
      for (const r of rows) {
        const problem = verifier.check(r);
        if (problem) return outcome(problem);
        const contradicted = matcher?.check(r.seq, r.hash);
        // The entry passed the chain check but not the checkpoint: it is not counted as intact.
        if (contradicted) return outcome(contradicted, verifier.count - 1);
      }
      options.onProgress?.(verifier.count);
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1].seq;
    }
    const head = await snapshot.head();
    if (!head) return outcome({ seq: '0', reason: 'audit_head row is missing' });
    return outcome(verifier.checkHead(head.seq, head.hash) ?? matcher?.finish(head.seq));
  });
}
