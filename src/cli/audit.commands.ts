import { existsSync, readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { OCCURRED_AT_SQL } from '../audit/audit-chain.js';
import { CheckpointFileError, checkpointJsonLine, parseCheckpointFile, publicKeyFromPem, type CheckpointToCheck } from '../audit/audit-checkpoint.js';
import { AuditCheckpointsService } from '../audit/audit-checkpoints.service.js';
import type { VerifyResult } from '../audit/audit-verify.js';
import type { CliCommand } from './command.js';
import { parseOptions, UsageError } from './command.js';

const positiveInt = (name: string, text: string | undefined, fallback: number) => {
  if (text === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
};

const readFileOption = (name: string, file: string): string => {
  if (!existsSync(file)) throw new UsageError(`--${name}: no such file ${file}`);
  return readFileSync(file, 'utf8');
};

function keptCheckpoints(file: string | undefined): CheckpointToCheck[] {
  if (file === undefined) return [];
  try {
    return parseCheckpointFile(readFileOption('checkpoints', file), file);
  } catch (error) {
    if (error instanceof CheckpointFileError) throw new UsageError(`--checkpoints: ${error.message}`);
    throw error;
  }
}

function partyPublicKey(file: string | undefined): KeyObject | undefined {
  if (file === undefined) return undefined;
  try {
    return publicKeyFromPem(readFileOption('public-key', file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--public-key: ${file} is not an Ed25519 public key in PEM`);
  }
}

function report(result: VerifyResult, seconds: string): string {
  const cp = result.checkpoints;
  if (result.ok) {
    const against = cp ? `; agrees with ${cp.confirmed} of ${cp.given} signed checkpoints${cp.lastConfirmedSeq ? ` (latest seq ${cp.lastConfirmedSeq})` : ''}` : '';
    return `audit chain intact: ${result.count} entries verified in ${seconds} s${against}`;
  }
  const p = result.problem!;
  if ('checkpoint' in p) {
    const c = p.checkpoint;
    return `audit chain BROKEN at seq ${p.seq}: ${p.reason}; contradicts the signed checkpoint seq=${c.seq} hash=${c.hash} time=${c.time} (${c.origin})`;
  }
  return `audit chain BROKEN at seq ${p.seq}: ${p.reason} (${result.count} entries before it are intact)`;
}

/** Operator commands of the audit log (issue 3, item 5) and its signed checkpoints (issue 12, item 7). */
export const AUDIT_COMMANDS: CliCommand[] = [
  {
    name: 'verify-audit',
    usage: 'verify-audit [--checkpoints FILE] [--public-key PEM] [--batch-size N]',
    summary: 'recompute the audit hash chain and check it against every signed checkpoint (stored, and those in FILE); exit 0, or 1 naming the first broken entry or contradicted checkpoint',
    async run(ctx, args) {
      const { options } = parseOptions(args, ['batch-size', 'checkpoints', 'public-key']);
      const batchSize = positiveInt('batch-size', options['batch-size'], 5000);
      const extra = keptCheckpoints(options.checkpoints);
      const publicKey = partyPublicKey(options['public-key']);
      const started = Date.now();
      const result = await ctx.app.get(AuditCheckpointsService).verify({ extra, batchSize, publicKey });
      ctx.out(report(result, ((Date.now() - started) / 1000).toFixed(2)));
      return result.ok ? 0 : 1;
    },
  },
  {
    name: 'audit-public-key',
    usage: 'audit-public-key',
    summary: 'print the Ed25519 public key of the audit checkpoints (PEM; its fingerprint on stderr)',
    async run(ctx) {
      const checkpoints = ctx.app.get(AuditCheckpointsService);
      ctx.out(checkpoints.publicKeyPem.trimEnd());
      ctx.err(`fingerprint (SHA-256 of the raw key): ${checkpoints.fingerprint}`);
      return 0;
    },
  },
  {
    name: 'export-audit-checkpoints',
    usage: 'export-audit-checkpoints',
    summary: 'write every stored signed checkpoint as a JSON line (the format --checkpoints reads), oldest first',
    async run(ctx) {
      for (const c of await ctx.app.get(AuditCheckpointsService).stored()) {
        ctx.out(checkpointJsonLine(c));
      }
      return 0;
    },
  },
  {
    name: 'export-audit',
    usage: 'export-audit [--after-seq N] [--limit N]',
    summary: 'write audit entries as JSON lines to stdout, oldest first (with prev_hash and hash, hex)',
    async run(ctx, args) {
      const { options } = parseOptions(args, ['after-seq', 'limit']);
      let after = options['after-seq'] === undefined ? 0 : positiveInt('after-seq', options['after-seq'], 0);
      let left = positiveInt('limit', options.limit, Number.MAX_SAFE_INTEGER);
      while (left > 0) {
        const rows = await ctx.db.query<Array<{ seq: string }>>(
          `SELECT seq::text, ${OCCURRED_AT_SQL} AS "occurredAt", actor_person_id AS "actorPersonId",
                  actor_organisation_id AS "actorOrganisationId", action, object_type AS "objectType",
                  object_id AS "objectId", grant_type AS "grantType", grant_id AS "grantId", details,
                  encode(prev_hash, 'hex') AS "prevHash", encode(hash, 'hex') AS hash
             FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
          [String(after), Math.min(left, 5000)],
        );
        for (const r of rows) ctx.out(JSON.stringify(r));
        if (rows.length === 0) break;
        left -= rows.length;
        after = Number(rows[rows.length - 1].seq);
      }
      return 0;
    },
  },
];
