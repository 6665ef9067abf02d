import { MatchKeyBackfill } from '../production-locations/match-key-backfill.js';
import type { CliCommand } from './command.js';
import { parseOptions, UsageError } from './command.js';

const positiveInt = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
};

/**
 * The match-key backfill (issue 18; README "Key management"): the fuzzy indexes of entries stored before issue 16,
 * computed through the app's keys. The running service does it by itself at start-up; this runs it to the end
 * now (or `--max-batches`), resumable: run it again to go on.
 */
export const MATCH_KEY_COMMANDS: CliCommand[] = [
  {
    name: 'backfill-match-keys',
    usage: 'backfill-match-keys [--batch-size N] [--max-batches N]',
    summary: 'compute the fuzzy supplier indexes of entries stored before issue 16 (resumable)',
    async run(ctx, args) {
      const { options, positional } = parseOptions(args, ['batch-size', 'max-batches']);
      if (positional.length) throw new UsageError('takes no arguments');
      const r = await ctx.app.get(MatchKeyBackfill, { strict: false }).run({
        batchSize: positiveInt('batch-size', options['batch-size']),
        maxBatches: positiveInt('max-batches', options['max-batches']),
        afterBatch: (b, done) => ctx.err(`batch ${b}: ${done} rows indexed`),
      });
      ctx.out(
        r.left === 0
          ? `backfill-match-keys: done, ${r.done} rows indexed in this run (${r.shredded} of shredded companies, left without indexes); none left`
          : `backfill-match-keys: ${r.done} rows indexed in this run, ${r.left} left; run the same command again to continue`,
      );
      return 0;
    },
  },
];
