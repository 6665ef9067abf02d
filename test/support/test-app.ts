import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createRootLogger } from '../../src/common/logger.js';
import type { AppConfig } from '../../src/config/config.js';
import { ensureDatabase } from '../../src/database/embedded-postgres.js';
import { prepareService, type RunningService } from '../../src/server.js';
import { TEMPLATE_DEMO, TEMPLATE_MIGRATED } from './global-setup.js';
import { randomName, testConfig } from './test-config.js';

export const DEMO_PASSWORD = 'ketenkluis-demo';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  databaseUrl: string;
  http: () => supertest.Agent;
  /** everything the service logged so far, one JSON line per entry */
  logs(): string;
  /** logs in through the API and returns the bearer token */
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** `demo`: migrated + demo sector (default); `migrated`: schema only; `empty`: a database with nothing in it */
  database?: 'demo' | 'migrated' | 'empty';
  /** reuse an existing database (e.g. to restart the app on the same data) */
  databaseUrl?: string;
  env?: Record<string, string | undefined>;
}

/** A fresh database for this suite, cloned from a template prepared by the global setup. */
export async function createTestDatabase(kind: 'demo' | 'migrated' | 'empty' = 'demo'): Promise<string> {
  const serverUrl = inject('pgServerUrl');
  const name = randomName('kk_suite');
  const template = kind === 'demo' ? TEMPLATE_DEMO : kind === 'migrated' ? TEMPLATE_MIGRATED : undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(serverUrl, name, template);
      break;
    } catch (error) {
      // Two suites cloning one template at the same instant can collide ("source database is being accessed").
      if (attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
  return serverUrl.replace(/\/[^/]*$/, `/${name}`);
}

/** Starts the real service (Fastify, real PostgreSQL) for a test suite; talk to it through `http()`. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase(options.database ?? 'demo'));
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const config = testConfig({ SEED_DEMO: 'off', ...options.env, DATABASE_URL: databaseUrl });
  const service: RunningService = await prepareService(config, createRootLogger(config.logLevel, sink));
  const { app } = service;
  await app.getHttpAdapter().getInstance().ready();
  const http = () => supertest.agent(app.getHttpServer());
  return {
    app,
    config: service.config,
    db: app.get<DataSource>(getDataSourceToken()),
    databaseUrl,
    http,
    logs: () => lines.join(''),
    async login(email, password = DEMO_PASSWORD) {
      const res = await http().post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    close: () => service.stop(),
  };
}
