import type { paths } from './schema';

/**
 * Types only (no code reaches the bundle): the answer and the body of an operation of the generated `paths`
 * (web/src/api/schema.d.ts, from /docs-json), for the calls of the first page load that go through `api()` rather
 * than the generated client (issue 14, item 8; the client stays out of the initial bundle).
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Route<M extends Method> = { [P in keyof paths]: NonNullable<paths[P][M]> extends never ? never : P }[keyof paths];
type Operation<M extends Method, P extends Route<M>> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer D } } ? D : never;
/** The JSON of the operation's 2xx answers. */
export type Answer<M extends Method, P extends Route<M>> = Operation<M, P> extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;
/** The JSON body the operation takes. */
export type Body<M extends Method, P extends Route<M>> = Operation<M, P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The parameters of a GET route (path, query) as openapi-fetch takes them. */
export type GetParams<P extends Route<'get'>> = Operation<'get', P> extends { parameters: infer Q } ? { [K in keyof Q as Q[K] extends undefined ? never : K]: Q[K] } : never;
