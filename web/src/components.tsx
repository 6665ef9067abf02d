import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, type ApiErrorBody, type ApiPath } from './api.ts';
import type { Answer } from './api/types.ts';
import { type Language, namespaceOf, type Params, translateIn, valueText } from './i18n.ts';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';

/**
 * A page's texts (issue 8; issue 14, item 6): `words = { en: {...}, nl: {...}, fr?: {...}, es?: {...} }` beside the
 * page, so each user group's chunk carries its own words. Each `words` object becomes an i18next namespace of its
 * own the first time it is used; a key missing in French or Spanish falls back to English.
 */
export function useTexts<T extends Record<string, string>>(dict: {
  en: T;
  nl: Record<keyof T, string>;
  fr?: Partial<Record<keyof T, string>>;
  es?: Partial<Record<keyof T, string>>;
}) {
  const { language } = useSession();
  const ns = namespaceOf(dict as Partial<Record<Language, Record<string, string>>>);
  return useCallback((key: keyof T, params?: Params) => translateIn(ns, language, key as string, params), [language, ns]);
}

/** Fixed values in words: `v('material', 'cobalt')` → "kobalt" on a Dutch page (issue 14, item 6). */
export function useValues() {
  const { language } = useSession();
  return useCallback((group: string, code: string | number | null | undefined) => valueText(language, group, code), [language]);
}

/**
 * The API's problems with `fields` (or a part of them, `scope.rawMaterials[0]`), in the page's language: the service
 * words them after the Accept-Language the page sends (issue 14, item 6).
 */
export function fieldProblems(error: unknown, ...fields: string[]): string[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return (error.body.details ?? [])
    .filter((d) => fields.some((f) => d.field === f || String(d.field ?? '').startsWith(`${f}.`) || String(d.field ?? '').startsWith(`${f}[`)))
    .map((d) => d.message ?? d.problem ?? '');
}

/** A field's problems shown at the field; give the field `aria-describedby={id}` and `aria-invalid`. */
export function FieldError({ id, problems }: { id: string; problems: string[] }) {
  if (!problems.length) return null;
  return (
    <p id={id} className="field-error">
      {problems.join('; ')}
    </p>
  );
}

/** A page with its heading, which takes focus on navigation so screen readers announce the new page. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Ketenkluis`;
    ref.current?.focus();
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" tabIndex={-1} ref={ref}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads what `key` names through `load` (a module-level function, so it never changes) and again when the key
 * changes or on `reload()`. Nothing is cached beyond the component's life.
 */
export function useLoad<T>(key: string | null, load: (key: string, signal: AbortSignal) => Promise<T>): Loaded<T> {
  // The answer remembers which request (key and reload count) it belongs to, so "loading" is derived during render
  // rather than set from the effect: a new key or a reload is loading until its own answer is in.
  const [tick, setTick] = useState(0);
  const request = key === null ? null : `${tick}:${key}`;
  const [state, setState] = useState<{ request: string | null; data?: T; error?: unknown }>({ request: null });
  useEffect(() => {
    if (key === null || request === null) return;
    const ctrl = new AbortController();
    load(key, ctrl.signal)
      .then((data) => setState({ request, data }))
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setState({ request, error });
      });
    return () => ctrl.abort();
  }, [key, request, load]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = state.request === request;
  // while a new request is out the previous data stays shown (as before); an error belongs to its own request only
  return { data: state.data, error: current ? state.error : undefined, loading: request !== null && !current, reload };
}

/**
 * The time of the component's first render, for "overdue" marks: render stays pure (the same inputs draw the same
 * page), and a deadline that passes while the page is open shows as overdue on the next page visited.
 */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}

const getPath = (path: string, signal: AbortSignal) => api<never>('GET', path as ApiPath<'GET'>, undefined, { signal });

