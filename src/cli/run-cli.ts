import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createRootLogger } from '../common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from '../config/config.js';
import { prepareService } from '../server.js';
import { COMMANDS, UsageError, type CliCommand } from './commands.js';

// Must match src/database/embedded-postgres.ts (the embedded server's superuser and password).
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'ketenkluis-embedded';

/**
 * When no DATABASE_URL is set and the service is already running on its embedded PostgreSQL (a live
 * `postmaster.pid` under DATA_DIR/pg), connect to that server instead of starting a second one on the same files.
 */
export function runningEmbeddedUrl(config: AppConfig): string | undefined {
  const pidFile = join(config.dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  if (!port) return undefined;
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(EMBEDDED_PASSWORD)}@127.0.0.1:${port}/ketenkluis`;
}

function help(out: (l: string) => void) {
  out('Usage: npm run cli -- <command> [options]');
  out('');
  for (const c of COMMANDS) out(`  ${c.usage.padEnd(44)} ${c.summary}`);
}

/**
 * The operator CLI (DESIGN.md: cli.ts for operator commands). Boots the application context on the configured
 * database (or the embedded one, as `npm start` does) without listening and without the mail worker, runs one
 * command and returns its exit code.
 */
export async function runCli(
  argv: string[],
  io: { out: (l: string) => void; err: (l: string) => void; env?: NodeJS.ProcessEnv } = {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  },
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io.out);
    return name ? 0 : 2;
  }
  const command: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".`);
    help(io.err);
    return 2;
  }
  let config: AppConfig;
  try {
    config = loadConfig(io.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  config = {
    ...config,
    databaseUrl: config.databaseUrl ?? runningEmbeddedUrl(config),
    mail: { ...config.mail, workerEnabled: false },
    // An operator command neither delivers mail nor acts on deadlines: the running service does that.
    schedulerEnabled: false,
  };
  // Logs go to stderr (warnings and worse) so stdout carries only the command's output.
  const logger = createRootLogger(config.logLevel === 'silent' ? 'silent' : 'warn', new Writable({
    write(chunk: Buffer, _e, cb) {
      process.stderr.write(chunk);
      cb();
    },
  }));
  const service = await prepareService(config, logger);
  try {
    const db = service.app.get<DataSource>(getDataSourceToken());
    return await command.run({ app: service.app, db, config: service.config, out: io.out, err: io.err }, args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${command.name}: ${error.message}`);
      io.err(`Usage: npm run cli -- ${command.usage}`);
      return 2;
    }
    throw error;
  } finally {
    await service.stop();
  }
}
