import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, itemsOf, Loading, Page, Pager, useAction, useApi, useTexts, useValues, WhyLink } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { groupOf, useSession } from '../session.tsx';
import { NetworkForm } from '../cso/network-form.tsx';
import { MembershipPage } from './membership.tsx';
import { type CaseSummary, CaseTable, firstDeadline, Tiles, usePaged } from '../shared.tsx';
import KerngroepSeatsPage from './kerngroep-page.tsx';
import ModulesPage from './modules-page.tsx';
import { PublicationsPage } from './publications.tsx';
import { TaskList } from '../tasks.tsx';
import { DeadlineDashboard, SecretariatCalendarPage } from '../agreement-year/calendar.tsx';
import { ResetFactorsButton } from '../security/reset-button.tsx';

/**
 * The secretariat (issue 8, item 7): open cases with their deadlines (overdue first), organisations and people,
 * NDA texts, monitoring results, and the audit log with the chain's verification status. `/secretariat/...`
 */
export default function SecretariatPages() {
  const { path } = useLocation();
  switch (path.replace(/\/$/, '')) {
    case '/secretariat/organisations':
      return <Organisations />;
    case '/secretariat/ndas':
      return <NdaTexts />;
    case '/secretariat/monitoring':
      return <MonitoringEntry />;
    case '/secretariat/audit':
      return <Audit />;
    case '/secretariat/region-requests':
      return <RegionRequests />;
    case '/secretariat/expertise':
      return <CsoExpertise />;
    case '/secretariat/kerngroep':
      return <KerngroepSeatsPage />;
    case '/secretariat/modules':
      return <ModulesPage />;
    case '/secretariat/membership':
      return <MembershipPage />;
    case '/secretariat/calendar':
      return <SecretariatCalendarPage />;
    case '/secretariat/publications':
      return <PublicationsPage />;
    default:
      return <Dashboard />;
  }
}

