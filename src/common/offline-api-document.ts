import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';
import { buildApiDocument } from './api-docs.js';

/**
 * The OpenAPI document without a database or a server (issue 14, item 8): Nest's preview mode reads the modules,
 * controllers and DTOs but instantiates no provider, so nothing connects, listens, migrates or reads a secret. The
 * document is the one /docs-json serves (the same `buildApiDocument`); `npm run api:generate` turns it into
 * web/src/api/schema.d.ts and test/api-schema.e2e-spec.ts checks that file is current.
 */
export async function offlineApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://offline.invalid/none',
    JWT_SECRET: 'offline-api-document-not-a-secret-0123456789',
    KETENKLUIS_MASTER_KEY: Buffer.alloc(32).toString('base64'),
    KETENKLUIS_BLIND_INDEX_KEY: Buffer.alloc(32).toString('base64'),
    KETENKLUIS_AUDIT_SIGNING_KEY: Buffer.alloc(32).toString('base64'),
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildApiDocument(app);
  } finally {
    await app.close();
  }
}
