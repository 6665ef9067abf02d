import createClient from 'openapi-fetch';
import { ApiError, type ApiErrorBody, sendRequest } from '../api.ts';
import { type Loaded, useLoad } from '../components.tsx';
import type { paths } from './schema';
import type { Answer, GetParams, Route } from './types.ts';

/**
 * The generated client (issue 14, item 8): openapi-fetch over `paths` (web/src/api/schema.d.ts, generated from
 * /docs-json by `npm run api:generate`). Routes, parameters, bodies and answers are typed from the OpenAPI document,
 * so a changed route fails `tsc -p web/tsconfig.json` instead of a page. It sends through the same transport as
 * `api()` (token, language, step-up, end of session on a 401). Only the pages' chunks load it.
 */
export const client = createClient<paths>({ baseUrl: '', fetch: (request: Request) => sendRequest(request) });

/** The client's answer as its data, or a thrown `ApiError` (as `api()` throws). */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (error !== undefined || !response.ok) {
    const body = (error && typeof error === 'object' ? error : { statusCode: response.status, error: response.statusText, message: typeof error === 'string' ? error : response.statusText }) as ApiErrorBody;
    throw new ApiError(response.status, body);
  }
  return data as T;
}

/** `key`: the route and its parameters as JSON (a stable key for the effect). */
const getRoute = (key: string, signal: AbortSignal) => {
  const [route, params] = JSON.parse(key) as [string, unknown];
  const get = client.GET as (route: string, init: { params: unknown; signal: AbortSignal }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return call(get(route, { params, signal }));
};

/**
 * `useApi` through the generated client: `useGet('/api/v1/cases/{id}', { path: { id } })`; `path` null loads nothing.
 * The parameters may be left out when the route has none that are required (e.g. only an optional query).
 */
export function useGet<P extends Route<'get'>>(path: P | null, ...params: keyof GetParams<P> extends never ? [] : object extends GetParams<P> ? [GetParams<P>?] : [GetParams<P>]): Loaded<Answer<'get', P>> {
  return useLoad<Answer<'get', P>>(path ? JSON.stringify([path, params[0] ?? {}]) : null, getRoute as (key: string, signal: AbortSignal) => Promise<Answer<'get', P>>);
}
