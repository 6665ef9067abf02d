import { ErrorMessage, Loading, Page, useTexts } from '../components.tsx';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { formatDate } from '../i18n.ts';
import { BarChart, countryName } from '../shared.tsx';

/**
 * `/report` and `/report/:year`, open to anyone (art. 33: spread through the agreement's website; art. 51): the
 * yearly reports the Kerngroep approved, exactly as approved, with SVG charts and the PDF and CSV downloads.
 * Every figure is an aggregate; a withheld count says so, it is never drawn as zero.
 */
const words = {
  en: {
    title: 'Yearly reports',
    titleYear: 'Yearly report {year}',
    intro: 'The yearly report of the International RBC Agreement for the Metal Sector, as approved by the Kerngroep (art. 33, 51). Every figure is an aggregate: a count of fewer than {k} companies is withheld, and so is any count it could be worked out from.',
    none: 'No yearly report has been published yet.',
    published: 'Published {date}',
    downloads: 'Downloads',
    pdf: 'PDF',
    csv: 'CSV (the figures)',
    fingerprint: 'SHA-256 of the approved report',
    monitoring: 'Monitoring signals per round',
    monitoringDesc: 'Number of companies per signal in one monitoring round; withheld counts are hatched.',
    plan: 'Aggregated plan of action {year}',
    planIntro: '{n} companies submitted a plan of action. Measures per OECD due-diligence step:',
    planDesc: 'Number of measures per OECD step; steps with fewer than {k} companies are withheld.',
    step: 'Step {n}',
    list: 'Aggregated list: production locations per country',
    listDesc: 'Number of production locations per country in the published aggregated list.',
    listNone: 'The aggregated list of this year is not published yet.',
    cases: 'Cases filed this year, by outcome',
    casesDesc: 'Number of cases per outcome; withheld counts are hatched.',
    membership: 'Membership at the end of the year',
    membershipDesc: 'Number of parties per kind and of supporters.',
    joinedLeft: '{joined} joined and {left} left during the year.',
    total: 'total: {n}',
    withheld: 'withheld',
    other: 'Other years',
    'round.baseline': 'Baseline (year 1)',
    'round.year2': 'Year 2',
    'round.year4': 'Year 4',
    'signal.green': 'green',
    'signal.orange': 'orange',
    'signal.red': 'red',
    'case.disclosure': 'Art. 22 disclosure requests',
    'case.restriction': 'Art. 23 restriction requests',
    'case.complaint': 'Art. 83 complaints',
    'outcome.open': 'open',
    'outcome.rejected': 'rejected',
    'outcome.withdrawn': 'withdrawn',
    'outcome.resolved': 'resolved',
    'outcome.joint_project': 'joint project',
    'outcome.no_agreement': 'no agreement',
    'outcome.approved': 'approved',
    'outcome.not_admissible': 'not admissible',
    'outcome.dismissed': 'dismissed',
    'outcome.upheld': 'upheld',
    'kind.company': 'companies',
    'kind.ngo': 'NGOs',
    'kind.union': 'unions',
    'kind.branch_org': 'branch organisations',
    'kind.supporter': 'supporters',
  },
  nl: {
    title: 'Jaarverslagen',
    titleYear: 'Jaarverslag {year}',
    intro: 'Het jaarverslag van de IMVO Sectorovereenkomst voor de Metaalsector, zoals de Kerngroep het goedkeurde (art. 33, 51). Elk cijfer is geaggregeerd: een aantal van minder dan {k} bedrijven wordt niet getoond, en evenmin een aantal waaruit het af te leiden is.',
    none: 'Er is nog geen jaarverslag gepubliceerd.',
    published: 'Gepubliceerd {date}',
    downloads: 'Downloads',
    pdf: 'Pdf',
    csv: 'Csv (de cijfers)',
    fingerprint: 'SHA-256 van het goedgekeurde verslag',
    monitoring: 'Monitoringsignalen per ronde',
    monitoringDesc: 'Aantal bedrijven per signaal in één monitoringronde; niet getoonde aantallen zijn gearceerd.',
    plan: 'Geaggregeerd plan van aanpak {year}',
    planIntro: '{n} bedrijven leverden een plan van aanpak in. Maatregelen per stap van de OESO-richtlijnen:',
    planDesc: 'Aantal maatregelen per OESO-stap; stappen met minder dan {k} bedrijven worden niet getoond.',
    step: 'Stap {n}',
    list: 'Geaggregeerde lijst: productielocaties per land',
    listDesc: 'Aantal productielocaties per land in de gepubliceerde geaggregeerde lijst.',
    listNone: 'De geaggregeerde lijst van dit jaar is nog niet gepubliceerd.',
    cases: 'Zaken ingediend dit jaar, naar uitkomst',
    casesDesc: 'Aantal zaken per uitkomst; niet getoonde aantallen zijn gearceerd.',
    membership: 'Deelnemers aan het eind van het jaar',
    membershipDesc: 'Aantal partijen per soort en aantal steunbetuigers.',
    joinedLeft: '{joined} traden toe en {left} traden uit in de loop van het jaar.',
    total: 'totaal: {n}',
    withheld: 'niet getoond',
    other: 'Andere jaren',
    'round.baseline': 'Nulmeting (jaar 1)',
    'round.year2': 'Jaar 2',
    'round.year4': 'Jaar 4',
    'signal.green': 'groen',
    'signal.orange': 'oranje',
    'signal.red': 'rood',
    'case.disclosure': 'Art. 22 verzoeken om inzage',
    'case.restriction': 'Art. 23 verzoeken om beperking',
    'case.complaint': 'Art. 83 klachten',
    'outcome.open': 'lopend',
    'outcome.rejected': 'afgewezen',
    'outcome.withdrawn': 'ingetrokken',
    'outcome.resolved': 'opgelost',
    'outcome.joint_project': 'gezamenlijk project',
    'outcome.no_agreement': 'geen overeenstemming',
    'outcome.approved': 'goedgekeurd',
    'outcome.not_admissible': 'niet ontvankelijk',
    'outcome.dismissed': 'ongegrond',
    'outcome.upheld': 'gegrond',
    'kind.company': 'bedrijven',
    'kind.ngo': 'ngo’s',
    'kind.union': 'vakbonden',
    'kind.branch_org': 'brancheorganisaties',
    'kind.supporter': 'steunbetuigers',
  },
};
type Key = keyof (typeof words)['en'];

