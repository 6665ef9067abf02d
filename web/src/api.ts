/**
 * The only way the front end talks to the service: the public /api/v1 routes with a bearer token.
 *
 * Token handling (issue 8, item 9; issue 14, item 7): the access token lives in this module's memory only — never
 * in localStorage, sessionStorage or a cookie. It is renewed through POST /auth/refresh shortly before it expires.
 * The refresh token is an HttpOnly cookie the service sets at sign-in, scoped to the refresh route: no script here
 * can read it, and a reload or a link from a mail asks POST /auth/refresh for a new access token (`resumeSession`).
 * Sign-out ends the session on the server (the cookie then refreshes nothing) and the service clears the cookie.
 */
import type { paths } from './api/schema';
import type { Answer, Body } from './api/types.ts';

export interface FieldProblem {
  field?: string;
  problem?: string;
  /** `problem` in the language the page asked for (Accept-Language) */
  message?: string;
  row?: number;
  /** the spreadsheet column of an upload's problem */
  column?: string;
  [key: string]: unknown;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  missing?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message || `HTTP ${status}`);
  }
}

let accessToken: string | null = null;
let requestLanguage = 'en';

/** The page's language, sent as Accept-Language so the service words its field problems in it (issue 14, item 6). */
export function setRequestLanguage(language: string) {
  requestLanguage = language;
}
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const sessionEndedListeners = new Set<() => void>();

export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export const isSignedIn = () => accessToken !== null;

function keepToken(token: string, expiresInSeconds: number) {
  accessToken = token;
  clearTimeout(refreshTimer);
  // renew at 80% of the lifetime; a failed renewal ends the session in the page too
  const ms = Math.max(10, expiresInSeconds * 800);
  refreshTimer = setTimeout(() => {
    void api<Answer<'post', '/api/v1/auth/refresh'>>('POST', '/auth/refresh', {})
      .then((r) => keepToken(r.accessToken, r.expiresIn))
      .catch(() => endSession());
  }, ms);
}

/** Forgets the token and tells the app to drop every piece of data it holds. */
export function endSession() {
  accessToken = null;
  clearTimeout(refreshTimer);
  for (const l of sessionEndedListeners) l();
}

/**
 * After a reload: a new access token from the refresh cookie, if its session is still live. Resolves to whether
 * the person is signed in; a failure is simply "not signed in" (the sign-in page follows).
 */
export async function resumeSession(): Promise<boolean> {
  try {
    const r = await api<Answer<'post', '/api/v1/auth/refresh'>>('POST', '/auth/refresh', {});
    keepToken(r.accessToken, r.expiresIn);
    return true;
  } catch {
    return false;
  }
}

/**
 * The password step. A person with a second factor gets no session yet (issue 17): the answer is the pending token
 * for `completeSignIn` (a TOTP or recovery code) or a passkey; for everyone else the session starts at once.
 */
export async function signIn(email: string, password: string): Promise<{ pendingToken: string } | null> {
  const body: Body<'post', '/api/v1/auth/login'> = { email, password };
  const r = await api<Answer<'post', '/api/v1/auth/login'>>('POST', '/auth/login', body);
  if ('pendingToken' in r) return { pendingToken: r.pendingToken };
  keepToken(r.accessToken, r.expiresIn);
  return null;
}

/** The second sign-in step with a code from the app or a recovery code. */
export async function completeSignIn(pendingToken: string, proof: { code?: string; recoveryCode?: string }): Promise<void> {
  const body: Body<'post', '/api/v1/auth/second-factor'> = { pendingToken, ...proof };
  const r = await api<Answer<'post', '/api/v1/auth/second-factor'>>('POST', '/auth/second-factor', body);
  keepToken(r.accessToken, r.expiresIn);
}

/** Signs in with a passkey alone (the browser asks the authenticator, which verifies the person). */
export async function signInWithPasskey(): Promise<void> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const { challengeId, options } = await api<Answer<'post', '/api/v1/auth/passkey/options'>>('POST', '/auth/passkey/options', {});
  const response = await startAuthentication({ optionsJSON: options as never });
  const body: Body<'post', '/api/v1/auth/passkey'> = { challengeId, response: response as unknown as Record<string, unknown> };
  const r = await api<Answer<'post', '/api/v1/auth/passkey'>>('POST', '/auth/passkey', body);
  keepToken(r.accessToken, r.expiresIn);
}

/**
 * Step-up (issue 17): a sensitive request answered 403 `second-factor:step-up` asks this handler (the dialog in the
 * app shell) for the second factor, then is sent once more. Without a handler, or when the person cancels, the 403
 * stands.
 */
let stepUpHandler: (() => Promise<boolean>) | null = null;
export function setStepUpHandler(handler: (() => Promise<boolean>) | null) {
  stepUpHandler = handler;
}
const needsStepUp = (status: number, data: unknown) => status === 403 && Boolean((data as ApiErrorBody | undefined)?.missing?.includes('second-factor:step-up'));

