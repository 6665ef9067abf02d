import { type AnchorHTMLAttributes, type MouseEvent, type ReactNode, useEffect, useSyncExternalStore } from 'react';

/**
 * A small history-API router (a few lines instead of a dependency). Paths stay under the sections the service
 * answers with index.html (src/web/spa-sections.ts); anything else would 404 on reload.
 */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => window.location.pathname + window.location.search;

export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const [path, search = ''] = href.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function navigate(to: string, { replace = false } = {}) {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
  window.scrollTo(0, 0);
}

export function Link({ to, children, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/** Matches `/cases/:id` style patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** `/cases/:id` → `{ id: string }`; a pattern's parameters as a type (issue 14, item 8: a route table, typed). */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof ParamsOf<Rest>]: string }
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>;

/** One row of a route table: a pattern (`/cases/:id`; `/company/*` for everything under a section) and its page. */
export interface Route<Context = void> {
  path: string;
  /** a further condition on the parameters (e.g. a year of four digits); false: the row does not match */
  when?(params: Record<string, string>): boolean;
  render(params: Record<string, string>, query: URLSearchParams, context: Context): ReactNode;
}

/** A route table row with its parameters typed from the pattern. */
export function route<P extends string, Context = void>(
  path: P,
  render: (params: ParamsOf<P>, query: URLSearchParams, context: Context) => ReactNode,
  when?: (params: ParamsOf<P>) => boolean,
): Route<Context> {
  return { path, render: render as Route<Context>['render'], when };
}

/** The first row of `routes` that matches `path` (a trailing slash ignored), with its parameters. */
export function findRoute<Context>(routes: readonly Route<Context>[], path: string): { route: Route<Context>; params: Record<string, string> } | null {
  const clean = path.length > 1 ? path.replace(/\/$/, '') : path;
  for (const r of routes) {
    const params = r.path.endsWith('/*') ? (`${clean}/`.startsWith(r.path.slice(0, -1)) ? {} : null) : match(r.path, clean);
    if (params && (!r.when || r.when(params))) return { route: r, params };
  }
  return null;
}
