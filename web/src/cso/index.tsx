import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import type { Answer, Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page, Pager, useAction, useTexts, useValues, WhyLink } from '../components.tsx';
import { useFieldErrors } from '../form-errors.tsx';
import { formatDate, valueText } from '../i18n.ts';
import { csoFrEs } from './words.fr-es.ts';
import { Link, route } from '../router.tsx';
import { Routes } from '../section-routes.tsx';
import { useMe, useSession } from '../session.tsx';
import { NetworkForm } from './network-form.tsx';
import {
  ACTIVITY_TYPES,
  type ActivityType,
  CaseTable,
  countryName,
  MultiPicker,
  RAW_MATERIALS,
  Tiles,
  useCaseWords,
  useCountryOptions,
  usePaged,
} from '../shared.tsx';
import { TaskList } from '../tasks.tsx';
import { PartyCalendarPage } from '../agreement-year/calendar.tsx';
import { Aggregated } from './aggregated-list.tsx';

export { Aggregated };

/**
 * NGOs, unions and local partners (issue 8, item 4), and the pages every party shares (the aggregated list, the
 * CSO expertise overview): monitoring results with only the fields the API returns, file an art-22 request,
 * follow the cases. `/ngo/...`
 */
export default function CsoPages() {
  return <Routes routes={CSO_ROUTES} fallback={<Overview />} />;
}

/** The section's pages (issue 14, item 8: one route table instead of a switch on the path). */
const CSO_ROUTES = [
  route('/ngo/monitoring', () => <Monitoring />),
  route('/ngo/aggregated', () => <Aggregated />),
  route('/ngo/expertise', () => <Expertise />),
  route('/ngo/request', () => <NewRequest />),
  route('/ngo/company-regions', () => <CompanyRegions />),
  route('/ngo/progress', () => <PartyCalendarPage />),
];