const words = {
  en: {
    dashboard: 'Secretariat',
    intro: 'Open cases with their deadlines, overdue ones first. Confirm the matches of a report and open the dialogue in the case.',
    open: 'Open cases',
    none: 'No open cases.',
    organisations: 'Organisations and people',
    organisationsText: 'Register organisations, invite and disable people.',
    ndas: 'Confidentiality texts',
    ndasText: 'Publish a new version of an NDA text.',
    monitoring: 'Monitoring results',
    monitoringText: 'Enter a company’s result for a round.',
    audit: 'Audit log',
    auditText: 'Who saw what, with filters and the chain’s verification status.',
    name: 'Name',
    slug: 'Short name (slug)',
    kind: 'Kind',
    constituency: 'Constituency',
    party: 'Party',
    yes: 'yes',
    no: 'no',
    affiliatedTo: 'Affiliated to (local partners)',
    country: 'Country (ISO code)',
    register: 'Register organisation',
    registered: 'Registered.',
    invite: 'Invite a person',
    email: 'Email address',
    language: 'Language',
    roles: 'Roles',
    admin: 'organisation admin',
    staff: 'secretariat staff',
    sendInvite: 'Send invitation',
    invited: 'Invitation sent.',
    people: 'People',
    status: 'Status',
    disable: 'Disable',
    disabled: 'disabled',
    organisation: 'Organisation',
    publish: 'Publish a new version',
    title: 'Title',
    text: 'Full text',
    validForDays: 'A signature holds (days)',
    published: 'Published. Signatures of older versions no longer grant anything.',
    current: 'Current texts',
    version: 'Version',
    company: 'Company',
    round: 'Round',
    finalScore: 'Final score (0-100)',
    signal: 'Signal',
    advice: 'Advice',
    section: 'Section {n}',
    score: 'Score (0-100)',
    store: 'Store result',
    stored: 'Stored.',
    action: 'Action',
    objectType: 'Object type',
    objectId: 'Object id',
    from: 'From',
    to: 'Until',
    filter: 'Filter',
    when: 'When',
    who: 'Who',
    object: 'Object',
    grant: 'Grant',
    older: 'Older entries',
    newest: 'Newest entries',
    chain: 'Chain verification',
    chainCli: 'Recomputes every entry’s hash, as the operator command npm run cli -- verify-audit does.',
    verifyNow: 'Verify the chain now',
    chainOk: 'Intact: {count} entries checked at {at}.',
    chainBroken: 'Broken at entry {seq}: {reason}. Checked {count} intact entries before it, at {at}.',
    checkpointsChecked: 'Signed checkpoints: {confirmed} of {given} confirmed (up to entry {seq}).',
    checkpointContradicted: 'The log contradicts the checkpoint signed for entry {seq} at {at} ({origin}): it was rewritten after that checkpoint was signed.',
    regionRequests: 'Companies-by-region requests',
    regionRequestsText: 'Release or decline which companies are active in a region (art. 21).',
    requester: 'Requester',
    countries: 'Countries and regions',
    purpose: 'Purpose',
    answer: 'Answer',
    release: 'Release',
    decline: 'Decline',
    note: 'Note to the requester (optional)',
    wouldRelease: 'Releasing now answers: {names}',
    noRequests: 'No requests.',
    expertise: 'CSO expertise',
    expertiseText: 'Keep the regions and raw materials where an NGO or union has a network (art. 22).',
    kerngroep: 'Kerngroep seats and chair',
    kerngroepText: 'Record who holds each seat, with fixed and deputy representative, and the chair (art. 46-47, 54).',
    modules: 'Modules',
    modulesText: 'Sector, knowledge, practice and risk modules and who takes part (art. 13).',
    membership: 'Membership',
    membershipText: 'Accession, withdrawal and removal (art. 69-77); complaints to declare admissible (art. 83).',
    publications: 'Yearly publications',
    publicationsText: 'Publish the aggregated list (art. 19) and put the yearly report before the Kerngroep (art. 51).',
    expertiseIntro: 'The overview of CSO networks that every party reads (art. 22, first sentence). NGOs and unions keep their own entries; here the secretariat edits those of any of them.',
    expertiseOrg: 'NGO or union',
    expertisePick: '— choose an organisation —',
    expertiseOpen: 'Edit its network',
    expertiseNone: 'No NGOs or unions are registered.',
    kindNgo: 'NGOs',
    kindUnion: 'Unions',
    expertiseNotStaff: 'Only the secretariat edits the networks of other organisations here.',
    expertiseUnknown: 'That organisation is not an NGO or union; only their networks are in the overview.',
  },
  nl: {
    dashboard: 'Secretariaat',
    intro: 'Open zaken met hun termijnen, de verlopen eerst. Bevestig de matches van een melding en open de dialoog in de zaak.',
    open: 'Open zaken',
    none: 'Geen open zaken.',
    organisations: 'Organisaties en personen',
    organisationsText: 'Organisaties registreren, personen uitnodigen en blokkeren.',
    ndas: 'Geheimhoudingsteksten',
    ndasText: 'Een nieuwe versie van een geheimhoudingstekst publiceren.',
    monitoring: 'Monitoringresultaten',
    monitoringText: 'Het resultaat van een bedrijf voor een ronde invoeren.',
    audit: 'Auditlog',
    auditText: 'Wie wat zag, met filters en de controle van de keten.',
    name: 'Naam',
    slug: 'Korte naam (slug)',
    kind: 'Soort',
    constituency: 'Geleding',
    party: 'Partij',
    yes: 'ja',
    no: 'nee',
    affiliatedTo: 'Verbonden aan (lokale partners)',
    country: 'Land (ISO-code)',
    register: 'Organisatie registreren',
    registered: 'Geregistreerd.',
    invite: 'Persoon uitnodigen',
    email: 'E-mailadres',
    language: 'Taal',
    roles: 'Rollen',
    admin: 'beheerder van de organisatie',
    staff: 'medewerker secretariaat',
    sendInvite: 'Uitnodiging versturen',
    invited: 'Uitnodiging verstuurd.',
    people: 'Personen',
    status: 'Status',
    disable: 'Blokkeren',
    disabled: 'geblokkeerd',
    organisation: 'Organisatie',
    publish: 'Nieuwe versie publiceren',
    title: 'Titel',
    text: 'Volledige tekst',
    validForDays: 'Een handtekening geldt (dagen)',
    published: 'Gepubliceerd. Handtekeningen onder oudere versies geven geen toegang meer.',
    current: 'Geldende teksten',
    version: 'Versie',
    company: 'Bedrijf',
    round: 'Ronde',
    finalScore: 'Eindscore (0-100)',
    signal: 'Signaal',
    advice: 'Advies',
    section: 'Onderdeel {n}',
    score: 'Score (0-100)',
    store: 'Resultaat opslaan',
    stored: 'Opgeslagen.',
    action: 'Handeling',
    objectType: 'Soort object',
    objectId: 'Object-id',
    from: 'Vanaf',
    to: 'Tot',
    filter: 'Filteren',
    when: 'Wanneer',
    who: 'Wie',
    object: 'Object',
    grant: 'Grondslag',
    older: 'Oudere regels',
    newest: 'Nieuwste regels',
    chain: 'Controle van de keten',
    chainCli: 'Berekent de hash van elke regel opnieuw, zoals het beheercommando npm run cli -- verify-audit.',
    verifyNow: 'Controleer de keten nu',
    chainOk: 'Intact: {count} regels gecontroleerd op {at}.',
    chainBroken: 'Gebroken bij regel {seq}: {reason}. {count} intacte regels ervoor gecontroleerd, op {at}.',
    checkpointsChecked: 'Ondertekende controlepunten: {confirmed} van {given} bevestigd (tot en met regel {seq}).',
    checkpointContradicted: 'Het logboek spreekt het controlepunt tegen dat voor regel {seq} is ondertekend op {at} ({origin}): het is herschreven nadat dat controlepunt is ondertekend.',
    regionRequests: 'Verzoeken bedrijven per regio',
    regionRequestsText: 'Vrijgeven of afwijzen welke bedrijven in een regio actief zijn (art. 21).',
    requester: 'Verzoeker',
    countries: 'Landen en regio’s',
    purpose: 'Doel',
    answer: 'Antwoord',
    release: 'Vrijgeven',
    decline: 'Afwijzen',
    note: 'Toelichting voor de verzoeker (niet verplicht)',
    wouldRelease: 'Nu vrijgeven antwoordt: {names}',
    noRequests: 'Geen verzoeken.',
    expertise: 'Expertise van maatschappelijke organisaties',
    expertiseText: 'De regio’s en grondstoffen bijhouden waar een ngo of vakbond een netwerk heeft (art. 22).',
    kerngroep: 'Zetels en voorzitter van de Kerngroep',
    kerngroepText: 'Vastleggen wie elke zetel bezet, met vaste en plaatsvervangende vertegenwoordiger, en de voorzitter (art. 46-47, 54).',
    modules: 'Modules',
    modulesText: 'Sector-, kennis-, praktijk- en risicomodules en wie eraan deelneemt (art. 13).',
    membership: 'Deelname',
    membershipText: 'Toetreding, opzegging en verwijdering (art. 69-77); klachten ontvankelijk verklaren (art. 83).',
    publications: 'Jaarlijkse publicaties',
    publicationsText: 'De geaggregeerde lijst publiceren (art. 19) en het jaarverslag aan de Kerngroep voorleggen (art. 51).',
    expertiseIntro: 'Het overzicht van de netwerken van maatschappelijke organisaties dat elke partij leest (art. 22, eerste zin). Ngo’s en vakbonden houden hun eigen gegevens bij; hier wijzigt het secretariaat die van elk van hen.',
    expertiseOrg: 'Ngo of vakbond',
    expertisePick: '— kies een organisatie —',
    expertiseOpen: 'Netwerk bewerken',
    expertiseNone: 'Er zijn geen ngo’s of vakbonden geregistreerd.',
    kindNgo: 'Ngo’s',
    kindUnion: 'Vakbonden',
    expertiseNotStaff: 'Alleen het secretariaat wijzigt hier de netwerken van andere organisaties.',
    expertiseUnknown: 'Die organisatie is geen ngo of vakbond; alleen hun netwerken staan in het overzicht.',
  },
};

