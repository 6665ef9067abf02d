import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type AccessTokenPayload, AuthService } from '../auth/auth.service.js';
import type { AppConfig } from '../config/config.js';
import { Unauthenticated } from './errors.js';

/** /docs (the explorer and its assets, whose init script embeds the document), /docs-json and /docs-yaml. */
export const isApiDocsPath = (url: string): boolean => /^\/docs(?:$|[/?]|-json|-yaml)/.test(url);

/**
 * The OpenAPI document at /docs (UI) and /docs-json. With `API_DOCS=signed-in` (the production default) every
 * docs path answers only a request with a live bearer token — the same check as any API route — and 401 in the
 * API's error shape otherwise, so the route map is not handed to anyone who asks.
 */
export function setupApiDocs(app: NestFastifyApplication, config: AppConfig): void {
  if (config.apiDocs === 'signed-in') {
    let auth: { jwt: JwtService; auth: AuthService } | undefined;
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (request: FastifyRequest, reply) => {
        // the route that matched, not the raw URL: the router also matches a percent-encoded path (`/%64ocs-json`)
        if (!isApiDocsPath(request.routeOptions.url ?? '') && !isApiDocsPath(request.url)) return;
        void reply.header('cache-control', 'no-store');
        auth ??= { jwt: app.get(JwtService, { strict: false }), auth: app.get(AuthService, { strict: false }) };
        const token = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!token) throw new Unauthenticated('Sign in first: the API documentation needs a bearer token');
        let payload: AccessTokenPayload;
        try {
          payload = await auth.jwt.verifyAsync<AccessTokenPayload>(token, { algorithms: ['HS256'] });
        } catch {
          throw new Unauthenticated('Sign in first: the API documentation needs a bearer token');
        }
        await auth.auth.callerFor(payload);
      });
  }
  const document = buildApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * The OpenAPI document of the app's controllers and DTOs (issue 14, item 8): served at /docs-json, and the source
 * of the web front end's generated types (`npm run api:generate`, src/common/offline-api-document.ts).
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
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
}