/** GETs one API path; reloads when the path changes. Nothing is cached beyond the component's life. */
export function useApi<T>(path: ApiPath<'GET'> | null): Loaded<T> {
  return useLoad<T>(path, getPath);
}

export function Loading() {
  const { t } = useSession();
  return (
    <p className="muted" role="status">
      {t('loading')}
    </p>
  );
}

/** The API's error shape in plain words: the message, a table of field problems, and for a 403 the reason why. */
export function ErrorMessage({ error, why }: { error: unknown; why?: { action: string; subject: string; id?: string } }) {
  const { t } = useSession();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <p className="error" role="alert">{t('error.generic', { message: String((error as Error)?.message ?? error) })}</p>;
  const body: ApiErrorBody = error.body;
  let text: string;
  if (error.status === 404) text = t('error.notFound');
  else if (error.status === 403 && body.missing?.includes('second-factor:enrol')) text = t('error.secondFactor');
  else if (error.status === 403) text = body.missing?.some((m) => m.startsWith('grant:')) ? t('error.notParticipant') : t('error.forbidden', { message: body.message });
  else if (error.status === 409) text = t('error.conflict', { message: body.message });
  // a 400 names its fields: the problems below (and at each field) say it in the page's language, the English summary does not
  else if (error.status === 400 && body.details?.some((d) => d.message)) text = t('error.invalid');
  else text = t('error.generic', { message: body.message });
  return (
    <div className="error" role="alert">
      <p>{text}</p>
      {body.details?.length ? <ProblemTable problems={body.details} /> : null}
      {error.status === 403 && body.missing?.length ? <MissingList missing={body.missing} /> : null}
      {error.status === 403 && why ? <WhyLink {...why} /> : null}
    </div>
  );
}