const words = {
  en: {
    overview: 'Overview',
    intro: 'Your pages for the confidential data of the agreement.',
    monitoring: 'Monitoring results',
    monitoringText: 'Scores and advice on risks and the plan of action (art. 13).',
    aggregated: 'Aggregated list',
    aggregatedText: 'Production locations by country and activity, not traceable to companies (art. 19-20).',
    progress: "The agreement's year and progress",
    progressText: 'The calendar, and how the companies’ lists grow, only across companies (art. 18).',
    expertise: 'CSO expertise',
    expertiseText: 'Where NGOs and unions have a network (art. 22).',
    request: 'File an art-22 request',
    requestText: 'Ask the Kerngroep for the supplier data relevant to a risk you found.',
    regions: 'Companies active in a region',
    regionsText: 'Ask the secretariat which companies are active in a country or region (art. 21).',
    myCases: 'My cases',
    noCases: 'You have no cases yet.',
    allCases: 'All my cases',
    round: 'Round',
    anyRound: 'all rounds',
    company: 'Company',
    score: 'Final score',
    signal: 'Signal',
    advice: 'Advice',
    sections: 'Sections',
    sectionScore: 'Score',
    hidden: 'Not shown to you',
    noResults: 'No monitoring results you may see.',
    noResultsWhy: 'You see no individual results. Find out why:',
    year: 'Year',
    country: 'Country',
    region: 'Region',
    material: 'Raw material',
    network: 'Network',
    organisation: 'Organisation',
    materials: 'Raw materials',
    requestIntro: 'Describe the risk or violation you found and the scope of the data you need. The Kerngroep rules on it; each company concerned is asked for consent before anything is shown (art. 19, 22).',
    onBehalfOf: 'On behalf of (your local partner)',
    countries: 'Countries',
    regionsField: 'Regions (optional, one per line)',
    materialsField: 'Raw materials',
    activities: 'Activity types',
    grounds: 'Grounds: the risk or violation you found',
    submit: 'Send to the Kerngroep',
    filed: 'Your request is filed.',
    open: 'Open the case',
    companyRegionsIntro: 'Which member companies are active in these countries or regions? The secretariat answers; you need the art-21 confidentiality clause.',
    ask: 'Ask',
    answer: 'Answer',
    pending: 'The secretariat has not answered yet.',
    declined: 'declined',
    purpose: 'Purpose (optional)',
    ownMine: 'your organisation',
  },
  nl: {
    overview: 'Overzicht',
    intro: 'Uw pagina’s voor de vertrouwelijke gegevens van de overeenkomst.',
    monitoring: 'Monitoringresultaten',
    monitoringText: 'Scores en advies over risico’s en het plan van aanpak (art. 13).',
    aggregated: 'Geaggregeerde lijst',
    aggregatedText: 'Productielocaties per land en activiteit, niet herleidbaar tot bedrijven (art. 19-20).',
    progress: 'Het jaar van de overeenkomst en de voortgang',
    progressText: 'De kalender, en hoe de lijsten van de bedrijven groeien, alleen over bedrijven heen (art. 18).',
    expertise: 'Expertise van maatschappelijke organisaties',
    expertiseText: 'Waar ngo’s en vakbonden een netwerk hebben (art. 22).',
    request: 'Artikel-22-verzoek indienen',
    requestText: 'Vraag de Kerngroep om de leveranciersgegevens die bij een gevonden risico horen.',
    regions: 'Bedrijven actief in een regio',
    regionsText: 'Vraag het secretariaat welke bedrijven in een land of regio actief zijn (art. 21).',
    myCases: 'Mijn zaken',
    noCases: 'U hebt nog geen zaken.',
    allCases: 'Al mijn zaken',
    round: 'Ronde',
    anyRound: 'alle rondes',
    company: 'Bedrijf',
    score: 'Eindscore',
    signal: 'Signaal',
    advice: 'Advies',
    sections: 'Onderdelen',
    sectionScore: 'Score',
    hidden: 'Niet voor u zichtbaar',
    noResults: 'Geen monitoringresultaten die u mag zien.',
    noResultsWhy: 'U ziet geen individuele resultaten. Bekijk waarom:',
    year: 'Jaar',
    country: 'Land',
    region: 'Regio',
    material: 'Grondstof',
    network: 'Netwerk',
    organisation: 'Organisatie',
    materials: 'Grondstoffen',
    requestIntro: 'Beschrijf het risico of de schending die u vond en welke gegevens u nodig hebt. De Kerngroep besluit; elk betrokken bedrijf wordt om toestemming gevraagd voordat er iets wordt getoond (art. 19, 22).',
    onBehalfOf: 'Namens (uw lokale partner)',
    countries: 'Landen',
    regionsField: 'Regio’s (niet verplicht, één per regel)',
    materialsField: 'Grondstoffen',
    activities: 'Soorten activiteit',
    grounds: 'Onderbouwing: het risico of de schending die u vond',
    submit: 'Naar de Kerngroep sturen',
    filed: 'Uw verzoek is ingediend.',
    open: 'Zaak openen',
    companyRegionsIntro: 'Welke lidbedrijven zijn actief in deze landen of regio’s? Het secretariaat antwoordt; u hebt de geheimhoudingsclausule van art. 21 nodig.',
    ask: 'Vragen',
    answer: 'Antwoord',
    pending: 'Het secretariaat heeft nog niet geantwoord.',
    declined: 'afgewezen',
    purpose: 'Doel (niet verplicht)',
    ownMine: 'uw organisatie',
  },
};
// French and Spanish for the local partners (issue 14, item 6)
Object.assign(words, csoFrEs);

function Overview() {
  const t = useTexts(words);
  const me = useMe();
  const cases = useGet('/api/v1/cases', { query: { pageSize: 10 } });
  // A local partner is no party (art. 22, 40): its work is the request and its cases; the parties' pages stay
  // reachable (with the "why" answer) but are not offered.
  const tiles =
    me.organisation.kind === 'local_partner'
      ? []
      : [
          { to: '/ngo/monitoring', title: t('monitoring'), text: t('monitoringText') },
          { to: '/ngo/aggregated', title: t('aggregated'), text: t('aggregatedText') },
          { to: '/ngo/expertise', title: t('expertise'), text: t('expertiseText') },
          { to: '/ngo/progress', title: t('progress'), text: t('progressText') },
        ];
  if (['ngo', 'union', 'local_partner'].includes(me.organisation.kind)) tiles.push({ to: '/ngo/request', title: t('request'), text: t('requestText') });
  if (['ngo', 'union'].includes(me.organisation.kind)) tiles.push({ to: '/ngo/company-regions', title: t('regions'), text: t('regionsText') });
  return (
    <Page title={t('overview')}>
      <TaskList />
      <p className="muted">{t('intro')}</p>
      <Tiles items={tiles} />
      <h2>{t('myCases')}</h2>
      {cases.loading && <Loading />}
      <ErrorMessage error={cases.error} />
      {cases.data !== undefined && <CaseTable cases={cases.data.items} caption={t('myCases')} empty={t('noCases')} />}
      <Link to="/cases">{t('allCases')}</Link>
    </Page>
  );
}

