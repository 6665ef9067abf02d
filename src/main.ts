import { createRootLogger } from './common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { DEMO_PEOPLE } from './database/seed/demo-sector.data.js';
import { prepareService } from './server.js';

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
  const service = await prepareService(config, logger);
  await service.app.listen({ host: config.host, port: config.port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await service.stop();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

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
  process.stderr.write(`Ketenkluis failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