export function ProblemTable({ problems, caption }: { problems: ApiErrorBody['details']; caption?: string }) {
  const { t } = useSession();
  if (!problems?.length) return null;
  const hasRow = problems.some((p) => p.row !== undefined);
  return (
    <div className="table-wrap">
      <table className="problems">
        <caption>{caption ?? t('error.details')}</caption>
        <thead>
          <tr>
            {hasRow && <th scope="col">{t('error.row')}</th>}
            <th scope="col">{hasRow ? t('error.column') : t('error.field')}</th>
            <th scope="col">{t('error.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              {hasRow && <td>{p.row ?? ''}</td>}
              <td>{p.field ?? p.column ?? ''}</td>
              <td>{p.message ?? p.problem}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NDA_ARTICLES: [RegExp, string, 'nda.kind.cso-monitoring' | 'nda.kind.company-region' | 'nda.kind.art22' | 'nda.kind.supporter' | 'nda.kind.secretariat'][] = [
  [/monitor/, '13', 'nda.kind.cso-monitoring'],
  [/region|art-?21/, '21', 'nda.kind.company-region'],
  [/22|disclos|standard|access/, '22', 'nda.kind.art22'],
  [/support|protocol/, 'annex', 'nda.kind.supporter'],
  [/secretar|56/, '56', 'nda.kind.secretariat'],
];

/**
 * The plain name and article of an NDA kind, e.g. `cso-monitoring` → the CSO monitoring agreement, art. 13; `ref` is
 * where the agreement says it in the page's language ("art. 13", or "annexe" for the supporters' protocol).
 */
export function useNdaName() {
  const { t } = useSession();
  return (kind: string): { name: string; article: string; ref: string } => {
    const hit = NDA_ARTICLES.find(([re]) => re.test(kind));
    if (!hit) return { name: kind, article: '—', ref: '—' };
    return { name: t(hit[2]), article: hit[1], ref: hit[1] === 'annex' ? t('nda.annex') : `art. ${hit[1]}` };
  };
}

const GRANT_ROLES: Record<string, 'grant.requester' | 'grant.sponsor' | 'grant.company' | 'grant.subject' | 'grant.brokered' | 'grant.kerngroep' | 'grant.assembly'> = {
  'case-requester': 'grant.requester',
  'case-sponsor': 'grant.sponsor',
  'case-company': 'grant.company',
  'case-subject': 'grant.subject',
  'case-brokered': 'grant.brokered',
  'case-kerngroep': 'grant.kerngroep',
  'case-assembly': 'grant.assembly',
};

function MissingList({ missing }: { missing: string[] }) {
  const { t } = useSession();
  const ndaName = useNdaName();
  // Case grants (who takes part in a case) read as one sentence: "only ... see this case".
  const grants = missing.filter((m) => m.startsWith('grant:'));
  const roles = grants.map((g) => GRANT_ROLES[g.slice(6)]).filter(Boolean);
  return (
    <ul className="missing">
      {roles.length > 0 && <li>{t('why.missing.caseRoles', { roles: roles.map((r) => t(r)).join('; ') })}</li>}
      {missing.filter((m) => !m.startsWith('grant:') || !GRANT_ROLES[m.slice(6)]).map((m) => {
        const [what, value = ''] = m.split(':');
        if (what === 'nda') {
          const { name, article } = ndaName(value);
          return (
            <li key={m}>
              <Link to={`/my/ndas?kind=${encodeURIComponent(value)}`}>{t('why.missing.nda', { nda: name, article })}</Link>
            </li>
          );
        }
        if (what === 'module') return <li key={m}>{t('why.missing.module')}</li>;
        if (m === 'second-factor:enrol') return <li key={m}><Link to="/security">{t('why.missing.secondFactor')}</Link></li>;
        if (what === 'party') return <li key={m}>{t('why.missing.party')}</li>;
        return <li key={m}>{t('why.missing.other', { what: m })}</li>;
      })}
    </ul>
  );
}

/** `GET /authz/explain` (the generated schema's answer; a type only, so the first load stays as it was). */
type Explanation = Answer<'get', '/api/v1/authz/explain'>;

/**
 * "Why can't I see this?" (issue 8, item 3): asks GET /api/v1/authz/explain for the signed-in person and shows
 * the answer in plain words, with the article and a link to sign what is missing.
 */
export function WhyLink({ action, subject, id }: { action: string; subject: string; id?: string }) {
  const { t } = useSession();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const query = new URLSearchParams({ action, subject, ...(id ? { id } : {}) }).toString();
  const answer = useApi<Explanation>(open ? `/authz/explain?${query}` : null);
  return (
    <div className="why">
      <button type="button" className="link" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t('why.link')}
      </button>
      {open && (
        <div id={panelId} className="why-panel" role="region" aria-live="polite" aria-label={t('why.title')}>
          {answer.loading && <Loading />}
          <ErrorMessage error={answer.error} />
          {answer.data && (
            <>
              <p>
                <strong>{answer.data.allowed ? t('why.allowed') : t('why.denied')}</strong>
              </p>
              {answer.data.missing.length > 0 && <MissingList missing={answer.data.missing} />}
              {answer.data.decidedBy.length > 0 ? (
                <ul>
                  {answer.data.decidedBy.map((d) => (
                    <li key={`${d.policy}/${d.rule}`}>{t('why.decidedBy', d)}</li>
                  ))}
                </ul>
              ) : (
                !answer.data.allowed && !answer.data.missing.length && <p>{t('why.noRule')}</p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Server-side paging controls (long lists page on the server, issue 8 item 8). */
export function Pager({ page, hasNext, onPage }: { page: number; hasNext: boolean; onPage: (p: number) => void }) {
  const { t } = useSession();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('common.page', { page })}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.page', { page })}</span>
      <button type="button" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

/** A form's submit state: busy flag, the last error, and a success note. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await fn();
      setDone(true);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, setDone };
}

/** Lists come back either as an array or as `{items, total, page}`; read both. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const d = data as { items?: T[]; data?: T[]; results?: T[] } | undefined;
  return d?.items ?? d?.data ?? d?.results ?? [];
}