/** A monitoring result with only the fields the caller may see (MonitoringResultDto of the generated schema). */
type Result = components['schemas']['MonitoringResultDto'];

/** The monitoring results the caller may see, with only the fields the API sent; "why" when there are none. */
export function Monitoring({ title }: { title?: string }) {
  const t = useTexts(words);
  const v = useValues();
  const [round, setRound] = useState('');
  const list = usePaged<Result>(round ? `/monitoring/results?round=${round}` : '/monitoring/results', 25);
  const forbidden = list.error instanceof ApiError && list.error.status === 403;
  return (
    <Page title={title ?? t('monitoring')}>
      <div className="row">
        <label htmlFor="round">{t('round')}</label>
        <select id="round" value={round} onChange={(e) => { setRound(e.target.value); list.setPage(1); }}>
          <option value="">{t('anyRound')}</option>
          <option value="baseline">{v('round', 'baseline')}</option>
          <option value="year2">{v('round', 'year2')}</option>
          <option value="year4">{v('round', 'year4')}</option>
        </select>
      </div>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'read', subject: 'MonitoringResult' }} />
      {!list.loading && !forbidden && list.data !== undefined && list.items.length === 0 && (
        <div className="notice">
          <p>{t('noResults')}</p>
          <p>{t('noResultsWhy')}</p>
          <WhyLink action="read" subject="MonitoringResult" />
        </div>
      )}
      {list.items.map((r, i) => (
        <ResultCard key={r.id ?? `${r.companyId}-${r.round}-${i}`} r={r} />
      ))}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}

