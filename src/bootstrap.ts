import 'reflect-metadata';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { setupApiDocs } from './common/api-docs.js';
import { refuseHostileInput } from './common/hostile-input.js';
import { registerSecurityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';
import { PinoNestLogger } from './common/logger.js';
import type { AppConfig } from './config/config.js';
import { registerWebFrontEnd } from './web/web-front-end.js';

/**
 * Builds the Nest application on Fastify with everything every entry point shares (server, tests, benchmarks):
 * the error shape, validation, security headers, multipart uploads and the OpenAPI document at /docs.
 * The caller decides when to migrate, `init()` and `listen()`.
 */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // TRUST_PROXY (off by default): X-Forwarded-For counts only from the configured proxies, so a client cannot
    // pick its own address for the rate limits (issue 12, part 3).
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
  });
  // Every route Fastify registers, so tests can prove each one is documented and guarded.
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  // Before any guard, pipe or handler: NUL characters and absurd nesting are a 400 naming the field (issue 12).
  refuseHostileInput(adapter.getInstance());
  // API answers are per caller and often confidential: no browser or proxy may keep a copy (issue 12).
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    // the matched route as well as the raw URL: the router also matches a percent-encoded path (`/%61pi/…`)
    if ((request.routeOptions.url ?? '').startsWith('/api/') || request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    bufferLogs: false,
  });
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): the entry point owns the signals and closes the app before the database (main.ts).
  registerSecurityHeaders(app.getHttpAdapter().getInstance()); // helmet, its middleware built once (issue 18)
  await app.register(cookie); // the refresh token's HttpOnly cookie (src/auth/refresh-cookie.ts, issue 14 item 7)
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });
  registerWebFrontEnd(app.getHttpAdapter().getInstance()); // the built front end at / (issue 8)

  setupApiDocs(app, config); // /docs and /docs-json, signed-in only in production (issue 12)
  registeredRoutes.set(app, routes);
  return app;
}

export interface RegisteredRoute {
  method: string;
  url: string;
}
const registeredRoutes = new WeakMap<object, RegisteredRoute[]>();

/** The routes the application registered with Fastify (complete once the app is initialised). */
export function routesOf(app: NestFastifyApplication): RegisteredRoute[] {
  return registeredRoutes.get(app) ?? [];
}