const ORDER = [
  'green', 'orange', 'red',
  'disclosure', 'restriction', 'complaint',
  'open', 'approved', 'upheld', 'resolved', 'joint_project', 'no_agreement', 'dismissed', 'not_admissible', 'rejected', 'withdrawn',
  'company', 'ngo', 'union', 'branch_org', 'supporter',
];

/** Counts under the threshold (ProtectedCountsDto of the generated schema). */
type Counts = components['schemas']['ProtectedCountsDto'];

export function PublicReportPage({ year }: { year: number | null }) {
  const t = useTexts(words);
  const list = useGet('/api/v1/public/yearly-reports');
  const latest = list.data?.items[0]?.year ?? null;
  const shown = year ?? latest;
  if (list.loading) return <Page title={t('title')}><Loading /></Page>;
  if (shown === null)
    return (
      <Page title={t('title')}>
        <ErrorMessage error={list.error} />
        <p>{t('none')}</p>
      </Page>
    );
  const others = (list.data?.items ?? []).filter((i) => i.year !== shown).map((i) => i.year);
  return <ReportView year={shown} others={others} />;
}

function ReportView({ year, others }: { year: number; others: number[] }) {
  const t = useTexts(words);
  const { language } = useSession();
  const report = useGet('/api/v1/public/yearly-reports/{year}', { path: { year } });
  const r = report.data?.content;
  const label = (key: string) => (key in words.en ? t(key as Key) : key.replaceAll('_', ' '));
  // PostgreSQL's jsonb does not keep key order: the report's fixed orders are restated here.
  const ordered = <V,>(o: Record<string, V>, order: readonly string[]) =>
    Object.entries(o).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const bars = (c: Counts, prefix: string) => ordered(c.counts, ORDER).map(([key, value]) => ({ label: label(`${prefix}.${key}`), value }));
  const total = (c: Counts) => t('total', { n: c.total === null ? t('withheld') : c.total });
  return (
    <Page title={t('titleYear', { year })}>
      {report.loading && <Loading />}
      <ErrorMessage error={report.error} />
      {r && report.data && (
        <>
          <p>{t('intro', { k: r.minCompanies })}</p>
          {report.data.publishedAt && <p className="muted">{t('published', { date: formatDate(language, report.data.publishedAt) })}</p>}
          <h2>{t('downloads')}</h2>
          <ul>
            <li>
              <a href={`/api/v1/public/yearly-reports/${year}/pdf`} download>{t('pdf')}</a>
            </li>
            <li>
              <a href={`/api/v1/public/yearly-reports/${year}/csv`} download>{t('csv')}</a>
            </li>
          </ul>
          <p className="muted small">
            {t('fingerprint')}: <code className="hash">{report.data.sha256}</code>
          </p>

          <h2>{t('monitoring')}</h2>
          {r.monitoring.map((m) => (
            <section key={m.round} aria-labelledby={`round-${m.round}`}>
              <h3 id={`round-${m.round}`}>
                {label(`round.${m.round}`)} <span className="muted small">({total(m)})</span>
              </h3>
              <BarChart bars={bars(m, 'signal')} title={`${t('monitoring')}: ${label(`round.${m.round}`)}`} desc={t('monitoringDesc')} />
            </section>
          ))}

          <h2>{t('plan', { year: r.plan.year })}</h2>
          <p>{t('planIntro', { n: r.plan.companiesSubmitted })}</p>
          <BarChart bars={r.plan.byStep.map((s) => ({ label: t('step', { n: s.key }), value: s.measures }))} title={t('plan', { year: r.plan.year })} desc={t('planDesc', { k: r.plan.threshold })} />

          <h2>{t('list')}</h2>
          {r.aggregatedList.published ? (
            <BarChart bars={r.aggregatedList.countries.map((c) => ({ label: countryName(language, c.country), value: c.locations }))} title={t('list')} desc={t('listDesc')} />
          ) : (
            <p className="muted">{t('listNone')}</p>
          )}

          <h2>{t('cases')}</h2>
          {ordered(r.cases, ORDER).map(([kind, c]) => (
            <section key={kind} aria-labelledby={`cases-${kind}`}>
              <h3 id={`cases-${kind}`}>
                {label(`case.${kind}`)} <span className="muted small">({total(c)})</span>
              </h3>
              <BarChart bars={bars(c, 'outcome')} title={label(`case.${kind}`)} desc={t('casesDesc')} />
            </section>
          ))}

          <h2>{t('membership')}</h2>
          <BarChart bars={ordered(r.membership.byKind, ORDER).map(([kind, n]) => ({ label: label(`kind.${kind}`), value: n }))} title={t('membership')} desc={t('membershipDesc')} />
          <p>{t('joinedLeft', { joined: r.membership.joined, left: r.membership.left })}</p>
          {others.length > 0 && (
            <nav aria-label={t('other')}>
              <h2>{t('other')}</h2>
              <ul>
                {others.map((y) => (
                  <li key={y}>
                    <Link to={`/report/${y}`}>{t('titleYear', { year: y })}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </>
      )}
    </Page>
  );
}