function Dashboard() {
  const t = useTexts(words);
  const list = usePaged<CaseSummary>('/cases', 100);
  const open = list.items.filter((c) => !/^(closed|rejected|withdrawn|dismissed|approved|not_admissible|removal_decided)/.test(c.state));
  // the list carries each case's next deadline: overdue (earliest) first, those without one last
  const due = (c: CaseSummary) => Date.parse(firstDeadline(c)?.dueAt ?? '9999-12-31');
  const byDue = [...open].sort((a, b) => due(a) - due(b));
  return (
    <Page title={t('dashboard')}>
      <TaskList />
      <DeadlineDashboard link="/secretariat/calendar" />
      <Tiles
        items={[
          { to: '/secretariat/organisations', title: t('organisations'), text: t('organisationsText') },
          { to: '/secretariat/ndas', title: t('ndas'), text: t('ndasText') },
          { to: '/secretariat/monitoring', title: t('monitoring'), text: t('monitoringText') },
          { to: '/secretariat/audit', title: t('audit'), text: t('auditText') },
          { to: '/secretariat/region-requests', title: t('regionRequests'), text: t('regionRequestsText') },
          { to: '/secretariat/expertise', title: t('expertise'), text: t('expertiseText') },
          { to: '/secretariat/kerngroep', title: t('kerngroep'), text: t('kerngroepText') },
          { to: '/secretariat/modules', title: t('modules'), text: t('modulesText') },
          { to: '/secretariat/membership', title: t('membership'), text: t('membershipText') },
          { to: '/secretariat/publications', title: t('publications'), text: t('publicationsText') },
        ]}
      />
      <h2>{t('open')}</h2>
      <p className="muted">{t('intro')}</p>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data !== undefined && <CaseTable cases={byDue} caption={t('open')} empty={t('none')} />}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}

