import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { TestProject } from 'vitest/node';
import { createRootLogger } from '../../src/common/logger.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { prepareService } from '../../src/server.js';
import { freePort, testConfig } from './test-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

/** Template databases every suite clones from (CREATE DATABASE … TEMPLATE is a file copy: milliseconds). */
export const TEMPLATE_MIGRATED = 'kk_template_migrated';
export const TEMPLATE_DEMO = 'kk_template_demo';

let server: EmbeddedDatabase | undefined;
let dir: string | undefined;

/**
 * One real PostgreSQL per test run (issue 3): started from the `embedded-postgres` package in a temporary
 * directory, unless TEST_DATABASE_SERVER_URL points at a server to use instead. Each suite then gets a fresh
 * database cloned from a template that already holds the migrations (and, for `demo`, the demo sector).
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  if (!serverUrl) {
    dir = mkdtempSync(join(tmpdir(), 'ketenkluis-test-pg-'));
    // mkdtemp makes a 0700 directory; as root the server runs as the `postgres` user, which must reach it.
    chmodSync(dir, 0o755);
    server = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), persistent: false });
    serverUrl = server.serverUrl;
  }
  const urlFor = (db: string) => serverUrl!.replace(/\/[^/]*$/, `/${db}`);
  const quiet = createRootLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
  for (const [template, seed] of [
    [TEMPLATE_MIGRATED, false],
    [TEMPLATE_DEMO, true],
  ] as const) {
    await dropDatabase(serverUrl, template);
    await ensureDatabase(serverUrl, template);
    const service = await prepareService(
      testConfig({ DATABASE_URL: urlFor(template), SEED_DEMO: seed ? 'auto' : 'off', SEED_DEMO_CASES: 'off', OUTBOX_WORKER: 'off' }),
      quiet,
    );
    await service.stop();
  }
  project.provide('pgServerUrl', serverUrl);
  return async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

async function dropDatabase(serverUrl: string, name: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}
