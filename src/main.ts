import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { createRootLogger } from './common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { DEMO_PEOPLE } from './database/seed/demo-sector.data.js';
import { stopAllEmbeddedPostgres } from './database/embedded-postgres.js';
import { prepareService, type RunningService } from './server.js';

/**
 * Everything stops within this after a signal (closing the app takes at most 4 s, stopping PostgreSQL at most 5 s);
 * a stop that takes longer exits anyway, and the database with it.
 */
const STOP_DEADLINE_MS = 9500;

function portIsFree(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE'));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // One line naming the variable (issue 3, item 2).
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);

  // Ctrl-C, an orchestrator's SIGTERM or a closed terminal stop the service within STOP_DEADLINE_MS, also while it
  // is still starting, and never leave the embedded PostgreSQL running (issue 12, item 6).
  let service: RunningService | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => {
      // the 'exit' handler of embedded-postgres.ts takes the database down on the way out
      process.stderr.write(`Ketenkluis did not stop within ${STOP_DEADLINE_MS / 1000} s; stopping the database and exiting\n`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    try {
      // still starting: let the start finish (or fail), then stop what it started (`starting` is set below, before
      // any signal can be handled: handlers run only once this synchronous start-up code has returned)
      const started = service ?? (await starting.catch(() => undefined));
      await started?.stop();
      await stopAllEmbeddedPostgres();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  const starting: Promise<RunningService> = prepareService(config, logger);
  try {
    service = await starting;
  } catch (error) {
    if (stopping) return; // a signal during start-up: stop() is taking it down
    throw error;
  }
  if (stopping) return;
  try {
    // asked first, so a busy port is our one line rather than the framework's log line and then ours
    if (!(await portIsFree(config.host, config.port))) throw Object.assign(new Error('port in use'), { code: 'EADDRINUSE' });
    await service.app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await service.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} on ${config.host} is already in use (another Ketenkluis?); stop that one or set PORT to a free port`);
    }
    throw error;
  }

  const url = config.publicUrl;
  const lines = [
    '',
    `Ketenkluis is running at ${url}`,
    `  API docs:  ${url}/docs`,
    `  Health:    ${url}/health`,
    `  Database:  ${service.embedded ? `embedded PostgreSQL in ${config.dataDir}/pg` : 'DATABASE_URL'}`,
  ];
  if (service.migrations.length) lines.push(`  Migrations applied: ${service.migrations.join(', ')}`);
  if (config.seedDemo) lines.push(`  Demo data: ${service.seeded ? `seeded the demo sector${service.demoCases ? ` and ${service.demoCases} demo cases` : ''}` : 'existing data kept'}`);
  if (config.seedDemo) {
    lines.push(`  Demo logins (password "${config.demoPassword}"):`);
    for (const p of DEMO_PEOPLE) lines.push(`    ${p.email.padEnd(48)} ${p.name} (${p.organisation})`);
  }
  lines.push('Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  // One line (issue 12, item 6): never "undefined" — a non-Error rejection is described as what it is.
  const why =
    error instanceof Error ? error.message
    : error === undefined ? 'an unexplained failure (see the log above)'
    : typeof error === 'string' ? error
    : inspect(error, { breakLength: Infinity });
  process.stderr.write(`Ketenkluis failed to start: ${why.split('\n')[0]}\n`);
  process.exit(1);
});
