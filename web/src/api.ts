/**
 * The only way the front end talks to the service: the public /api/v1 routes with a bearer token.
 *
 * Token handling (issue 8, item 9; issue 14, item 7): the access token lives in this module's memory only — never
 * in localStorage, sessionStorage or a cookie. It is renewed through POST /auth/refresh shortly before it expires.
 * The refresh token is an HttpOnly cookie the service sets at sign-in, scoped to the refresh route: no script here
 * can read it, and a reload or a link from a mail asks POST /auth/refresh for a new access token (`resumeSession`).
 * Sign-out ends the session on the server (the cookie then refreshes nothing) and the service clears the cookie.
 */

export interface FieldProblem {
  field?: string;
  problem?: string;
  row?: number;
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
    void api<{ accessToken: string; expiresIn: number }>('POST', '/auth/refresh', {})
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
    const r = await api<{ accessToken: string; expiresIn: number }>('POST', '/auth/refresh', {});
    keepToken(r.accessToken, r.expiresIn);
    return true;
  } catch {
    return false;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const r = await api<{ accessToken: string; expiresIn: number }>('POST', '/auth/login', { email, password });
  keepToken(r.accessToken, r.expiresIn);
}

export async function signOut(): Promise<void> {
  try {
    if (accessToken) await api('POST', '/auth/logout');
  } finally {
    endSession();
  }
}

export async function api<T = unknown>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // Only the sign-in routes take part in the cookie (login sets it, refresh sends it, logout clears it); every
  // other request carries the bearer token alone.
  const credentials: RequestCredentials = path.startsWith('/auth/') ? 'same-origin' : 'omit';
  const res = await fetch(`/api/v1${path}`, { method, headers, body: payload, signal: init.signal, cache: 'no-store', credentials });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { statusCode: res.status, error: res.statusText, message: text.slice(0, 200) };
  }
  if (!res.ok) {
    const err = new ApiError(res.status, (data as ApiErrorBody) ?? { statusCode: res.status, error: res.statusText, message: res.statusText });
    // the session ended elsewhere (sign-out in another tab, disabled person, expiry): leave the signed-in pages
    if (res.status === 401 && accessToken && path !== '/auth/login' && path !== '/auth/refresh') endSession();
    throw err;
  }
  return data as T;
}

/** GETs a file from the API (e.g. the upload template) with the bearer token, as a Blob. */
export async function apiBlob(path: string): Promise<Blob> {
  const headers: Record<string, string> = {};
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const res = await fetch(`/api/v1${path}`, { headers, cache: 'no-store', credentials: 'omit' });
  if (!res.ok) {
    const body = await res.json().catch(() => ({ statusCode: res.status, error: res.statusText, message: res.statusText }));
    throw new ApiError(res.status, body as ApiErrorBody);
  }
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
