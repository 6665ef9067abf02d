import { randomBytes, randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service.js';
import { verifyAuditChain } from '../../src/audit/audit-verify.js';
import type { AuditEntryInput } from '../../src/audit/audit.types.js';
import { ExportAuditLog } from '../../src/audit/export-audit-log.js';
import type { Caller } from '../../src/common/caller.js';
import type { Bench } from './harness.js';

/** A full GC on demand, for the export's memory figure (the bench runs without --expose-gc). */
function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const WRITERS = 50;
const ROUND_MS = 3000;
const ROUNDS = 2;

/**
 * Runs `WRITERS` concurrent writers for `ms`, each awaiting one write after another; returns writes per second.
 * Every write has finished (is durable) before the next one of that writer starts.
 */
async function throughput(ms: number, write: (writer: number, n: number) => Promise<void>): Promise<number> {
  const end = Date.now() + ms;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; Date.now() < end; n++) {
        await write(writer, n);
        done++;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

function entryFor(writer: number, n: number, actors: { personId: string; organisationId: string }[]): AuditEntryInput {
  return {
    actor: actors[writer % actors.length],
    action: 'bench.read',
    object: { type: 'production-location', id: `${writer}-${n}` },
    grant: { type: 'policy', id: 'production-locations.yaml#secretariat-reads' },
    details: { ip: '127.0.0.1', fields: 12 },
  };
}

/**
 * Issue 3's benchmark: audit append throughput with 50 concurrent writers through `AuditService.record()` (hash
 * chain, head row lock, group commit) against plain inserts into an un-chained table with the same columns and
 * indexes, each insert its own transaction, on the same connection pool in the same run (target ratio ≥ 0.5);
 * then the time `verify-audit` needs per 100k entries, after writing 100k.
 */
export const benches: Bench[] = [
  {
    name: 'audit',
    async run(ctx) {
      // LOGIN_RATE_LIMIT: the harness default (100000) is above the configuration's maximum (10000).
      const app = await ctx.startApp({ database: 'migrated', env: { LOGIN_RATE_LIMIT: '10000' } });
      try {
        const db: DataSource = app.db;
        const audit = app.app.get(AuditService);
        const actors = Array.from({ length: 20 }, () => ({ personId: randomUUID(), organisationId: randomUUID() }));
        await db.query(`CREATE TABLE audit_plain (LIKE audit_log INCLUDING ALL)`);
        await db.query(`ALTER TABLE audit_plain ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY`);
        const filler = randomBytes(32);

        const plain = (writer: number, n: number) => {
          const e = entryFor(writer, n, actors);
          // One statement outside a transaction block: its own transaction, committed (durable) before it returns.
          return db
            .query(
              `INSERT INTO audit_plain (occurred_at, actor_person_id, actor_organisation_id, action, object_type, object_id,
                                        grant_type, grant_id, details, prev_hash, hash)
               VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
              [e.actor!.personId, e.actor!.organisationId, e.action, e.object!.type, e.object!.id, e.grant!.type, e.grant!.id,
                JSON.stringify(e.details), filler, filler],
            )
            .then(() => undefined);
        };
        const chained = (writer: number, n: number) => audit.record(entryFor(writer, n, actors));

        // Warm both paths, then alternate rounds so neither profits from a warmer cache or a quieter machine.
        await throughput(300, plain);
        await throughput(300, chained);
        const plainRates: number[] = [];
        const chainedRates: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          plainRates.push(await throughput(ROUND_MS, plain));
          chainedRates.push(await throughput(ROUND_MS, chained));
        }
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const plainRate = mean(plainRates);
        const chainedRate = mean(chainedRates);
        ctx.report('audit append, plain insert (50 writers, one transaction each)', plainRate, 'entries/s');
        ctx.report('audit append, hash-chained record() (50 writers, group commit)', chainedRate, 'entries/s', {
          value: chainedRate / plainRate,
          to: 'plain insert; target >= 0.5',
        });

        // verify-audit per 100k entries: write 100k more through record(), then verify the whole chain.
        const writeStart = process.hrtime.bigint();
        for (let wave = 0; wave < 10; wave++) {
          await Promise.all(Array.from({ length: 10_000 }, (_, i) => audit.record(entryFor(i % WRITERS, wave * 10_000 + i, actors))));
        }
        const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;
        ctx.report('audit append of 100k entries in waves of 10k record() calls', 100_000 / writeSeconds, 'entries/s');
        const verifyStart = process.hrtime.bigint();
        const result = await verifyAuditChain(db);
        const verifySeconds = Number(process.hrtime.bigint() - verifyStart) / 1e9;
        if (!result.ok) throw new Error(`the chain does not verify: ${JSON.stringify(result.problem)}`);
        if (result.count < 100_000) throw new Error(`only ${result.count} entries were verified`);
        ctx.report(`verify-audit (${result.count} entries)`, (verifySeconds * 100_000) / result.count, 's per 100k entries');

        // Issue 14 item 5: the audit-log export streams keyset batches; its time per 100k entries against verify-audit
        // (the other full scan) and the heap it grows by while writing the whole log, which stays bounded (one batch).
        const exporter = app.app.get(ExportAuditLog);
        const staff = { personId: actors[0].personId, organisation: { id: actors[0].organisationId } } as unknown as Caller;
        for (const format of ['csv', 'xlsx'] as const) {
          let bytes = 0;
          const exportStart = process.hrtime.bigint();
          const file = await exporter.execute(staff, { format });
          for await (const chunk of file.body) bytes += (chunk as Buffer).length;
          const exportSeconds = Number(process.hrtime.bigint() - exportStart) / 1e9;
          ctx.report(`audit-log export as ${format} (${result.count} entries, ${(bytes / 1e6).toFixed(1)} MB)`, (exportSeconds * 100_000) / result.count, 's per 100k entries', {
            value: exportSeconds / verifySeconds,
            to: 'verify-audit of the same log',
          });
          // memory: the heap still held (after a full GC, sampled every 200 chunks) while the file streams, against its size
          gc();
          const heapBefore = process.memoryUsage().heapUsed;
          let retained = 0;
          let chunks = 0;
          for await (const _ of (await exporter.execute(staff, { format })).body) {
            if (++chunks % 200 === 0) {
              gc();
              retained = Math.max(retained, process.memoryUsage().heapUsed - heapBefore);
            }
          }
          ctx.report(`audit-log export as ${format}: heap held while streaming (after GC)`, retained / 1e6, `MB (${((100 * retained) / bytes).toFixed(1)} % of the ${(bytes / 1e6).toFixed(1)} MB file)`);
        }
      } finally {
        await app.close();
      }
    },
  },
];
