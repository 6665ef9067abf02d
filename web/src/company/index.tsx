import { type FormEvent, useState } from 'react';
import { api, apiBlob, saveBlob } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import type { Answer, Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page, Pager, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link, route } from '../router.tsx';
import { Routes } from '../section-routes.tsx';
import { useSession } from '../session.tsx';
import { ACTIVITY_TYPES, CaseTable, countryName, Tiles, useCaseWords, useCountryOptions, usePaged } from '../shared.tsx';
import { Aggregated, Expertise, ResultCard } from '../cso/index.tsx';
import { TaskList } from '../tasks.tsx';
import { CompanyCalendarPage, NextDueDates } from '../agreement-year/calendar.tsx';
import { Upload } from './upload.tsx';

/**
 * Companies (issue 8, item 5): upload the supplier list (all rows or none; the bad rows as a table), the template,
 * the own list (paged on the server), consent requests, a restriction request, own monitoring results and plans of
 * action, and the dialogue (in the cases). `/company/...`
 */
export default function CompanyPages() {
  return <Routes routes={COMPANY_ROUTES} fallback={<Overview />} />;
}

/** The section's pages (issue 14, item 8: one route table instead of a switch on the path). */
const COMPANY_ROUTES = [
  route('/company/upload', () => <Upload />),
  route('/company/list', () => <OwnList />),
  route('/company/monitoring', () => <OwnMonitoring />),
  route('/company/aggregated', () => <Aggregated />),
  route('/company/expertise', () => <Expertise />),
  route('/company/calendar', () => <CompanyCalendarPage />),
];

const thisYear = new Date().getFullYear();
const CLOSED = new Set(['closed_resolved', 'closed_joint_project', 'closed_no_agreement', 'rejected', 'withdrawn', 'dismissed', 'closed', 'not_admissible', 'access_closed']);

