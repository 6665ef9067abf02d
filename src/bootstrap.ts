import 'reflect-metadata';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
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
    trustProxy: config.isProduction,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
  });
  // Every route Fastify registers, so tests can prove each one is documented and guarded.
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    bufferLogs: false,
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(cookie); // the refresh token's HttpOnly cookie (src/auth/refresh-cookie.ts, issue 14 item 7)
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });
  registerWebFrontEnd(app.getHttpAdapter().getInstance()); // the built front end at / (issue 8)

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ketenkluis API')
      .setDescription(
        'Confidential data sharing of the International RBC Sector Agreement for the Metal Sector 2025-2029. ' +
          'Every route needs a bearer token unless marked public.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
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
