import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from './bootstrap.js';
import type { AppConfig } from './config/config.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { runMigrations } from './database/migrate.js';
import { seedDemoCases } from './database/seed/demo-cases.seed.js';
import { seedDemoIfEmpty } from './database/seed/seed.js';
import { SecondFactorGate } from './auth/second-factor/gate.js';

/** How long closing the app (HTTP server, workers, database pool) may take before the database is stopped anyway. */
export const APP_CLOSE_TIMEOUT_MS = 4000;

function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export interface RunningService {
  app: NestFastifyApplication;
  config: AppConfig;
  embedded?: EmbeddedDatabase;
  seeded: boolean;
  /** how many demo cases were opened at this start (0 unless the demo sector was seeded now) */
  demoCases: number;
  migrations: string[];
  stop(): Promise<void>;
}

/**
 * Resolves the database (the configured one, or an embedded PostgreSQL under `.data/pg` when DATABASE_URL is
 * unset), applies pending migrations, initialises the app and seeds the demo sector on an empty database.
 * The app is initialised but not listening.
 */
export async function prepareService(config: AppConfig, logger: Logger): Promise<RunningService> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const pgLog = logger.child({ context: 'EmbeddedPostgres' });
    embedded = await startEmbeddedPostgres({
      dir: join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      persistent: true,
      onLog: (line) => pgLog.debug(line.trim()),
      dataDirVariable: 'DATA_DIR',
    });
    await ensureDatabase(embedded.serverUrl, 'ketenkluis');
    databaseUrl = embedded.urlFor('ketenkluis');
  }
  const effective: AppConfig = { ...config, databaseUrl };
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(effective, logger);
    const migrations = await runMigrations(app.get<DataSource>(getDataSourceToken()));
    await app.init();
    const seeded = await seedDemoIfEmpty(app, effective);
    // The cases go through the services' own transactions, so only once the sector is committed (and only by the
    // instance that seeded it).
    // The demo cases are opened through the API as the demo people, who have no second factor yet: before the
    // service listens (nothing outside this process can reach it), with the second-factor gate set aside meanwhile.
    const gate = app.get(SecondFactorGate);
    const demoCases = seeded && effective.seedDemoCases ? await gate.setAsideWhile(() => seedDemoCases(app!, effective)) : 0;
    const running = app;
    return {
      app,
      config: effective,
      embedded,
      seeded,
      demoCases,
      migrations,
      async stop() {
        // Bounded: a request that never ends or a pool waiting on a database that went away must not keep the
        // process (and so the embedded PostgreSQL) alive; the database is stopped whatever the app did (issue 12).
        try {
          await withinTime(running.close(), APP_CLOSE_TIMEOUT_MS, 'closing the app');
        } catch (error) {
          logger.warn({ err: error }, 'the app did not close cleanly; stopping the database anyway');
        } finally {
          await embedded?.stop();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
