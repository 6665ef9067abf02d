import { useState } from 'react';
import { apiBlob, saveBlob } from '../api.ts';
import { call, client, useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate, type Language, valueText } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { auditActionWords } from './audit-actions.ts';
import { words } from './words.ts';

type AuditEntry = components['schemas']['AuditEntryDto'];
type ChainVerification = components['schemas']['AuditVerificationDto'];

export function Audit() {
  const t = useTexts(words);
  const { language } = useSession();
  const verify = useAction();
  const download = useAction();
  const [chain, setChain] = useState<ChainVerification>();
  const fill = (text: string, values: Record<string, string | number>) =>
    text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  const [filters, setFilters] = useState({ action: '', objectType: '', objectId: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const [cursors, setCursors] = useState<string[]>([]);
  const filtered = new URLSearchParams();
  for (const [k, v] of Object.entries(applied)) if (v) filtered.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
  const iso = (v: string) => (v ? new Date(v).toISOString() : undefined);
  const page = useGet('/api/v1/audit', {
    query: {
      action: applied.action || undefined,
      objectType: applied.objectType || undefined,
      objectId: applied.objectId || undefined,
      from: iso(applied.from),
      to: iso(applied.to),
      before: cursors.at(-1),
      limit: 50,
    },
  });
  // the export takes the applied filters (what the table shows), every page of them; its header in the page's language
  const fileLanguage = language === 'nl' ? 'nl' : 'en';
  const save = (format: 'csv' | 'xlsx') =>
    download.run(async () => {
      const file = await apiBlob(`/audit/export?${filtered}&format=${format}&language=${fileLanguage}`);
      saveBlob(`${fileLanguage === 'nl' ? 'auditlog' : 'audit-log'}-${new Date().toISOString().slice(0, 10)}.${format}`, file);
    });
  const actionChoices = Object.entries(language === 'nl' ? auditActionWords.nl : auditActionWords.en).sort(([a], [b]) => a.localeCompare(b));
  const who = (a: AuditEntry) => {
    if (!a.actor) return t('auditSystem');
    const person = a.actor.personName ?? a.actor.personId?.slice(0, 8);
    return [person, a.actor.organisationName].filter(Boolean).join(' · ') || '—';
  };
  return (
    <Page title={t('audit')}>
      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">{t('chain')}</h2>
        <p className="muted">{t('chainCli')}</p>
        <button type="button" disabled={verify.busy} onClick={() => void verify.run(async () => setChain(await call(client.GET('/api/v1/audit/verification'))))}>
          {t('verifyNow')}
        </button>
        {verify.busy && <Loading />}
        <ErrorMessage error={verify.error} />
        {chain && (
          <p role="status" className={chain.ok ? 'ok' : 'error'}>
            {chain.ok
              ? fill(t('chainOk'), { count: chain.count, at: formatDate(language, chain.checkedAt, true) })
              : fill(t('chainBroken'), { seq: chain.problem?.seq ?? '?', reason: chain.problem?.reason ?? '', count: chain.count, at: formatDate(language, chain.checkedAt, true) })}
          </p>
        )}
        {chain?.checkpoints && (
          <p className="muted">
            {fill(t('checkpointsChecked'), { confirmed: chain.checkpoints.confirmed, given: chain.checkpoints.given, seq: chain.checkpoints.lastConfirmedSeq ?? '—' })}
          </p>
        )}
        {chain?.problem?.checkpoint && (
          <p className="error">
            {fill(t('checkpointContradicted'), { seq: chain.problem.checkpoint.seq, at: formatDate(language, chain.problem.checkpoint.time, true), origin: chain.problem.checkpoint.origin })}
          </p>
        )}
      </section>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([]);
          setApplied(filters);
        }}
      >
        <div className="split">
          {(['action', 'objectType', 'objectId'] as const).map((k) => (
            <div key={k}>
              <label htmlFor={`audit-${k}`}>{t(k)}</label>
              <input
                id={`audit-${k}`}
                value={filters[k]}
                list={k === 'action' ? 'audit-action-choices' : undefined}
                onChange={(e) => setFilters({ ...filters, [k]: e.target.value })}
              />
            </div>
          ))}
          {(['from', 'to'] as const).map((k) => (
            <div key={k}>
              <label htmlFor={`audit-${k}`}>{t(k)}</label>
              <input id={`audit-${k}`} type="datetime-local" value={filters[k]} onChange={(e) => setFilters({ ...filters, [k]: e.target.value })} />
            </div>
          ))}
        </div>
        {/* the filter takes the code (what the log holds); its choices name each code in words */}
        <datalist id="audit-action-choices">
          {actionChoices.map(([code, word]) => (
            <option key={code} value={code} label={word} />
          ))}
        </datalist>
        <div className="row">
          <button type="submit" className="primary">
            {t('filter')}
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="audit-export-title">
        <h2 id="audit-export-title">{t('auditExport')}</h2>
        <p className="muted small">{t('auditExportNote')}</p>
        <div className="row">
          <button type="button" onClick={() => void save('csv')} disabled={download.busy}>
            {t('auditExportCsv')}
          </button>
          <button type="button" onClick={() => void save('xlsx')} disabled={download.busy}>
            {t('auditExportXlsx')}
          </button>
          {download.busy && <Loading />}
        </div>
        <ErrorMessage error={download.error} why={{ action: 'export', subject: 'AuditEntry' }} />
      </section>
      {page.loading && <Loading />}
      <ErrorMessage error={page.error} />
      {page.data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit')}>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('object')}</th>
                <th scope="col">{t('grant')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((a) => (
                <tr key={a.seq}>
                  <td>{a.seq}</td>
                  <td>{formatDate(language, a.occurredAt, true)}</td>
                  <td>
                    <ActionCell language={language} entry={a} />
                  </td>
                  <td className="small">{who(a)}</td>
                  <td className="small">{a.object ? `${a.object.type} ${a.object.id.slice(0, 8)}` : '—'}</td>
                  <td className="small">{a.grant ? `${a.grant.type} ${a.grant.id.slice(0, 8)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('audit')}>
        <button type="button" disabled={!cursors.length} onClick={() => setCursors([])}>
          {t('newest')}
        </button>
        <button type="button" disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>
          {t('older')}
        </button>
      </nav>
      <p>
        <Link to="/secretariat">← {t('dashboard')}</Link>
      </p>
    </Page>
  );
}

/** The entry's action in words (Dutch, else English); a case step also names the step (`value.event.*`, from its details). */
function auditEntryText(language: Language, code: string, details: Record<string, unknown> | undefined): string | undefined {
  const word = (language === 'nl' ? auditActionWords.nl : auditActionWords.en)[code];
  const step = details?.action;
  if (word && code === 'cases.transition' && typeof step === 'string') return `${word}: ${valueText(language, 'event', step)}`;
  return word;
}

/** The action in words, its code beneath in small type (what an auditor searches and filters by). */
function ActionCell({ language, entry }: { language: Language; entry: AuditEntry }) {
  const word = auditEntryText(language, entry.action, entry.details);
  if (!word) return <code>{entry.action}</code>;
  return (
    <>
      <span className="audit-action">{word}</span>
      <br />
      <code className="small muted">{entry.action}</code>
    </>
  );
}
