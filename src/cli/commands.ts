import { AUDIT_COMMANDS } from './audit.commands.js';
import type { CliCommand } from './command.js';
import { INIT_COMMANDS } from './init.commands.js';
import { KEY_COMMANDS } from './keys.commands.js';
import { MATCH_KEY_COMMANDS } from './match-keys.commands.js';

export { type CliCommand, type CliContext, parseOptions, UsageError } from './command.js';

/** Every operator command. Each module keeps its commands in its own file and adds one line here. */
export const COMMANDS: CliCommand[] = [
  ...INIT_COMMANDS,
  ...AUDIT_COMMANDS,
  ...KEY_COMMANDS,
  ...MATCH_KEY_COMMANDS,
];