const words = {
  en: {
    overview: 'Overview',
    intro: 'Your supplier list, the consent requests for it, and your monitoring.',
    upload: 'Upload the supplier list',
    uploadText: 'CSV or XLSX; all rows are stored, or none.',
    list: 'Our supplier list',
    listText: 'The production locations you submitted, and restriction requests (art. 23).',
    monitoring: 'Monitoring and plan of action',
    monitoringText: 'Your own results and your yearly plan of action (art. 9-12).',
    aggregated: 'Aggregated list',
    aggregatedText: 'The sector’s production locations, not traceable to companies.',
    expertise: 'CSO expertise',
    expertiseText: 'Where NGOs and unions have a network (art. 22).',
    consents: 'Consent requests',
    consentsNone: 'No consent requests are waiting for you.',
    concerning: 'Reports, dialogues and requests about your suppliers',
    concerningNone: 'No open case concerns your suppliers.',
    allCases: 'All cases and dialogues',
    year: 'Year',
    file: 'File (CSV or XLSX)',
    drop: 'Drop the file here, or choose it:',
    chosen: 'Chosen: {name}',
    send: 'Upload',
    accepted: '{n} rows accepted (revision {rev}).',
    rejected: 'Nothing was stored: fix these rows and upload the whole file again.',
    badRows: 'Rows with a problem',
    template: 'Download the template',
    templateXlsx: 'Excel template',
    templateCsv: 'CSV template',
    supplier: 'Supplier',
    address: 'Address',
    country: 'Country',
    activity: 'Activity',
    materials: 'Raw materials',
    tier: 'Tier',
    restriction: 'Restriction',
    noEntries: 'No entries for this year yet.',
    anyCountry: 'all countries',
    anyActivity: 'all activities',
    exportXlsx: 'Export as Excel (these entries)',
    exportCsv: 'Export as CSV (these entries)',
    select: 'Select {name}',
    restrict: 'Ask to restrict the selected entries (art. 23)',
    restrictIntro: 'Substantiate why these locations should not be disclosed, without the competition-sensitive details themselves. The Kerngroep decides; it may allow sharing at country or region level.',
    level: 'Level asked for',
    hidden: 'not disclosed at all',
    countryOnly: 'country level only',
    regionOnly: 'region level only',
    grounds: 'Substantiation',
    sendRestriction: 'Send the restriction request',
    filed: 'Your request is filed.',
    open: 'Open the case',
    results: 'Our monitoring results',
    noResults: 'No monitoring results yet.',
    plan: 'Plan of action',
    planIntro: 'Your measures for the year, each under an OECD step and a theme. Only the aggregated plan, not traceable to you, goes to the parties (art. 12).',
    step: 'OECD step',
    theme: 'Theme',
    measure: 'Measure',
    addMeasure: 'Add a measure',
    remove: 'Remove',
    submitPlan: 'Submit the plan',
    planSaved: 'Your plan is submitted.',
    plans: 'Submitted plans',
  },
  nl: {
    overview: 'Overzicht',
    intro: 'Uw leverancierslijst, de toestemmingsverzoeken daarvoor, en uw monitoring.',
    upload: 'Leverancierslijst uploaden',
    uploadText: 'CSV of XLSX; alle regels worden opgeslagen, of geen.',
    list: 'Onze leverancierslijst',
    listText: 'De productielocaties die u aanleverde, en verzoeken om beperking (art. 23).',
    monitoring: 'Monitoring en plan van aanpak',
    monitoringText: 'Uw eigen resultaten en uw jaarlijkse plan van aanpak (art. 9-12).',
    aggregated: 'Geaggregeerde lijst',
    aggregatedText: 'De productielocaties van de sector, niet herleidbaar tot bedrijven.',
    expertise: 'Expertise van maatschappelijke organisaties',
    expertiseText: 'Waar ngo’s en vakbonden een netwerk hebben (art. 22).',
    consents: 'Toestemmingsverzoeken',
    consentsNone: 'Er wachten geen toestemmingsverzoeken op u.',
    concerning: 'Meldingen, dialogen en verzoeken over uw leveranciers',
    concerningNone: 'Geen open zaak gaat over uw leveranciers.',
    allCases: 'Alle zaken en dialogen',
    year: 'Jaar',
    file: 'Bestand (CSV of XLSX)',
    drop: 'Sleep het bestand hierheen, of kies het:',
    chosen: 'Gekozen: {name}',
    send: 'Uploaden',
    accepted: '{n} regels geaccepteerd (versie {rev}).',
    rejected: 'Er is niets opgeslagen: verbeter deze regels en upload het hele bestand opnieuw.',
    badRows: 'Regels met een probleem',
    template: 'Sjabloon downloaden',
    templateXlsx: 'Excel-sjabloon',
    templateCsv: 'CSV-sjabloon',
    supplier: 'Leverancier',
    address: 'Adres',
    country: 'Land',
    activity: 'Activiteit',
    materials: 'Grondstoffen',
    tier: 'Schakel',
    restriction: 'Beperking',
    noEntries: 'Nog geen regels voor dit jaar.',
    anyCountry: 'alle landen',
    anyActivity: 'alle activiteiten',
    exportXlsx: 'Exporteren als Excel (deze regels)',
    exportCsv: 'Exporteren als CSV (deze regels)',
    select: '{name} kiezen',
    restrict: 'Beperking vragen voor de gekozen regels (art. 23)',
    restrictIntro: 'Onderbouw waarom deze locaties niet gedeeld moeten worden, zonder de concurrentiegevoelige details zelf. De Kerngroep besluit; die kan delen op land- of regioniveau toestaan.',
    level: 'Gevraagd niveau',
    hidden: 'helemaal niet delen',
    countryOnly: 'alleen op landniveau',
    regionOnly: 'alleen op regioniveau',
    grounds: 'Onderbouwing',
    sendRestriction: 'Verzoek om beperking versturen',
    filed: 'Uw verzoek is ingediend.',
    open: 'Zaak openen',
    results: 'Onze monitoringresultaten',
    noResults: 'Nog geen monitoringresultaten.',
    plan: 'Plan van aanpak',
    planIntro: 'Uw maatregelen voor het jaar, elk bij een OESO-stap en een thema. Alleen het geaggregeerde plan, niet herleidbaar tot u, gaat naar de partijen (art. 12).',
    step: 'OESO-stap',
    theme: 'Thema',
    measure: 'Maatregel',
    addMeasure: 'Maatregel toevoegen',
    remove: 'Verwijderen',
    submitPlan: 'Plan indienen',
    planSaved: 'Uw plan is ingediend.',
    plans: 'Ingediende plannen',
  },
};