interface Organisation {
  id: string;
  name: string;
  slug: string;
  kind: string;
  constituency?: string | null;
  party?: boolean;
  status?: string;
  affiliatedTo?: string | { id: string; name?: string } | null;
}

interface Person {
  id: string;
  name?: string;
  email: string;
  status?: string;
  disabledAt?: string | null;
  roles?: string[];
}

const KINDS = ['company', 'ngo', 'union', 'branch_org', 'local_partner', 'secretariat', 'supporter'];

function Organisations() {
  const t = useTexts(words);
  // the organisations of one sector agreement: a few hundred at most, so one list (the API does not page it)
  const orgs = useApi<unknown>('/organisations');
  const orgItems = itemsOf<Organisation>(orgs.data);
  const parties = orgItems.filter((o) => (o.kind === 'ngo' || o.kind === 'union') && o.party !== false);
  const [form, setForm] = useState({ name: '', slug: '', kind: 'company', country: 'NL', affiliatedTo: '' });
  const register = useAction();
  const [selected, setSelected] = useState<Organisation | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name: form.name.trim(), kind: form.kind, country: form.country.trim().toUpperCase() };
    if (form.slug.trim()) body.slug = form.slug.trim();
    if (form.kind === 'local_partner' && form.affiliatedTo) body.affiliatedTo = form.affiliatedTo;
    if (await register.run(() => api('POST', '/organisations', body))) {
      setForm({ name: '', slug: '', kind: 'company', country: 'NL', affiliatedTo: '' });
      orgs.reload();
    }
  };
  return (
    <Page title={t('organisations')}>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('constituency')}</th>
              <th scope="col">{t('party')}</th>
              <th scope="col">{t('people')}</th>
            </tr>
          </thead>
          <tbody>
            {orgItems.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{o.kind}{o.status && o.status !== 'active' ? ` (${o.status})` : ''}</td>
                <td>{o.constituency ?? '—'}</td>
                <td>{o.party === false ? t('no') : t('yes')}</td>
                <td>
                  <button type="button" className="link" onClick={() => setSelected(o)} aria-label={`${t('people')}: ${o.name}`}>
                    {t('people')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {orgs.loading && <Loading />}
      <ErrorMessage error={orgs.error} />
      {selected && <People org={selected} key={selected.id} />}
      <form className="card" onSubmit={submit}>
        <h2>{t('register')}</h2>
        <label htmlFor="org-name">{t('name')}</label>
        <input id="org-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor="org-slug">{t('slug')}</label>
        <input id="org-slug" pattern="[a-z0-9-]+" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} />
        <label htmlFor="org-kind">{t('kind')}</label>
        <select id="org-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <label htmlFor="org-country">{t('country')}</label>
        <input id="org-country" required maxLength={2} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })} />
        {form.kind === 'local_partner' && (
          <>
            <label htmlFor="org-affiliated">{t('affiliatedTo')}</label>
            <select id="org-affiliated" required value={form.affiliatedTo} onChange={(e) => setForm({ ...form, affiliatedTo: e.target.value })}>
              <option value="" />
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </>
        )}
        <ErrorMessage error={register.error} />
        {register.done && <p className="ok" role="status">{t('registered')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={register.busy}>
            {t('register')}
          </button>
        </div>
      </form>
    </Page>
  );
}