export async function signOut(): Promise<void> {
  try {
    if (accessToken) await api('POST', '/auth/logout');
  } finally {
    endSession();
  }
}

/** The HTTP methods the pages use, as the OpenAPI document names them (lower case). */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** The routes of `paths` (web/src/api/schema.d.ts, generated from /docs-json) that answer `M`. */
type RoutesFor<M extends Method> = { [P in keyof paths]: NonNullable<paths[P][Lowercase<M>]> extends never ? never : P }[keyof paths];
/** `/cases/{id}/votes` → `/cases/${string}/votes`: a path a page builds from its parts. */
type Filled<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string}${Filled<B>}` : P;
type Relative<P> = P extends `/api/v1${infer R}` ? R : never;
/**
 * A path under /api/v1 that answers `M` (with or without a query string). A route that is renamed, removed or stops
 * answering the method breaks `tsc -p web/tsconfig.json` at every call (issue 14, item 8).
 */
export type ApiPath<M extends Method = Method> = Filled<Relative<RoutesFor<M>>> | `${Filled<Relative<RoutesFor<M>>>}?${string}`;

/**
 * The one transport under both `api` and the generated client (api/client.ts): the bearer token, the page's language, the refresh
 * cookie for the sign-in routes only, one retry after a step-up, and the end of the session on a 401.
 */
export async function sendRequest(request: Request, retried = false): Promise<Response> {
  const retry = stepUpHandler && !retried ? request.clone() : null;
  const headers = new Headers(request.headers);
  headers.set('accept-language', requestLanguage);
  if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
  const path = new URL(request.url).pathname.slice(7); // after /api/v1
  // Only the sign-in routes take part in the cookie (login sets it, refresh sends it, logout clears it); every
  // other request carries the bearer token alone.
  const res = await fetch(new Request(request, { headers, cache: 'no-store', credentials: path.startsWith('/auth/') ? 'same-origin' : 'omit' }));
  if (retry && res.status === 403 && needsStepUp(403, await res.clone().json().catch(() => undefined)) && (await stepUpHandler!())) return sendRequest(retry, true);
  // the session ended elsewhere (sign-out in another tab, disabled person, expiry): leave the signed-in pages
  if (res.status === 401 && accessToken && path !== '/auth/login' && path !== '/auth/refresh') endSession();
  return res;
}

/** The error shape of a failed answer (or the text of one that is not JSON). */
async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  let data: ApiErrorBody;
  try {
    data = JSON.parse(text) as ApiErrorBody;
  } catch {
    data = { statusCode: res.status, error: res.statusText, message: text.slice(0, 200) || res.statusText };
  }
  return new ApiError(res.status, data);
}

/**
 * A request by method and path under /api/v1; the path is checked against the generated `paths` (`ApiPath`). New
 * code prefers `client` with `call`, which also types the body and the answer.
 */
export async function api<T = unknown, M extends Method = Method>(method: M, path: ApiPath<M>, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await sendRequest(new Request(`/api/v1${path}`, { method, headers, body: payload, signal: init.signal }));
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GETs a file from the API (e.g. the upload template) with the bearer token, as a Blob. */
export async function apiBlob(path: ApiPath<'GET'>): Promise<Blob> {
  const res = await sendRequest(new Request(`/api/v1${path}`, { headers: { accept: '*/*' } }));
  if (!res.ok) throw await errorOf(res);
  return res.blob();
}

/** Downloads a file the API produces (or that the page made) without keeping it anywhere. */
export function saveBlob(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file's bytes as base64, for a JSON body (e.g. the motivation letter as a PDF, art. 70). */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * POSTs a form with a file through XMLHttpRequest, the one browser API that reports upload progress (issue 14
 * item 4): `onProgress(sent, total)` while the bytes go out; `onSent()` once they are all out and the server checks
 * the rows. Same token, same error shape as `api`.
 */
export function apiUpload<T = unknown>(path: ApiPath<'POST'>, form: FormData, on: { onProgress?(sent: number, total: number): void; onSent?(): void } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (accessToken) xhr.setRequestHeader('authorization', `Bearer ${accessToken}`);
    xhr.withCredentials = false;
    xhr.upload.onprogress = (e) => on.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.upload.onload = () => on.onSent?.();
    xhr.onerror = () => reject(new Error('The connection failed while uploading'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = { statusCode: xhr.status, error: xhr.statusText, message: xhr.responseText.slice(0, 200) };
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      if (xhr.status === 401 && accessToken) endSession();
      reject(new ApiError(xhr.status, (data as ApiErrorBody) ?? { statusCode: xhr.status, error: xhr.statusText, message: xhr.statusText }));
    };
    xhr.send(form);
  });
}