function Overview() {
  const t = useTexts(words);
  const cases = useGet('/api/v1/cases', { query: { pageSize: 50 } });
  const all = cases.data?.items ?? [];
  const waiting = all.filter((c) => c.state === 'awaiting_consent' || (c.availableActions ?? []).length > 0);
  // Issue 14: a company brought into a report's dialogue (art. 22) or concerned by a restriction or complaint sees the case here.
  const concerning = all.filter((c) => !waiting.includes(c) && !CLOSED.has(c.state));
  return (
    <Page title={t('overview')}>
      <TaskList />
      <NextDueDates link="/company/calendar" />
      <p className="muted">{t('intro')}</p>
      <Tiles
        items={[
          { to: '/company/upload', title: t('upload'), text: t('uploadText') },
          { to: '/company/list', title: t('list'), text: t('listText') },
          { to: '/company/monitoring', title: t('monitoring'), text: t('monitoringText') },
          { to: '/company/aggregated', title: t('aggregated'), text: t('aggregatedText') },
          { to: '/company/expertise', title: t('expertise'), text: t('expertiseText') },
        ]}
      />
      <h2>{t('consents')}</h2>
      {cases.loading && <Loading />}
      <ErrorMessage error={cases.error} />
      {cases.data !== undefined && <CaseTable cases={waiting} caption={t('consents')} empty={t('consentsNone')} />}
      <h2>{t('concerning')}</h2>
      {cases.data !== undefined && <CaseTable cases={concerning} caption={t('concerning')} empty={t('concerningNone')} />}
      <Link to="/cases">{t('allCases')}</Link>
    </Page>
  );
}

/** A row of the own list (`GET /production-locations`, LocationDto of the generated schema). */
type Entry = components['schemas']['LocationDto'];

/** How far a restriction request hides the picked entries (art. 23-24). */
type Level = NonNullable<Body<'post', '/api/v1/cases'>['level']>;