function People({ org }: { org: Organisation }) {
  const t = useTexts(words);
  const people = useApi<unknown>(`/organisations/${org.id}/people`);
  const [form, setForm] = useState({ name: '', email: '', language: 'nl', admin: false, staff: false });
  const invite = useAction();
  const disable = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const roles = ['member', ...(form.admin ? ['org_admin'] : []), ...(form.staff ? ['secretariat_staff'] : [])];
    if (await invite.run(() => api('POST', `/organisations/${org.id}/people`, { name: form.name.trim(), email: form.email.trim(), language: form.language, roles }))) {
      setForm({ name: '', email: '', language: 'nl', admin: false, staff: false });
      people.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="people-title">
      <h2 id="people-title">
        {t('people')} — {org.name}
      </h2>
      {people.loading && <Loading />}
      <ErrorMessage error={people.error} />
      {itemsOf<Person>(people.data).length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('disable')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {itemsOf<Person>(people.data).map((p) => {
                const off = p.status === 'disabled' || Boolean(p.disabledAt);
                return (
                  <tr key={p.id}>
                    <td>{p.name ?? ''}</td>
                    <td>{p.email}</td>
                    <td>{off ? t('disabled') : (p.status ?? '')}</td>
                    <td>
                      {!off && (
                        <button
                          type="button"
                          className="danger"
                          aria-label={`${t('disable')}: ${p.name ?? p.email}`}
                          disabled={disable.busy}
                          onClick={() => void disable.run(() => api('POST', `/people/${p.id}/disable`)).then(() => people.reload())}
                        >
                          {t('disable')}
                        </button>
                      )}{' '}
                      {!off && <ResetFactorsButton personId={p.id} name={p.name ?? p.email} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={disable.error} />
      <form onSubmit={submit}>
        <h3>{t('invite')}</h3>
        <label htmlFor="inv-name">{t('name')}</label>
        <input id="inv-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor="inv-email">{t('email')}</label>
        <input id="inv-email" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <label htmlFor="inv-lang">{t('language')}</label>
        <select id="inv-lang" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
        <fieldset>
          <legend>{t('roles')}</legend>
          <label className="check">
            <input type="checkbox" checked={form.admin} onChange={(e) => setForm({ ...form, admin: e.target.checked })} /> {t('admin')}
          </label>
          {org.kind === 'secretariat' && (
            <label className="check">
              <input type="checkbox" checked={form.staff} onChange={(e) => setForm({ ...form, staff: e.target.checked })} /> {t('staff')}
            </label>
          )}
        </fieldset>
        <ErrorMessage error={invite.error} />
        {invite.done && <p className="ok" role="status">{t('invited')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={invite.busy}>
            {t('sendInvite')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface NdaText {
  kind: string;
  version: number;
  title?: string;
  sha256: string;
  text: string;
  validForDays?: number;
  publishedAt?: string;
}

const NDA_KINDS = ['cso-monitoring', 'company-region', 'disclosure', 'supporters-protocol', 'secretariat-obligation'];

function NdaTexts() {
  const t = useTexts(words);
  const { language } = useSession();
  const texts = useApi<NdaText[]>('/ndas/texts');
  const [form, setForm] = useState({ kind: 'cso-monitoring', title: '', text: '', validForDays: 730 });
  const action = useAction();
  useEffect(() => {
    const cur = itemsOf<NdaText>(texts.data).find((x) => x.kind === form.kind);
    if (cur) setForm((f) => ({ ...f, title: cur.title ?? f.title, text: cur.text, validForDays: cur.validForDays ?? f.validForDays }));
  }, [form.kind, texts.data]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api('POST', '/ndas/texts', { kind: form.kind, title: form.title.trim(), text: form.text, validForDays: form.validForDays }))) texts.reload();
  };
  return (
    <Page title={t('ndas')}>
      <h2>{t('current')}</h2>
      {texts.loading && <Loading />}
      <ErrorMessage error={texts.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">{t('when')}</th>
            </tr>
          </thead>
          <tbody>
            {itemsOf<NdaText>(texts.data).map((x) => (
              <tr key={x.kind}>
                <td>{x.kind}</td>
                <td>{x.title ?? ''}</td>
                <td>{x.version}</td>
                <td>
                  <code>{x.sha256.slice(0, 16)}…</code>
                </td>
                <td>{formatDate(language, x.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card" onSubmit={submit}>
        <h2>{t('publish')}</h2>
        <label htmlFor="nda-kind">{t('kind')}</label>
        <select id="nda-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
          {NDA_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <label htmlFor="nda-title">{t('title')}</label>
        <input id="nda-title" required maxLength={200} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        <label htmlFor="nda-text">{t('text')}</label>
        <textarea id="nda-text" required minLength={20} rows={12} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        <label htmlFor="nda-days">{t('validForDays')}</label>
        <input id="nda-days" type="number" min={1} max={3650} value={form.validForDays} onChange={(e) => setForm({ ...form, validForDays: Number(e.target.value) })} />
        <ErrorMessage error={action.error} />
        {action.done && <p className="ok" role="status">{t('published')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('publish')}
          </button>
        </div>
      </form>
    </Page>
  );
}

function MonitoringEntry() {
  const t = useTexts(words);
  const v = useValues();
  const orgs = useApi<unknown>('/organisations');
  const companies = itemsOf<Organisation>(orgs.data).filter((o) => o.kind === 'company');
  const [companyId, setCompanyId] = useState('');
  const [round, setRound] = useState('baseline');
  const [finalScore, setFinalScore] = useState(60);
  const [signal, setSignal] = useState('orange');
  const [advice, setAdvice] = useState('');
  const [sections, setSections] = useState([1, 2, 3, 4, 5, 6].map((step) => ({ step, score: 60, advice: '' })));
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(() => api('PUT', `/monitoring/results/${companyId}/${round}`, { finalScore, signal, advice: advice.trim(), sections: sections.map((s) => ({ ...s, advice: s.advice.trim() })) }));
  };
  return (
    <Page title={t('monitoring')}>
      <form className="card" onSubmit={submit}>
        <label htmlFor="mon-company">{t('company')}</label>
        <select id="mon-company" required value={companyId} onChange={(e) => setCompanyId(e.target.value)}>
          <option value="" />
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor="mon-round">{t('round')}</label>
        <select id="mon-round" value={round} onChange={(e) => setRound(e.target.value)}>
          <option value="baseline">{v('round', 'baseline')}</option>
          <option value="year2">{v('round', 'year2')}</option>
          <option value="year4">{v('round', 'year4')}</option>
        </select>
        <label htmlFor="mon-score">{t('finalScore')}</label>
        <input id="mon-score" type="number" min={0} max={100} required value={finalScore} onChange={(e) => setFinalScore(Number(e.target.value))} />
        <label htmlFor="mon-signal">{t('signal')}</label>
        <select id="mon-signal" value={signal} onChange={(e) => setSignal(e.target.value)}>
          <option value="green">{v('signal', 'green')}</option>
          <option value="orange">{v('signal', 'orange')}</option>
          <option value="red">{v('signal', 'red')}</option>
        </select>
        <label htmlFor="mon-advice">{t('advice')}</label>
        <textarea id="mon-advice" required value={advice} onChange={(e) => setAdvice(e.target.value)} />
        {sections.map((s, i) => (
          <fieldset key={s.step}>
            <legend>{t('section', { n: s.step })}</legend>
            <label htmlFor={`sec-score-${i}`}>{t('score')}</label>
            <input
              id={`sec-score-${i}`}
              type="number"
              min={0}
              max={100}
              required
              value={s.score}
              onChange={(e) => setSections(sections.map((x, j) => (j === i ? { ...x, score: Number(e.target.value) } : x)))}
            />
            <label htmlFor={`sec-advice-${i}`}>{t('advice')}</label>
            <textarea id={`sec-advice-${i}`} required value={s.advice} onChange={(e) => setSections(sections.map((x, j) => (j === i ? { ...x, advice: e.target.value } : x)))} />
          </fieldset>
        ))}
        <ErrorMessage error={action.error} />
        {action.done && <p className="ok" role="status">{t('stored')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy || !companyId}>
            {t('store')}
          </button>
        </div>
      </form>
    </Page>
  );
}

interface AuditEntry {
  seq: string;
  occurredAt: string;
  actor: { personId: string | null; organisationId: string | null; personName?: string; organisationName?: string } | null;
  action: string;
  object: { type: string; id: string } | null;
  grant: { type: string; id: string } | null;
}

interface ChainVerification {
  ok: boolean;
  count: number;
  problem?: { seq: string; reason: string; checkpoint?: { seq: string; time: string; origin: string } };
  checkpoints?: { given: number; confirmed: number; lastConfirmedSeq: string | null };
  checkedAt: string;
}

function Audit() {
  const t = useTexts(words);
  const { language } = useSession();
  const verify = useAction();
  const [chain, setChain] = useState<ChainVerification>();
  const fill = (text: string, values: Record<string, string | number>) =>
    text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  const [filters, setFilters] = useState({ action: '', objectType: '', objectId: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const [cursors, setCursors] = useState<string[]>([]);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(applied)) if (v) q.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
  if (cursors.length) q.set('before', cursors[cursors.length - 1]);
  q.set('limit', '50');
  const page = useApi<{ items: AuditEntry[]; nextCursor: string | null }>(`/audit?${q}`);
  return (
    <Page title={t('audit')}>
      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">{t('chain')}</h2>
        <p className="muted">{t('chainCli')}</p>
        <button type="button" disabled={verify.busy} onClick={() => void verify.run(async () => setChain(await api<ChainVerification>('GET', '/audit/verification')))}>
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
              <input id={`audit-${k}`} value={filters[k]} onChange={(e) => setFilters({ ...filters, [k]: e.target.value })} />
            </div>
          ))}
          {(['from', 'to'] as const).map((k) => (
            <div key={k}>
              <label htmlFor={`audit-${k}`}>{t(k)}</label>
              <input id={`audit-${k}`} type="datetime-local" value={filters[k]} onChange={(e) => setFilters({ ...filters, [k]: e.target.value })} />
            </div>
          ))}
        </div>
        <div className="row">
          <button type="submit" className="primary">
            {t('filter')}
          </button>
        </div>
      </form>
      {page.loading && <Loading />}
      <ErrorMessage error={page.error} />
      {page.data && (
        <div className="table-wrap">
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
                  <td>{a.action}</td>
                  <td className="small">{a.actor ? (a.actor.personName ?? a.actor.personId?.slice(0, 8) ?? '—') : 'system'}</td>
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

interface RegionRequest {
  id: string;
  requesterName: string;
  year: number;
  countries: string[];
  regions: string[];
  purpose: string | null;
  status: 'submitted' | 'released' | 'declined';
  createdAt: string;
  decisionNote: string | null;
  companies: { id: string; name: string }[] | null;
  candidates?: { id: string; name: string }[];
}

/** Art. 21: the secretariat releases (or declines) which companies are active in the asked countries/regions. */
function RegionRequests() {
  const t = useTexts(words);
  const { language } = useSession();
  const list = useApi<RegionRequest[]>('/company-region-requests');
  const action = useAction();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const answer = (id: string, decision: 'release' | 'decline') =>
    action.run(async () => {
      await api('POST', `/company-region-requests/${id}/answer`, { decision, ...(notes[id]?.trim() ? { note: notes[id].trim() } : {}) });
      list.reload();
    });
  const items = itemsOf<RegionRequest>(list.data);
  return (
    <Page title={t('regionRequests')}>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data !== undefined && items.length === 0 && <p className="muted">{t('noRequests')}</p>}
      {items.map((r) => (
        <article key={r.id} className="card" aria-label={`${r.requesterName} ${r.year}`}>
          <h2>
            {r.requesterName} <span className="muted small">{formatDate(language, r.createdAt)}</span>
          </h2>
          <dl className="facts">
            <dt>{t('countries')}</dt>
            <dd>{[...r.countries, ...r.regions].join(', ')} ({r.year})</dd>
            {r.purpose && (
              <>
                <dt>{t('purpose')}</dt>
                <dd>{r.purpose}</dd>
              </>
            )}
            <dt>{t('status')}</dt>
            <dd>{r.status}</dd>
            {r.companies && (
              <>
                <dt>{t('answer')}</dt>
                <dd>{r.companies.map((c) => c.name).join(', ') || '—'}</dd>
              </>
            )}
          </dl>
          {r.status === 'submitted' && (
            <>
              {r.candidates && <p>{t('wouldRelease', { names: r.candidates.map((c) => c.name).join(', ') || '—' })}</p>}
              <label htmlFor={`note-${r.id}`}>{t('note')}</label>
              <textarea id={`note-${r.id}`} value={notes[r.id] ?? ''} onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })} maxLength={2000} />
              <div className="row">
                <button type="button" className="primary" disabled={action.busy} onClick={() => void answer(r.id, 'release')}>
                  {t('release')}
                </button>
                <button type="button" className="danger" disabled={action.busy} onClick={() => void answer(r.id, 'decline')}>
                  {t('decline')}
                </button>
              </div>
            </>
          )}
        </article>
      ))}
      <ErrorMessage error={action.error} />
    </Page>
  );
}

/**
 * The CSO expertise overview kept by the secretariat (art. 22, first sentence; policy secretariat-maintains-overview
 * in policies/cso-expertise.yaml): pick an NGO or union and edit its entries in the same form the NGO uses for its
 * own. The choice is confirmed with a button (no change of context on a mere select, WCAG 3.2.2) and kept in the
 * address (`?organisation=`), so the page can be linked and reloaded.
 */
function CsoExpertise() {
  const t = useTexts(words);
  const { query } = useLocation();
  const { me } = useSession();
  const chosen = query.get('organisation') ?? '';
  // someone else who follows a link here gets the reason, not a form the API would refuse
  const staff = me !== null && groupOf(me) === 'secretariat';
  const orgs = useApi<unknown>(staff ? '/organisations' : null);
  // the API keeps entries for NGOs and unions only (CsoExpertiseService.replace, art. 22): a local partner's network
  // is reported through its NGO
  const csos = itemsOf<Organisation>(orgs.data)
    .filter((o) => o.kind === 'ngo' || o.kind === 'union')
    .sort((a, b) => a.name.localeCompare(b.name));
  const [pick, setPick] = useState(chosen);
  const [opened, setOpened] = useState(false); // focus moves to the form only when the person opened it here
  useEffect(() => setPick(chosen), [chosen]);
  const org = csos.find((o) => o.id === chosen);
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (!pick) return;
    setOpened(true);
    navigate(`/secretariat/expertise?organisation=${encodeURIComponent(pick)}`);
  };
  const group = (kind: string, label: string) => {
    const list = csos.filter((o) => o.kind === kind);
    return list.length ? (
      <optgroup label={label}>
        {list.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {o.status && o.status !== 'active' ? ` (${o.status})` : ''}
          </option>
        ))}
      </optgroup>
    ) : null;
  };
  return (
    <Page title={t('expertise')}>
      <p className="muted">{t('expertiseIntro')}</p>
      {!staff && (
        <div className="notice">
          <p>{t('expertiseNotStaff')}</p>
          <WhyLink action="update" subject="CsoExpertise" {...(chosen ? { id: chosen } : {})} />
        </div>
      )}
      {orgs.loading && <Loading />}
      <ErrorMessage error={orgs.error} />
      {orgs.data !== undefined && csos.length === 0 && <p className="muted">{t('expertiseNone')}</p>}
      {csos.length > 0 && (
        <form className="card" onSubmit={open}>
          <label htmlFor="exp-org">{t('expertiseOrg')}</label>
          <select id="exp-org" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t('expertisePick')}</option>
            {group('ngo', t('kindNgo'))}
            {group('union', t('kindUnion'))}
          </select>
          <div className="row">
            <button type="submit" disabled={!pick || pick === chosen}>
              {t('expertiseOpen')}
            </button>
          </div>
        </form>
      )}
      {org && <NetworkForm key={org.id} organisationId={org.id} organisationName={org.name} by="secretariat" focusOnOpen={opened} />}
      {chosen && orgs.data !== undefined && !org && <p className="error" role="alert">{t('expertiseUnknown')}</p>}
    </Page>
  );
}
