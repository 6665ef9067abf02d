import { DomainError } from '../common/errors.js';
import { InitialiseSecretariat } from '../organisations/governance/initialise-secretariat.js';
import type { CliCommand } from './command.js';
import { parseOptions, UsageError } from './command.js';

/**
 * The first start in production (issue 13, part 1; README "Production"): creates the secretariat and its first
 * secretariat staff member and mails them the one-time link. Without SMTP_URL the mail is written to MAIL_DIR by the
 * running service, and the link is printed here too, so the operator can hand it over.
 */
export const INIT_COMMANDS: CliCommand[] = [
  {
    name: 'init',
    usage: 'init --secretariat-name "…" --email … [--name …] [--language nl|en]',
    summary: 'first run: create the secretariat and its first staff member, and send them the invitation (refuses a second run)',
    async run(ctx, args) {
      const { options, positional } = parseOptions(args, ['secretariat-name', 'email', 'name', 'language']);
      if (positional.length) throw new UsageError('takes no positional arguments');
      if (!options['secretariat-name']) throw new UsageError('--secretariat-name is required');
      if (!options.email) throw new UsageError('--email is required');
      const language = options.language ?? 'nl';
      if (language !== 'nl' && language !== 'en') throw new UsageError('--language must be nl or en');
      try {
        const done = await ctx.app.get(InitialiseSecretariat, { strict: false }).execute({
          secretariatName: options['secretariat-name'],
          email: options.email,
          name: options.name,
          language,
        });
        ctx.out(`init: created the secretariat (${done.organisationId}) and its first staff member (${done.personId})`);
        if (ctx.config.mail.smtpUrl) {
          ctx.out(`init: the invitation mail is in the outbox; the running service sends it. The link works once, until ${done.expiresAt}.`);
        } else {
          ctx.out(`init: no SMTP_URL is configured, so here is the one-time link (valid until ${done.expiresAt}):`);
          ctx.out(done.link);
        }
        return 0;
      } catch (error) {
        if (error instanceof DomainError) {
          const details = (error as DomainError & { details?: Array<{ field: string; problem: string }> }).details ?? [];
          ctx.err(`init: ${error.message}${details.map((d) => `; --${d.field} ${d.problem}`).join('')}`);
          return 1;
        }
        throw error;
      }
    },
  },
];
