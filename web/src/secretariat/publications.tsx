import { useState } from 'react';
import { ApiError } from '../api.ts';
import { call, client, useGet } from '../api/client.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { StateBadge } from '../shared.tsx';

/**
 * `/secretariat/publications` (issue 15, items 4-5): the yearly aggregated list — preview the live computation, see
 * which cells publishing would make derivable against earlier versions, publish (withholding them after a
 * confirmation) — and the yearly report: generate the draft, review it, put it before the Kerngroep.
 */
const words = {
  en: {
    title: 'Yearly publications',
    year: 'Year',
    list: 'Aggregated list (art. 19-20)',
    listPublished: 'Published {date}; SHA-256 {hash}. A published version never changes.',
    listLive: 'Live computation: {n} cells would be published with k = {k}.',
    derivable: 'Publishing now would let these cells be traced to fewer than k companies by comparing with an earlier version:',
    against: 'change since {year} comes from {n} companies',
    publish: 'Publish the list of {year}',
    publishWithholding: 'Publish, withholding these {n} cells',
    confirmWithhold: 'The {n} cells above (and whatever the small-cell rules then also hide) will be left out of the {year} version for good. Continue?',
    confirmPublish: 'The {year} version is frozen once published: parties will read it until next year. Publish?',
    published: 'The {year} list is published.',
    report: 'Yearly report (art. 33, 51)',
    noReport: 'No draft for this year yet.',
    generate: 'Generate the draft from the data',
    regenerate: 'Generate the draft again',
    submit: 'Put the draft before the Kerngroep',
    confirmSubmit: 'The draft will be frozen and put to the Kerngroep’s vote; it is published as it is once approved. Continue?',
    status: 'Status',
    generatedAt: 'Generated {date}',
    openCase: 'Open the matter',
    publicPage: 'The public page',
    preview: 'Summary of the draft',
    monitoring: 'Monitoring rounds with results',
    cells: 'Aggregated list cells',
    membership: 'Parties and supporters',
  },
  nl: {
    title: 'Jaarlijkse publicaties',
    year: 'Jaar',
    list: 'Geaggregeerde lijst (art. 19-20)',
    listPublished: 'Gepubliceerd op {date}; SHA-256 {hash}. Een gepubliceerde versie verandert nooit.',
    listLive: 'Actuele berekening: {n} cellen zouden gepubliceerd worden met k = {k}.',
    derivable: 'Nu publiceren zou deze cellen herleidbaar maken tot minder dan k bedrijven door te vergelijken met een eerdere versie:',
    against: 'verandering sinds {year} komt van {n} bedrijven',
    publish: 'De lijst van {year} publiceren',
    publishWithholding: 'Publiceren zonder deze {n} cellen',
    confirmWithhold: 'De {n} cellen hierboven (en wat de regels voor kleine cellen daarna nog verbergen) blijven voorgoed buiten de versie van {year}. Doorgaan?',
    confirmPublish: 'De versie van {year} ligt vast zodra ze gepubliceerd is: partijen lezen haar tot volgend jaar. Publiceren?',
    published: 'De lijst van {year} is gepubliceerd.',
    report: 'Jaarverslag (art. 33, 51)',
    noReport: 'Nog geen concept voor dit jaar.',
    generate: 'Concept uit de gegevens maken',
    regenerate: 'Concept opnieuw maken',
    submit: 'Concept aan de Kerngroep voorleggen',
    confirmSubmit: 'Het concept wordt vastgelegd en in stemming gebracht bij de Kerngroep; na goedkeuring wordt het zo gepubliceerd. Doorgaan?',
    status: 'Status',
    generatedAt: 'Gemaakt op {date}',
    openCase: 'De zaak openen',
    publicPage: 'De openbare pagina',
    preview: 'Samenvatting van het concept',
    monitoring: 'Monitoringrondes met resultaten',
    cells: 'Cellen van de geaggregeerde lijst',
    membership: 'Partijen en steunbetuigers',
  },
};