/** The own list, paged on the server, with a restriction request for selected entries (art. 23-24). */
function OwnList() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const [year, setYear] = useState(thisYear);
  // Issue 14: filtered and paged on the server; the export holds exactly what these filters show.
  const [country, setCountry] = useState('');
  const [activity, setActivity] = useState('');
  const countries = useCountryOptions();
  const filters = new URLSearchParams({ year: String(year), ...(country ? { country } : {}), ...(activity ? { activityType: activity } : {}) }).toString();
  const list = usePaged<Entry>(`/production-locations?${filters}`, 50);
  const exporting = useAction();
  const exportAs = (format: 'csv' | 'xlsx') =>
    exporting.run(async () => saveBlob(`${language === 'nl' ? 'productielocaties' : 'production-locations'}-${year}.${format}`, await apiBlob(`/production-locations/export?${filters}&format=${format}&language=${language}`)));
  const [picked, setPicked] = useState<string[]>([]);
  const [level, setLevel] = useState<Level>('country');
  const [grounds, setGrounds] = useState('');
  const action = useAction();
  const [created, setCreated] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(async () => {
      const body: Body<'post', '/api/v1/cases'> = { type: 'restriction', grounds: grounds.trim(), locationIds: picked, level };
      const c = await api<Answer<'post', '/api/v1/cases'>>('POST', '/cases', body);
      setCreated(c.id);
      setPicked([]);
      setGrounds('');
    });
  };
  return (
    <Page title={t('list')}>
      <div className="row">
        <label htmlFor="list-year">{t('year')}</label>
        <input id="list-year" type="number" min={2000} max={2100} value={year} onChange={(e) => { setYear(Number(e.target.value)); list.setPage(1); }} />
        <label htmlFor="list-country">{t('country')}</label>
        <select id="list-country" value={country} onChange={(e) => { setCountry(e.target.value); list.setPage(1); }}>
          <option value="">{t('anyCountry')}</option>
          {countries.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor="list-activity">{t('activity')}</label>
        <select id="list-activity" value={activity} onChange={(e) => { setActivity(e.target.value); list.setPage(1); }}>
          <option value="">{t('anyActivity')}</option>
          {ACTIVITY_TYPES.map((a) => (
            <option key={a} value={a}>
              {cw.activity(a)}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <button type="button" onClick={() => void exportAs('xlsx')} disabled={exporting.busy}>
          {t('exportXlsx')}
        </button>
        <button type="button" onClick={() => void exportAs('csv')} disabled={exporting.busy}>
          {t('exportCsv')}
        </button>
      </div>
      <ErrorMessage error={exporting.error} />
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'ProductionLocation' }} />
      {list.data !== undefined && list.items.length === 0 && <p className="muted">{t('noEntries')}</p>}
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>
              {t('list')} {year}
              {list.total !== undefined ? ` (${list.total})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">✓</span>
                </th>
                <th scope="col">{t('supplier')}</th>
                <th scope="col">{t('address')}</th>
                <th scope="col">{t('country')}</th>
                <th scope="col">{t('activity')}</th>
                <th scope="col">{t('tier')}</th>
                <th scope="col">{t('restriction')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('select', { name: e.supplierName ?? e.id.slice(0, 8) })}
                      checked={picked.includes(e.id)}
                      onChange={(ev) => setPicked(ev.target.checked ? [...picked, e.id] : picked.filter((x) => x !== e.id))}
                    />
                  </td>
                  <td>{e.supplierName ?? '—'}</td>
                  <td>{[e.address, e.postcode, e.city].filter(Boolean).join(', ')}</td>
                  <td>
                    {countryName(language, e.country)}
                    {e.region ? `, ${e.regionName ?? e.region}` : ''}
                  </td>
                  <td>
                    {cw.activity(e.activityType)} · {e.rawMaterials.map(cw.material).join(', ')}
                  </td>
                  <td>{e.tier === 3 ? '3+' : e.tier}</td>
                  <td>{cw.value('restriction', e.restrictionLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
      {created && (
        <p className="ok" role="status">
          {t('filed')} <Link to={`/cases/${created}`}>{t('open')}</Link>
        </p>
      )}
      {picked.length > 0 && (
        <form className="card" onSubmit={(e) => void submit(e)}>
          <h2>{t('restrict')}</h2>
          <p className="muted">{t('restrictIntro')}</p>
          <label htmlFor="restrict-level">{t('level')}</label>
          <select id="restrict-level" value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            <option value="hidden">{t('hidden')}</option>
            <option value="country">{t('countryOnly')}</option>
            <option value="region">{t('regionOnly')}</option>
          </select>
          <label htmlFor="restrict-grounds">{t('grounds')}</label>
          <textarea id="restrict-grounds" required value={grounds} onChange={(e) => setGrounds(e.target.value)} maxLength={5000} />
          <ErrorMessage error={action.error} why={{ action: 'create', subject: 'Case' }} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy || !grounds.trim()}>
              {t('sendRestriction')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

type Measure = Body<'post', '/api/v1/plans-of-action'>['measures'][number];
const THEMES: Measure['theme'][] = ['policy', 'risk-assessment', 'supplier-engagement', 'audits', 'training', 'grievance-mechanism', 'remediation', 'collaboration', 'other'];

function OwnMonitoring() {
  const t = useTexts(words);
  const { language } = useSession();
  const cw = useCaseWords();
  const results = usePaged<components['schemas']['MonitoringResultDto']>('/monitoring/results', 10);
  const plans = useGet('/api/v1/plans-of-action');
  const [year, setYear] = useState(thisYear);
  const [measures, setMeasures] = useState<Measure[]>([{ step: 1, theme: 'policy', description: '' }]);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Body<'post', '/api/v1/plans-of-action'> = { year, measures: measures.map((m) => ({ ...m, description: m.description.trim() })) };
    if (await action.run(() => api('POST', '/plans-of-action', body))) plans.reload();
  };
  const set = (i: number, patch: Partial<(typeof measures)[number]>) => setMeasures(measures.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <Page title={t('monitoring')}>
      <h2>{t('results')}</h2>
      {results.loading && <Loading />}
      <ErrorMessage error={results.error} why={{ action: 'read', subject: 'MonitoringResult' }} />
      {results.data !== undefined && results.items.length === 0 && <p className="muted">{t('noResults')}</p>}
      {results.items.map((r, i) => (
        <ResultCard key={i} r={r} />
      ))}
      <Pager page={results.page} hasNext={results.hasNext} onPage={results.setPage} />

      <h2>{t('plan')}</h2>
      <p className="muted">{t('planIntro')}</p>
      {(plans.data ?? []).length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t('plans')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('year')}</th>
                <th scope="col">#</th>
                <th scope="col">{t('measure')}</th>
                <th scope="col">{t('plans')}</th>
              </tr>
            </thead>
            <tbody>
              {(plans.data ?? []).map((p, i) => (
                <tr key={p.id ?? i}>
                  <td>{p.year}</td>
                  <td>{p.revision ?? ''}</td>
                  <td>{(p.measures ?? []).map((m) => `${m.step}. ${m.description} (${cw.value('theme', m.theme)})`).join(' · ')}</td>
                  <td>{formatDate(language, p.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="card" onSubmit={(e) => void submit(e)}>
        <label htmlFor="plan-year">{t('year')}</label>
        <input id="plan-year" type="number" min={2025} max={2035} value={year} onChange={(e) => setYear(Number(e.target.value))} />
        {measures.map((m, i) => (
          <fieldset key={i}>
            <legend>
              {t('measure')} {i + 1}
            </legend>
            <label htmlFor={`m-step-${i}`}>{t('step')}</label>
            <select id={`m-step-${i}`} value={m.step} onChange={(e) => set(i, { step: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5, 6].map((s) => (
                <option key={s} value={s}>
                  {s}. {cw.value('step', s)}
                </option>
              ))}
            </select>
            <label htmlFor={`m-theme-${i}`}>{t('theme')}</label>
            <select id={`m-theme-${i}`} value={m.theme} onChange={(e) => set(i, { theme: e.target.value as Measure['theme'] })}>
              {THEMES.map((x) => (
                <option key={x} value={x}>
                  {cw.value('theme', x)}
                </option>
              ))}
            </select>
            <label htmlFor={`m-desc-${i}`}>{t('measure')}</label>
            <textarea id={`m-desc-${i}`} required value={m.description} onChange={(e) => set(i, { description: e.target.value })} maxLength={2000} />
            {measures.length > 1 && (
              <button type="button" className="danger" onClick={() => setMeasures(measures.filter((_, j) => j !== i))}>
                {t('remove')}
              </button>
            )}
          </fieldset>
        ))}
        <div className="row">
          <button type="button" onClick={() => setMeasures([...measures, { step: 1, theme: 'other', description: '' }])}>
            {t('addMeasure')}
          </button>
          <button type="submit" className="primary" disabled={action.busy}>
            {t('submitPlan')}
          </button>
        </div>
        {action.done && (
          <p className="ok" role="status">
            {t('planSaved')}
          </p>
        )}
        <ErrorMessage error={action.error} why={{ action: 'submit', subject: 'PlanOfAction' }} />
      </form>
    </Page>
  );
}