export function ResultCard({ r }: { r: Result }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  return (
    <article className="card" aria-label={`${r.companyName ?? ''} ${cw.value('round', r.round)}`}>
      <h2>
        {r.companyName ?? t('company')} <span className="muted small">{cw.value('round', r.round)}</span>
      </h2>
      <dl className="facts">
        <dt>{t('score')}</dt>
        <dd>{r.finalScore ?? <span className="muted">{t('hidden')}</span>}</dd>
        <dt>{t('signal')}</dt>
        <dd>{r.signal ? <span className={`badge ${r.signal}`}>{cw.value('signal', r.signal)}</span> : <span className="muted">{t('hidden')}</span>}</dd>
        {r.advice !== undefined && (
          <>
            <dt>{t('advice')}</dt>
            <dd>{r.advice}</dd>
          </>
        )}
      </dl>
      {r.sections && r.sections.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t('sections')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('sections')}</th>
                <th scope="col" className="num">
                  {t('sectionScore')}
                </th>
                <th scope="col">{t('advice')}</th>
              </tr>
            </thead>
            <tbody>
              {r.sections.map((s) => (
                <tr key={s.step}>
                  <td>{s.step}</td>
                  <td>{cw.value('step', s.step) === String(s.step) ? s.title : cw.value('step', s.step)}</td>
                  <td className="num">{s.score}</td>
                  <td>{s.advice}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

export function Expertise() {
  const t = useTexts(words);
  const { language, me } = useSession();
  // Art. 22, first sentence: NGOs and unions keep their own entries (policy cso-maintains-own-entries).
  const maintainsOwn = me && ['ngo', 'union'].includes(me.organisation.kind);
  const [country, setCountry] = useState('');
  const [material, setMaterial] = useState('');
  const list = useGet('/api/v1/cso-expertise', { query: { country: country || undefined, material: material || undefined } });
  const countryOptions = useCountryOptions();
  return (
    <Page title={t('expertise')}>
      {maintainsOwn && me && <NetworkForm organisationId={me.organisation.id} organisationName={me.organisation.name} onSaved={list.reload} />}
      <div className="split">
        <div>
          <label htmlFor="exp-country">{t('country')}</label>
          <select id="exp-country" value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">—</option>
            {countryOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="exp-material">{t('material')}</label>
          <select id="exp-material" value={material} onChange={(e) => setMaterial(e.target.value)}>
            <option value="">—</option>
            {RAW_MATERIALS.map((m) => (
              <option key={m} value={m}>
                {valueText(language, 'material', m)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'read', subject: 'CsoExpertise' }} />
      {list.data !== undefined && (
        // focusable, so the table scrolls by keyboard on a narrow screen
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('expertise')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('country')}</th>
                <th scope="col">{t('region')}</th>
                <th scope="col">{t('materials')}</th>
                <th scope="col">{t('network')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((e, i) => (
                <tr key={e.id ?? i}>
                  <td>
                    {e.organisationName}
                    {me && e.organisationId === me.organisation.id && <span className="muted small"> ({t('ownMine')})</span>}
                  </td>
                  <td>{countryName(language, e.country)}</td>
                  <td>{e.region ?? '—'}</td>
                  <td>{e.rawMaterials.map((m) => valueText(language, 'material', m)).join(', ')}</td>
                  <td>{e.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

/** File an art-22 request (DOMAIN.md step 1): scope pickers and grounds. */
function NewRequest() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const me = useMe();
  const countryOptions = useCountryOptions();
  const orgs = useGet(me.organisation.kind === 'local_partner' ? null : '/api/v1/organisations');
  const partners = (orgs.data ?? []).filter((o) => o.kind === 'local_partner' && o.affiliatedTo?.id === me.organisation.id);
  const [countries, setCountries] = useState<string[]>([]);
  const [regions, setRegions] = useState('');
  const [materials, setMaterials] = useState<string[]>([]);
  const [activities, setActivities] = useState<ActivityType[]>([]);
  const [grounds, setGrounds] = useState('');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const action = useAction();
  const f = useFieldErrors(action.error);
  const [created, setCreated] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const regionList = regions.split('\n').map((r) => r.trim()).filter(Boolean);
    await action.run(async () => {
      const body: Body<'post', '/api/v1/cases'> = {
        type: 'disclosure',
        grounds: grounds.trim(),
        scope: {
          ...(countries.length ? { countries } : {}),
          ...(regionList.length ? { regions: regionList } : {}),
          ...(materials.length ? { rawMaterials: materials } : {}),
          ...(activities.length ? { activityTypes: activities } : {}),
          year,
        },
        ...(onBehalfOf ? { onBehalfOf } : {}),
      };
      const c = await api<Answer<'post', '/api/v1/cases'>>('POST', '/cases', body);
      setCreated(c.id);
    });
  };
  if (created)
    return (
      <Page title={t('request')}>
        <p className="ok" role="status">
          {t('filed')} <Link to={`/cases/${created}`}>{t('open')}</Link>
        </p>
      </Page>
    );
  return (
    <Page title={t('request')}>
      <p className="muted">{t('requestIntro')}</p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        {partners.length > 0 && (
          <>
            <label htmlFor="on-behalf">{t('onBehalfOf')}</label>
            <select id="on-behalf" required value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)} {...f.field('onBehalfOf', 'on-behalf', t('onBehalfOf'))}>
              <option value="" />
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {f.at('on-behalf')}
          </>
        )}
        <label htmlFor="req-year">{t('year')}</label>
        <input id="req-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} {...f.field('scope.year', 'req-year', t('year'))} />
        {f.at('req-year')}
        <div id="req-countries">
          <MultiPicker name="countries" legend={t('countries')} options={countryOptions} value={countries} onChange={setCountries} filterable problems={f.group('scope.countries', 'req-countries', t('countries'))} />
        </div>
        <label htmlFor="req-regions">{t('regionsField')}</label>
        <textarea id="req-regions" value={regions} onChange={(e) => setRegions(e.target.value)} {...f.field('scope.regions', 'req-regions', t('regionsField'))} />
        {f.at('req-regions')}
        <div id="req-materials">
          <MultiPicker name="materials" legend={t('materialsField')} options={RAW_MATERIALS.map((m) => ({ value: m, label: cw.material(m) }))} value={materials} onChange={setMaterials} problems={f.group(['scope.rawMaterials', 'scope.activityTypes'], 'req-materials', t('materialsField'))} />
        </div>
        <MultiPicker name="activities" legend={t('activities')} options={ACTIVITY_TYPES.map((a) => ({ value: a, label: cw.activity(a) }))} value={activities} onChange={(v) => setActivities(ACTIVITY_TYPES.filter((a) => v.includes(a)))} />
        <label htmlFor="req-grounds">{t('grounds')}</label>
        <textarea id="req-grounds" required value={grounds} onChange={(e) => setGrounds(e.target.value)} maxLength={5000} {...f.field('grounds', 'req-grounds', t('grounds'))} />
        {f.at('req-grounds')}
        {f.summary({ action: 'create', subject: 'Case' })}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy || !grounds.trim()}>
            {t('submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}

/**
 * An art-21 request: as filed (RegionRequestDto, with the companies once released) or as listed
 * (RegionRequestSummaryDto, which leaves the companies out) — both from the generated schema.
 */
type RegionRequest = components['schemas']['RegionRequestDto'] | components['schemas']['RegionRequestSummaryDto'];

/** Art. 21: which companies are active in a country/region, answered by the secretariat. */
function CompanyRegions() {
  const t = useTexts(words);
  const { language } = useSession();
  const countryOptions = useCountryOptions();
  const [countries, setCountries] = useState<string[]>([]);
  const [regions, setRegions] = useState('');
  const [purpose, setPurpose] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const action = useAction();
  const cr = useFieldErrors(action.error);
  const [last, setLast] = useState<RegionRequest | null>(null);
  const mine = useGet('/api/v1/company-region-requests');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const regionList = regions.split('\n').map((r) => r.trim()).filter(Boolean);
    await action.run(async () => {
      const body: Body<'post', '/api/v1/company-region-requests'> = { countries, year, ...(regionList.length ? { regions: regionList } : {}), ...(purpose.trim() ? { purpose: purpose.trim() } : {}) };
      setLast(await api<Answer<'post', '/api/v1/company-region-requests'>>('POST', '/company-region-requests', body));
      mine.reload();
    });
  };
  const answered = (r: RegionRequest) =>
    r.status === 'released' ? (('companies' in r ? r.companies : null) ?? []).map((c) => c.name).join(', ') || '—' : r.status === 'declined' ? `${t('declined')}${r.decisionNote ? `: ${r.decisionNote}` : ''}` : t('pending');
  return (
    <Page title={t('regions')}>
      <p className="muted">{t('companyRegionsIntro')}</p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <div id="cr-countries">
          <MultiPicker name="countries" legend={t('countries')} options={countryOptions} value={countries} onChange={setCountries} filterable problems={cr.group('countries', 'cr-countries', t('countries'))} />
        </div>
        <label htmlFor="cr-regions">{t('regionsField')}</label>
        <textarea id="cr-regions" value={regions} onChange={(e) => setRegions(e.target.value)} {...cr.field('regions', 'cr-regions', t('regionsField'))} />
        {cr.at('cr-regions')}
        <label htmlFor="cr-year">{t('year')}</label>
        <input id="cr-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} {...cr.field('year', 'cr-year', t('year'))} />
        {cr.at('cr-year')}
        <label htmlFor="cr-purpose">{t('purpose')}</label>
        <textarea id="cr-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={2000} {...cr.field('purpose', 'cr-purpose', t('purpose'))} />
        {cr.at('cr-purpose')}
        {cr.summary({ action: 'create', subject: 'CompanyRegionRequest' })}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy || countries.length === 0}>
            {t('ask')}
          </button>
        </div>
        {last && <p className="ok" role="status">{t('filed')}</p>}
      </form>
      {(mine.data ?? []).length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('countries')}</th>
                <th scope="col">{t('year')}</th>
                <th scope="col">{t('answer')}</th>
              </tr>
            </thead>
            <tbody>
              {(mine.data ?? []).map((r) => (
                <tr key={r.id}>
                  <td>{r.countries.map((c) => countryName(language, c)).join(', ')}</td>
                  <td>
                    {r.year} <span className="muted small">({formatDate(language, r.createdAt)})</span>
                  </td>
                  <td>{answered(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