export function PublicationsPage() {
  const t = useTexts(words);
  const { language } = useSession();
  const [year, setYear] = useState(new Date().getFullYear());
  const versions = useGet('/api/v1/aggregated-list/versions');
  const preview = useGet('/api/v1/aggregated-list/preview', { query: { year } });
  const report = useGet('/api/v1/yearly-reports/{year}', { path: { year } });
  const act = useAction();
  const version = versions.data?.items.find((v) => v.year === year);
  const derivable = preview.data?.derivable ?? [];
  const publish = (withhold?: string[]) => {
    if (!window.confirm(withhold ? t('confirmWithhold', { n: withhold.length, year }) : t('confirmPublish', { year }))) return;
    void act.run(async () => {
      await call(client.POST('/api/v1/aggregated-list/publications', { body: { year, ...(withhold ? { withhold } : {}) } }));
      versions.reload();
      preview.reload();
    });
  };
  const reportAction = (send: () => Promise<unknown>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    void act.run(async () => {
      await send();
      report.reload();
    });
  };
  const noReport = report.error instanceof ApiError && report.error.status === 404;
  const r = report.data;
  return (
    <Page title={t('title')}>
      <div className="row">
        <label htmlFor="pub-year">{t('year')}</label>
        <input id="pub-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
      </div>
      <ErrorMessage error={act.error} />

      <section aria-labelledby="pub-list">
        <h2 id="pub-list">{t('list')}</h2>
        {(versions.loading || preview.loading) && <Loading />}
        <ErrorMessage error={preview.error} />
        {version && <p>{t('listPublished', { date: formatDate(language, version.publishedAt), hash: version.sha256.slice(0, 16) + '…' })}</p>}
        {preview.data && !version && (
          <>
            <p>{t('listLive', { n: preview.data.cells.length, k: preview.data.minCompanies })}</p>
            {derivable.length > 0 && (
              <>
                <p>{t('derivable')}</p>
                <ul>
                  {derivable.map((d) => (
                    <li key={d.cell}>
                      <code>{d.cell}</code>: {t('against', { year: d.against, n: d.companies })}
                    </li>
                  ))}
                </ul>
                <button type="button" onClick={() => publish(derivable.map((d) => d.cell))} disabled={act.busy}>
                  {t('publishWithholding', { n: derivable.length })}
                </button>
              </>
            )}
            {derivable.length === 0 && (
              <button type="button" onClick={() => publish()} disabled={act.busy}>
                {t('publish', { year })}
              </button>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="pub-report">
        <h2 id="pub-report">{t('report')}</h2>
        {report.loading && <Loading />}
        {noReport ? <p>{t('noReport')}</p> : <ErrorMessage error={report.error} />}
        {r && (
          <>
            <p>
              {t('status')}: <StateBadge state={r.status} /> · {t('generatedAt', { date: formatDate(language, r.generatedAt) })}
            </p>
            <h3>{t('preview')}</h3>
            <ul>
              <li>{t('monitoring')}: {r.content.monitoring.filter((m) => m.total !== 0).length}</li>
              <li>{t('cells')}: {r.content.aggregatedList.cells}</li>
              <li>{t('membership')}: {Object.values(r.content.membership.byKind).reduce((a, b) => a + b, 0)}</li>
            </ul>
            <ul>
              {r.caseId && (
                <li>
                  <Link to={`/cases/${r.caseId}`}>{t('openCase')}</Link>
                </li>
              )}
              {r.status === 'published' && (
                <li>
                  <Link to={`/report/${r.year}`}>{t('publicPage')}</Link>
                </li>
              )}
            </ul>
          </>
        )}
        <div className="row">
          {(noReport || r?.status === 'draft' || r?.status === 'rejected') && (
            <button type="button" onClick={() => reportAction(() => call(client.POST('/api/v1/yearly-reports', { body: { year } })))} disabled={act.busy}>
              {noReport ? t('generate') : t('regenerate')}
            </button>
          )}
          {r?.status === 'draft' && (
            <button type="button" onClick={() => reportAction(() => call(client.POST('/api/v1/yearly-reports/{year}/submit', { params: { path: { year } } })), t('confirmSubmit'))} disabled={act.busy}>
              {t('submit')}
            </button>
          )}
        </div>
      </section>
    </Page>
  );
}
