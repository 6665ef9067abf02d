import { DomainError } from '../common/errors.js';
import { KeyOperationsService, type KeyOperationResult } from '../production-locations/key-operations.service.js';
import type { CliCommand, CliContext } from './command.js';
import { parseOptions, UsageError } from './command.js';

const positiveInt = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
};

const service = (ctx: CliContext) => ctx.app.get(KeyOperationsService, { strict: false });

function report(ctx: CliContext, what: string, r: KeyOperationResult): number {
  const resumed = r.resumed ? ' (resumed an interrupted run)' : '';
  if (r.finished) ctx.out(`${what}: done, ${r.done} handled in this run${resumed}; operation ${r.operationId}, target version ${r.targetVersion}`);
  else ctx.out(`${what}: stopped after the batch limit, ${r.done} handled${resumed}; run the same command again to continue (operation ${r.operationId})`);
  return 0;
}

function company(args: string[], usage: string): string {
  if (args.length !== 1) throw new UsageError(`needs exactly one company (slug or id): ${usage}`);
  return args[0];
}

/**
 * Key management (issue 5 item 6; README "Production locations", keys): each command is audited and resumable —
 * after a crash, run it again and it continues the operation recorded in PostgreSQL (`key_operations`).
 */
export const KEY_COMMANDS: CliCommand[] = ([
  {
    name: 'rotate-master-key',
    usage: 'rotate-master-key [--batch-size N] [--max-batches N]',
    summary: 're-wrap every company data key with the current (highest) KETENKLUIS_MASTER_KEY version',
    async run(ctx, args) {
      const { options, positional } = parseOptions(args, ['batch-size', 'max-batches']);
      if (positional.length) throw new UsageError('takes no arguments');
      const r = await service(ctx).rotateMasterKey({
        batchSize: positiveInt('batch-size', options['batch-size']),
        maxBatches: positiveInt('max-batches', options['max-batches']),
        afterBatch: (b, done) => ctx.err(`batch ${b}: ${done} data keys re-wrapped`),
      });
      return report(ctx, 'rotate-master-key', r);
    },
  },
  {
    name: 'rotate-data-key',
    usage: 'rotate-data-key <company> [--batch-size N] [--max-batches N]',
    summary: "give a company a new data key and re-encrypt its rows in batches while the service runs",
    async run(ctx, args) {
      const { options, positional } = parseOptions(args, ['batch-size', 'max-batches']);
      const r = await service(ctx).rotateDataKey(company(positional, 'rotate-data-key <company>'), {
        batchSize: positiveInt('batch-size', options['batch-size']),
        maxBatches: positiveInt('max-batches', options['max-batches']),
        afterBatch: (b, done) => ctx.err(`batch ${b}: ${done} rows re-encrypted`),
      });
      return report(ctx, 'rotate-data-key', r);
    },
  },
  {
    name: 'shred-company',
    usage: 'shred-company <company> --confirm <company>',
    summary: 'destroy a leaving company\'s data keys (art. 73-77): its NAW can never be read again',
    async run(ctx, args) {
      const { options, positional } = parseOptions(args, ['confirm']);
      const ref = company(positional, 'shred-company <company> --confirm <company>');
      if (options.confirm !== ref) throw new UsageError('this cannot be undone: repeat the company after --confirm');
      const r = await service(ctx).shredCompany(ref);
      ctx.out(`shred-company: done; ${r.done} data key version(s) destroyed, ${r.entries} entries now read as shredded; operation ${r.operationId}`);
      return 0;
    },
  },
  {
    name: 'key-operations',
    usage: 'key-operations',
    summary: 'list key operations still running (interrupted ones resume when their command is run again)',
    async run(ctx, args) {
      parseOptions(args, []);
      const running = await service(ctx).running();
      if (running.length === 0) ctx.out('no key operation is running');
      for (const r of running) ctx.out(`${r.kind} ${r.organisationId ?? ''} target ${r.targetVersion}: ${r.rowsDone} done since ${r.startedAt} (${r.id})`);
      return 0;
    },
  },
] as CliCommand[]).map((c) => ({
  ...c,
  // A refusal of the domain (unknown company, shredded company) is one line on stderr and exit code 1.
  async run(ctx: CliContext, args: string[]) {
    try {
      return await c.run(ctx, args);
    } catch (error) {
      if (error instanceof DomainError) {
        ctx.err(`${c.name}: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
}));
