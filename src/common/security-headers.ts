import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The API's security headers (helmet's defaults with this content security policy). */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
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
};

/**
 * Sets helmet's headers on every response. The middleware is built ONCE here: `@fastify/helmet` runs
 * `helmet(config)` — parsing and checking the whole configuration — again on every request (issue 18: ~51 µs of
 * each request). Headers set here are raw; a route's own `reply.header(...)` (the web front end's CSP) wins.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: Readonly<HelmetOptions> = HELMET_OPTIONS): void {
  const headers = helmet(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
