// What a command is and how it reads its options: apart from the list of commands (commands.ts), so each command's
// file imports this and commands.ts imports the commands, without a cycle.
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';

/** What a command gets: the booted (not listening) application and a way to write output. */
export interface CliContext {
  app: INestApplicationContext;
  db: DataSource;
  config: AppConfig;
  /** a line on stdout (the command's result) */
  out(line: string): void;
  /** a line on stderr (progress, problems) */
  err(line: string): void;
}

/**
 * One operator command (`npm run cli -- <name> [args]`). `run` returns the process exit code: 0 for success,
 * 1 for a check that found a problem, 2 for wrong usage.
 */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(ctx: CliContext, args: string[]): Promise<number>;
}

/** `--name value` / `--name=value` options and positional arguments; unknown options are refused. */
export function parseOptions(args: string[], known: string[]): { options: Record<string, string>; positional: string[] } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    options[name] = value;
  }
  return { options, positional };
}

export class UsageError extends Error {}
