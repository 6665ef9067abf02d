import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createRootLogger } from '../../src/common/logger.js';
import type { AppConfig } from '../../src/config/config.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { prepareService } from '../../src/server.js';
import { freePort, randomName, testConfig } from '../support/test-config.js';

/**
 * The benchmark harness (`npm run bench`). Benchmarks are never timed tests: each one measures a figure and a
 * baseline in the same run, on the same machine, and reports the ratio. One embedded PostgreSQL serves the run;
 * every benchmark gets fresh databases cloned from templates (migrated, or migrated + demo sector).
 */
export interface BenchApp {
  /** base URL of the real service, listening on 127.0.0.1 */
  url: string;
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  databaseUrl: string;
  /** signs in through the API and returns the bearer token */
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface BenchContext {
  /** a fresh database cloned from the template (`demo`: migrated + demo sector) */
  databaseUrl(kind?: DatabaseKind): Promise<string>;
  /** the real service (Fastify, real PostgreSQL, mail worker off) listening on a free loopback port */
  startApp(options?: { database?: DatabaseKind; databaseUrl?: string; env?: Record<string, string> }): Promise<BenchApp>;
  /**
   * Prints `name: value unit` and, with a baseline measured in the same run, ` (ratio R to <baseline>)`.
   * `ratio` is value/baseline for throughputs; pass it as you want it read (e.g. ≥ 0.5 is the target).
   */
  report(name: string, value: number, unit: string, ratio?: { value: number; to: string }): void;
}

/** `migrated`: schema only; `demo`: + the demo sector; `demo-cases`: + the three demo cases (SEED_DEMO_CASES). */
export type DatabaseKind = 'demo' | 'migrated' | 'demo-cases';

export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

export const DEMO_PASSWORD = 'ketenkluis-demo';
const TEMPLATE_MIGRATED = 'kk_bench_migrated';
const TEMPLATE_DEMO = 'kk_bench_demo';
const TEMPLATE_DEMO_CASES = 'kk_bench_demo_cases';
const TEMPLATES: Record<DatabaseKind, string> = { migrated: TEMPLATE_MIGRATED, demo: TEMPLATE_DEMO, 'demo-cases': TEMPLATE_DEMO_CASES };
const quiet = () => createRootLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

export interface Harness extends BenchContext {
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  let serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  let server: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  if (!serverUrl) {
    dir = mkdtempSync(join(tmpdir(), 'ketenkluis-bench-pg-'));
    chmodSync(dir, 0o755); // as root the server runs as `postgres`, which must reach it
    server = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), persistent: false });
    serverUrl = server.serverUrl;
  }
  const base = serverUrl;
  const urlFor = (db: string) => base.replace(/\/[^/]*$/, `/${db}`);
  for (const [template, seed, cases] of [
    [TEMPLATE_MIGRATED, false, false],
    [TEMPLATE_DEMO, true, false],
    [TEMPLATE_DEMO_CASES, true, true],
  ] as const) {
    await ensureDatabase(base, template);
    const service = await prepareService(
      testConfig({ DATABASE_URL: urlFor(template), SEED_DEMO: seed ? 'auto' : 'off', SEED_DEMO_CASES: cases ? 'on' : 'off', OUTBOX_WORKER: 'off' }),
      quiet(),
    );
    await service.stop();
  }
  const apps: BenchApp[] = [];
  const databaseUrl = async (kind: DatabaseKind = 'demo') => {
    const name = randomName('kk_bench');
    await ensureDatabase(base, name, TEMPLATES[kind]);
    return urlFor(name);
  };
  return {
    databaseUrl,
    async startApp(options = {}) {
      const url = options.databaseUrl ?? (await databaseUrl(options.database ?? 'demo'));
      const config = testConfig({
        SEED_DEMO: 'off',
        OUTBOX_WORKER: 'off',
        LOG_LEVEL: 'silent',
        LOGIN_RATE_LIMIT: '10000',
        LOGIN_RATE_LIMIT_PER_ADDRESS: '100000',
        LOGIN_RATE_LIMIT_PER_ACCOUNT: '100000',
        ...options.env,
        DATABASE_URL: url,
      });
      const service = await prepareService(config, quiet());
      const port = await freePort();
      await service.app.listen(port, '127.0.0.1');
      const address = `http://127.0.0.1:${port}`;
      const app: BenchApp = {
        url: address,
        app: service.app,
        config: service.config,
        db: service.app.get<DataSource>(getDataSourceToken()),
        databaseUrl: url,
        async login(email, password = DEMO_PASSWORD) {
          const res = await fetch(`${address}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password }),
          });
          if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status}`);
          return ((await res.json()) as { accessToken: string }).accessToken;
        },
        close: async () => {
          apps.splice(apps.indexOf(app), 1);
          await service.stop();
        },
      };
      apps.push(app);
      return app;
    },
    report(name, value, unit, ratio) {
      const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
      // the machine's load average (1, 5, 15 min) beside each figure: a figure from a busy machine reads as one
      const load = loadavg().map((x) => x.toFixed(2)).join(' ');
      console.log(`${name}: ${fmt(value)} ${unit}${ratio ? ` (ratio ${ratio.value.toFixed(2)} to ${ratio.to})` : ''} [load ${load}]`);
    },
    async stop() {
      for (const a of [...apps]) await a.close().catch(() => undefined);
      await server?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
