import { OCCURRED_AT_SQL } from '../audit/audit-chain.js';
import { verifyAuditChain } from '../audit/audit-verify.js';
import type { CliCommand } from './commands.js';
import { parseOptions, UsageError } from './commands.js';

const positiveInt = (name: string, text: string | undefined, fallback: number) => {
  if (text === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
};

/** Operator commands of the audit log (issue 3, item 5). */
export const AUDIT_COMMANDS: CliCommand[] = [
  {
    name: 'verify-audit',
    usage: 'verify-audit [--batch-size N]',
    summary: 'recompute the audit hash chain; exit 0 with the count, or 1 naming the first broken entry',
    async run(ctx, args) {
      const { options } = parseOptions(args, ['batch-size']);
      const batchSize = positiveInt('batch-size', options['batch-size'], 5000);
      const started = Date.now();
      const result = await verifyAuditChain(ctx.db, { batchSize });
      const seconds = ((Date.now() - started) / 1000).toFixed(2);
      if (result.ok) {
        ctx.out(`audit chain intact: ${result.count} entries verified in ${seconds} s`);
        return 0;
      }
      ctx.out(`audit chain BROKEN at seq ${result.problem!.seq}: ${result.problem!.reason} (${result.count} entries before it are intact)`);
      return 1;
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
        const rows = (await ctx.db.query(
          `SELECT seq::text, ${OCCURRED_AT_SQL} AS "occurredAt", actor_person_id AS "actorPersonId",
                  actor_organisation_id AS "actorOrganisationId", action, object_type AS "objectType",
                  object_id AS "objectId", grant_type AS "grantType", grant_id AS "grantId", details,
                  encode(prev_hash, 'hex') AS "prevHash", encode(hash, 'hex') AS hash
             FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
          [String(after), Math.min(left, 5000)],
        )) as { seq: string }[];
        for (const r of rows) ctx.out(JSON.stringify(r));
        if (rows.length === 0) break;
        left -= rows.length;
        after = Number(rows[rows.length - 1].seq);
      }
      return 0;
    },
  },
];
