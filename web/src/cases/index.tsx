import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, itemsOf, Loading, Page, Pager, useAction, useApi, useTexts, WhyLink } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link, match, useLocation } from '../router.tsx';
import { groupOf, useMe, useSession } from '../session.tsx';
import { AdmissibilitySection } from './admissibility.tsx';
import { type CaseSummary, CaseTable, countryName, Deadline, StateBadge, useCaseWords, usePaged } from '../shared.tsx';

/**
 * Cases (art. 22-24, 83-84), for every group: the list (paged on the server) and one case with its state, timeline,
 * deadlines and whatever the caller may do now (the API's `availableActions`): vote, consent, open access, see the
 * disclosed locations, report, confirm matches, the dialogue. The page shows only the fields the API returned.
 */
export default function CasePages() {
  const { path } = useLocation();
  const one = match('/cases/:id', path);
  if (one) return <CaseDetail id={one.id} key={one.id} />;
  return <CaseList />;
}

const words = {
  en: {
    title: 'Cases',
    mine: 'The cases you take part in',
    none: 'No cases yet.',
    type: 'Type',
    all: 'all types',
    state: 'State',
    anyState: 'any state',
    overview: 'Overview',
    grounds: 'Grounds',
    scope: 'Requested scope',
    approvedScope: 'Approved scope',
    countries: 'Countries',
    regions: 'Regions',
    materials: 'Raw materials',
    activities: 'Activity types',
    year: 'Year',
    requester: 'Requester',
    onBehalfOf: 'On behalf of',
    sponsor: 'Sponsoring constituency',
    subject: 'Company concerned',
    deadlines: 'Deadlines',
    noDeadlines: 'No open deadlines.',
    timeline: 'Timeline',
    ruling: 'Kerngroep ruling',
    stage: 'Stage',
    outcome: 'Outcome',
    basis: 'Basis',
    openedAt: 'Before the Kerngroep since',
    escalated: 'Escalated to the assembly of parties (art. 49)',
    deliberation: 'Deliberation',
    deliberationHidden: 'The deliberation is not shown to you (closed meeting, art. 48; a member concerned by the matter is recused, art. 84).',
    seat: 'Seat',
    recused: 'recused',
    absent: 'fixed member absent',
    substitute: 'substitute appointed',
    votes: 'Votes',
    noVotes: 'No votes cast yet.',
    vote: 'Vote',
    capacity: 'Capacity',
    reason: 'Reason',
    reasons: 'Reasons',
    castVote: 'Cast your seat’s vote',
    castAssemblyVote: 'Cast your organisation’s vote in the assembly',
    for: 'for',
    against: 'against',
    abstain: 'abstain',
    voteReason: 'Reason (optional)',
    submitVote: 'Cast vote',
    voted: 'Your vote is recorded.',
    seatVoted: 'Your seat has voted on this ruling (one vote per seat, art. 49).',
    orgVoted: 'Your organisation has voted in the assembly (one vote per party, art. 49).',
    chair: 'Chair: run the ruling (art. 50)',
    chairNoVote: 'As chair you run the ruling and have no vote.',
    recordAbsence: 'Record the fixed member’s absence (the deputy votes)',
    appointSubstitute: 'Appoint a substitute for a recused seat (art. 84)',
    substituteOrg: 'Substitute organisation (same constituency)',
    closeVote: 'Close the vote',
    'chairDone.propose': 'The proposal is put to the seats; they vote on this scope.',
    'chairDone.appoint-substitute': 'The substitute is appointed and votes for the seat.',
    'chairDone.record-absence': 'The absence is recorded; the deputy votes for the seat.',
    'chairDone.close-vote': 'The vote is closed.',
    closeReasons: 'Reasons for the outcome',
    apply: 'Apply',
    consent: 'Your consent (art. 19)',
    consentIntro: 'Your entries in this request’s scope. Approve to share the supplier identity, or restrict entries to region or country level. Silence is not consent.',
    level: 'Level',
    levelFull: 'approve: supplier identity and location',
    levelRegion: 'restrict: region only',
    levelCountry: 'restrict: country only',
    entry: 'Entry',
    approveAll: 'Approve all',
    sendConsent: 'Send my answer',
    consentStatus: 'Your answer: {status}',
    consents: 'Consent of the companies',
    company: 'Company',
    status: 'Status',
    actions: 'What you can do now',
    noActions: 'Nothing for you to do in this state.',
    'action.withdraw': 'Withdraw the request',
    'action.open-access': 'Open access (I signed the art-22 clause)',
    'action.close-consent': 'Close the consent round',
    'action.close-access': 'Close access',
    'action.confirm-brokering': 'Confirm the matches and open the dialogue',
    'action.close-resolved': 'Close: resolved',
    'action.close-joint-project': 'Close: joint project',
    'action.close-no-agreement': 'Close: no agreement',
    openAccessNote: 'Access needs the standard confidentiality clause of art. 22.',
    signClause: 'Sign the art-22 clause',
    disclosed: 'Disclosed locations',
    disclosedIntro: 'Visible while access is open. Supplier identity where the company consented; region or country where restricted; never which company buys from the supplier.',
    accessCloses: 'Access closes',
    supplier: 'Supplier',
    address: 'Address',
    city: 'City',
    country: 'Country',
    region: 'Region',
    activity: 'Activity',
    tier: 'Tier',
    shownAt: 'Shown at',
    report: 'Report risks at suppliers',
    reportBelow: 'You can report risks at the disclosed suppliers below.',
    reportIntro: 'Tick the entries where you found risks and describe what you found. The secretariat finds every member company that sources from them.',
    describe: 'What did you find?',
    sendReport: 'Send report',
    reports: 'Reports',
    brokered: 'Companies sourcing from the reported suppliers',
    confirmed: 'confirmed',
    notConfirmed: 'not yet confirmed',
    messages: 'Dialogue',
    noMessages: 'No messages yet.',
    newMessage: 'Your message',
    agreedAction: 'This is an agreed action',
    send: 'Send',
    linked: 'Linked cases',
    organisation: 'Organisation',
    consentBelow: 'Answer the consent request below.',
    answeredAt: 'Answered on',
    propose: 'Put a narrower scope to the vote (art. 22; before the first vote)',
    proposeSubmit: 'Propose this scope',
    'level.full': 'supplier identity',
    'level.region': 'region only',
    'level.country': 'country only',
    'consent.pending': 'not given yet',
    'consent.approved': 'approved',
    'consent.restricted': 'restricted',
    'consent.silent': 'no answer (silence is not consent)',
    'outcome.approved': 'approved',
    'outcome.rejected': 'rejected',
    'basis.consensus': 'consensus',
    'basis.majority': 'majority of the seats',
    'basis.assembly': 'assembly of parties',
    'seat.unions': 'unions',
    'seat.ngos': 'NGOs',
    'seat.branch_orgs': 'branch organisations',
    'seat.companies': 'companies',
    'stage.kerngroep': 'vote in the Kerngroep',
    'stage.assembly': 'vote in the assembly of parties',
    'stage.decided': 'decided',
    back: 'All cases',
  },
  nl: {
    title: 'Zaken',
    mine: 'De zaken waarin u een rol hebt',
    none: 'Nog geen zaken.',
    type: 'Soort',
    all: 'alle soorten',
    state: 'Status',
    anyState: 'elke status',
    overview: 'Overzicht',
    grounds: 'Onderbouwing',
    scope: 'Gevraagde reikwijdte',
    approvedScope: 'Goedgekeurde reikwijdte',
    countries: 'Landen',
    regions: 'Regio’s',
    materials: 'Grondstoffen',
    activities: 'Soorten activiteit',
    year: 'Jaar',
    requester: 'Verzoeker',
    onBehalfOf: 'Namens',
    sponsor: 'Ondersteunende geleding',
    subject: 'Betrokken bedrijf',
    deadlines: 'Termijnen',
    noDeadlines: 'Geen open termijnen.',
    timeline: 'Verloop',
    ruling: 'Besluit van de Kerngroep',
    stage: 'Fase',
    outcome: 'Uitkomst',
    basis: 'Grondslag',
    openedAt: 'Bij de Kerngroep sinds',
    escalated: 'Voorgelegd aan de vergadering van partijen (art. 49)',
    deliberation: 'Beraadslaging',
    deliberationHidden: 'De beraadslaging wordt u niet getoond (besloten vergadering, art. 48; een lid dat bij de zaak betrokken is, wordt vervangen, art. 84).',
    seat: 'Zetel',
    recused: 'vervangen wegens betrokkenheid',
    absent: 'vast lid afwezig',
    substitute: 'vervanger benoemd',
    votes: 'Stemmen',
    noVotes: 'Nog geen stemmen uitgebracht.',
    vote: 'Stem',
    capacity: 'Hoedanigheid',
    reason: 'Toelichting',
    reasons: 'Motivering',
    castVote: 'Breng de stem van uw zetel uit',
    castAssemblyVote: 'Breng de stem van uw organisatie uit in de vergadering',
    for: 'voor',
    against: 'tegen',
    abstain: 'onthouding',
    voteReason: 'Toelichting (niet verplicht)',
    submitVote: 'Stem uitbrengen',
    voted: 'Uw stem is vastgelegd.',
    seatVoted: 'Uw zetel heeft over dit besluit gestemd (één stem per zetel, art. 49).',
    orgVoted: 'Uw organisatie heeft in de vergadering gestemd (één stem per partij, art. 49).',
    chair: 'Voorzitter: het besluit leiden (art. 50)',
    chairNoVote: 'Als voorzitter leidt u het besluit en hebt u geen stem.',
    recordAbsence: 'Afwezigheid van het vaste lid vastleggen (de plaatsvervanger stemt)',
    appointSubstitute: 'Vervanger benoemen voor een zetel die zich terugtrekt (art. 84)',
    substituteOrg: 'Vervangende organisatie (zelfde geleding)',
    closeVote: 'Stemming sluiten',
    'chairDone.propose': 'Het voorstel ligt voor aan de zetels; zij stemmen over deze reikwijdte.',
    'chairDone.appoint-substitute': 'De vervanger is aangesteld en stemt voor de zetel.',
    'chairDone.record-absence': 'De afwezigheid is vastgelegd; de plaatsvervanger stemt voor de zetel.',
    'chairDone.close-vote': 'De stemming is gesloten.',
    closeReasons: 'Motivering van de uitkomst',
    apply: 'Uitvoeren',
    consent: 'Uw toestemming (art. 19)',
    consentIntro: 'Uw regels binnen de reikwijdte van dit verzoek. Keur goed om de identiteit van de leverancier te delen, of beperk regels tot regio of land. Zwijgen is geen toestemming.',
    level: 'Niveau',
    levelFull: 'goedkeuren: identiteit en locatie van de leverancier',
    levelRegion: 'beperken: alleen regio',
    levelCountry: 'beperken: alleen land',
    entry: 'Regel',
    approveAll: 'Alles goedkeuren',
    sendConsent: 'Mijn antwoord versturen',
    consentStatus: 'Uw antwoord: {status}',
    consents: 'Toestemming van de bedrijven',
    company: 'Bedrijf',
    status: 'Status',
    actions: 'Wat u nu kunt doen',
    noActions: 'In deze status hoeft u niets te doen.',
    'action.withdraw': 'Verzoek intrekken',
    'action.open-access': 'Inzage openen (ik heb de art-22-clausule getekend)',
    'action.close-consent': 'Toestemmingsronde sluiten',
    'action.close-access': 'Inzage sluiten',
    'action.confirm-brokering': 'Matches bevestigen en de dialoog openen',
    'action.close-resolved': 'Sluiten: opgelost',
    'action.close-joint-project': 'Sluiten: gezamenlijk project',
    'action.close-no-agreement': 'Sluiten: geen overeenstemming',
    openAccessNote: 'Voor inzage is de standaard geheimhoudingsclausule van art. 22 nodig.',
    signClause: 'De art-22-clausule tekenen',
    disclosed: 'Gedeelde productielocaties',
    disclosedIntro: 'Zichtbaar zolang de inzage open is. Identiteit van de leverancier waar het bedrijf toestemming gaf; regio of land waar beperkt; nooit welk bedrijf bij de leverancier inkoopt.',
    accessCloses: 'Inzage sluit',
    supplier: 'Leverancier',
    address: 'Adres',
    city: 'Plaats',
    country: 'Land',
    region: 'Regio',
    activity: 'Activiteit',
    tier: 'Schakel',
    shownAt: 'Getoond op',
    report: 'Risico’s bij leveranciers melden',
    reportBelow: 'Hieronder kunt u risico’s bij de gedeelde leveranciers melden.',
    reportIntro: 'Vink de regels aan waar u risico’s vond en beschrijf wat u vond. Het secretariaat zoekt alle lidbedrijven die daar inkopen.',
    describe: 'Wat hebt u gevonden?',
    sendReport: 'Melding versturen',
    reports: 'Meldingen',
    brokered: 'Bedrijven die bij de gemelde leveranciers inkopen',
    confirmed: 'bevestigd',
    notConfirmed: 'nog niet bevestigd',
    messages: 'Dialoog',
    noMessages: 'Nog geen berichten.',
    newMessage: 'Uw bericht',
    agreedAction: 'Dit is een afgesproken actie',
    send: 'Versturen',
    linked: 'Gekoppelde zaken',
    organisation: 'Organisatie',
    consentBelow: 'Beantwoord hieronder het toestemmingsverzoek.',
    answeredAt: 'Beantwoord op',
    propose: 'Een smallere reikwijdte in stemming brengen (art. 22; vóór de eerste stem)',
    proposeSubmit: 'Deze reikwijdte voorstellen',
    'level.full': 'identiteit leverancier',
    'level.region': 'alleen regio',
    'level.country': 'alleen land',
    'consent.pending': 'nog niet gegeven',
    'consent.approved': 'goedgekeurd',
    'consent.restricted': 'beperkt',
    'consent.silent': 'geen antwoord (zwijgen is geen toestemming)',
    'outcome.approved': 'goedgekeurd',
    'outcome.rejected': 'afgewezen',
    'basis.consensus': 'consensus',
    'basis.majority': 'meerderheid van de zetels',
    'basis.assembly': 'vergadering van partijen',
    'seat.unions': 'vakbonden',
    'seat.ngos': 'ngo’s',
    'seat.branch_orgs': 'brancheorganisaties',
    'seat.companies': 'bedrijven',
    'stage.kerngroep': 'stemming in de Kerngroep',
    'stage.assembly': 'stemming in de vergadering van partijen',
    'stage.decided': 'besloten',
    back: 'Alle zaken',
  },
};
type W = keyof (typeof words)['en'];

/** A word of the dictionary when there is one (seats, stages), else the API's own value. */
const known = (t: (k: W) => string, prefix: string, value: string) => (`${prefix}.${value}` in words.en ? t(`${prefix}.${value}` as W) : value);


function CaseList() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const [type, setType] = useState('');
  const list = usePaged<CaseSummary>(`/cases${type ? `?type=${type}` : ''}`, 25);
  return (
    <Page title={t('title')}>
      <div className="row">
        <label htmlFor="case-type">{t('type')}</label>
        <select id="case-type" value={type} onChange={(e) => { setType(e.target.value); list.setPage(1); }}>
          <option value="">{t('all')}</option>
          {['disclosure', 'restriction', 'complaint'].map((x) => (
            <option key={x} value={x}>
              {cw.type(x)}
            </option>
          ))}
        </select>
      </div>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'Case' }} />
      {list.data !== undefined && <CaseTable cases={list.items} caption={t('mine')} empty={t('none')} />}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}

interface Scope {
  countries?: string[];
  regions?: string[];
  rawMaterials?: string[];
  activityTypes?: string[];
  year?: number;
}

interface CaseView extends CaseSummary {
  version: number;
  scope?: Scope | null;
  approvedScope?: Scope | null;
  sponsor?: { constituency: string; organisation: { id: string; name: string | null } | null } | null;
  ruling?: { stage: string; proposal: Record<string, unknown>; outcome: string | null; basis: string | null; escalated: boolean; openedAt: string; escalatedAt: string | null; decidedAt: string | null } | null;
  deliberation?: {
    seats: { seat: string; isRecused: boolean; isFixedAbsent: boolean; substituteOrganisationId: string | null }[];
    votes: { stage: string; seat: string | null; organisation: string; person: string; capacity: string; vote: string; reason: string | null; castAt: string }[];
    tally: Record<string, unknown> | null;
    escalationReason: string | null;
    reasons: string | null;
  };
  timeline?: { at: string; by: { person: string; organisation: string } | null; action: string; from?: string | null; to?: string | null; details?: Record<string, unknown> }[];
  consents?: { company: { id: string; name: string }; status: string; answeredAt: string | null }[];
  myConsent?: { status: string; answeredAt: string | null; entries: { id: string; level: string | null }[] } | null;
  /** the vote the caller's organisation cast at the ruling's current stage (a party in the assembly sees no deliberation) */
  myVote?: { stage: string; vote: string; castAt: string } | null;
  reports?: { id: string; locationRefs: string[]; description: string; createdAt: string }[];
  brokeredCompanies?: { id: string; name: string; confirmed: boolean }[];
  messages?: { id: number; author: string; organisation: string; kind: string; body: string; at: string }[];
  linkedCases?: { id: string }[] | string[];
}

const TRANSITIONS = ['withdraw', 'open-access', 'close-consent', 'close-access', 'confirm-brokering', 'close-resolved', 'close-joint-project', 'close-no-agreement'];

function CaseDetail({ id }: { id: string }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const me = useMe();
  const loaded = useApi<CaseView>(`/cases/${id}`);
  // An action's answer is the case as it is now; it stands until the next read arrives. Derived in the render, not
  // copied in an effect: a copy lags one render behind the read, and that render showed an empty page.
  const [answer, setAnswer] = useState<{ view: CaseView; over: CaseView | undefined }>();
  const c = answer && answer.over === loaded.data ? answer.view : loaded.data;
  const refresh = (next?: unknown) => {
    if (next && typeof next === 'object' && 'state' in (next as object)) setAnswer({ view: next as CaseView, over: loaded.data });
    else loaded.reload();
  };
  if (loaded.loading && !c) return <Loading />;
  if (loaded.error || !c)
    return (
      <Page title={t('title')}>
        <ErrorMessage error={loaded.error} why={{ action: 'read', subject: 'Case', id }} />
        <Link to="/cases">{t('back')}</Link>
      </Page>
    );
  const actions = c.availableActions ?? [];
  const transitions = actions.filter((a) => TRANSITIONS.includes(a));
  const isChair = me.isKerngroepChair;
  const inKerngroep = Boolean(me.kerngroepSeat) || isChair || groupOf(me) === 'secretariat';
  return (
    <Page title={`${cw.type(c.type)} #${c.id.slice(0, 8)}`} actions={<StateBadge state={c.state} />}>
      <p>
        <Link to="/cases">← {t('back')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('state')}</dt>
        <dd>{cw.state(c.state)}</dd>
        {c.requester && (
          <>
            <dt>{t('requester')}</dt>
            <dd>{c.requester.name}</dd>
          </>
        )}
        {c.onBehalfOf && (
          <>
            <dt>{t('onBehalfOf')}</dt>
            <dd>{c.onBehalfOf.name}</dd>
          </>
        )}
        {c.sponsor && (
          <>
            <dt>{t('sponsor')}</dt>
            <dd>
              {known(t, 'seat', c.sponsor.constituency)}
              {c.sponsor.organisation?.name ? ` — ${c.sponsor.organisation.name}` : ''}
            </dd>
          </>
        )}
        {c.subjectCompany && (
          <>
            <dt>{t('subject')}</dt>
            <dd>{c.subjectCompany.name}</dd>
          </>
        )}
        {c.grounds && (
          <>
            <dt>{t('grounds')}</dt>
            <dd>{c.grounds}</dd>
          </>
        )}
        {c.access?.closesAt && (
          <>
            <dt>{t('accessCloses')}</dt>
            <dd>
              <Deadline at={c.access.closesAt} />
            </dd>
          </>
        )}
      </dl>
      {c.scope && c.type === 'disclosure' && <ScopeFacts title={t('scope')} scope={c.scope} />}
      {c.approvedScope && <ScopeFacts title={t('approvedScope')} scope={c.approvedScope} />}

      <h2>{t('actions')}</h2>
      {actions.length === 0 && !(c.myConsent && c.state === 'awaiting_consent') && <p className="muted">{t('noActions')}</p>}
      {c.myConsent && c.state === 'awaiting_consent' && <p>{t('consentBelow')}</p>}
      {actions.includes('report') && <p>{t('reportBelow')}</p>}
      {transitions.length > 0 && <Transitions c={c} actions={transitions} onDone={refresh} />}

      {c.type === 'complaint' && <AdmissibilitySection caseId={c.id} key={`${c.id}-${c.version}`} />}
      {c.ruling && <RulingSection c={c} inKerngroep={inKerngroep} onDone={refresh} />}
      {c.myConsent && <ConsentForm c={c} onDone={refresh} />}
      {c.consents && c.consents.length > 0 && (
        <section>
          <h2>{t('consents')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('company')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('answeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {c.consents.map((x) => (
                  <tr key={x.company.id}>
                    <td>{x.company.name}</td>
                    <td>{known(t, 'consent', x.status)}</td>
                    <td>{formatDate(language, x.answeredAt, true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {c.type === 'disclosure' && (c.state === 'access_open' || (c.state === 'access_closed' && actions.includes('report'))) && <Disclosed c={c} onDone={refresh} />}
      {c.reports && c.reports.length > 0 && (
        <section>
          <h2>{t('reports')}</h2>
          <ul className="messages">
            {c.reports.map((r) => (
              <li key={r.id}>
                <div className="meta">
                  {formatDate(language, r.createdAt, true)} · {r.locationRefs.length} × {t('entry').toLowerCase()}
                </div>
                {r.description}
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.brokeredCompanies && c.brokeredCompanies.length > 0 && (
        <section>
          <h2>{t('brokered')}</h2>
          <ul>
            {c.brokeredCompanies.map((b) => (
              <li key={b.id}>
                {b.name} — <span className="muted">{b.confirmed ? t('confirmed') : t('notConfirmed')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Deadlines c={c} />
      {c.messages && <Messages c={c} onDone={() => loaded.reload()} />}
      {c.timeline && (
        <section>
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {c.timeline.map((e, i) => (
              <li key={i}>
                <div className="small muted">{formatDate(language, e.at, true)}</div>
                <strong>{e.action.replaceAll('.', ' ').replaceAll('-', ' ')}</strong>
                {e.to && e.from !== e.to ? ` → ${cw.state(e.to)}` : ''}
                {e.by && !e.action.startsWith('ruling-') ? <span className="muted"> — {e.by.person} ({e.by.organisation})</span> : null}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}

function ScopeFacts({ title, scope }: { title: string; scope: Scope }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  return (
    <section>
      <h2>{title}</h2>
      <dl className="facts">
        {scope.countries?.length ? (
          <>
            <dt>{t('countries')}</dt>
            <dd>{scope.countries.map((x) => countryName(language, x)).join(', ')}</dd>
          </>
        ) : null}
        {scope.regions?.length ? (
          <>
            <dt>{t('regions')}</dt>
            <dd>{scope.regions.join(', ')}</dd>
          </>
        ) : null}
        {scope.rawMaterials?.length ? (
          <>
            <dt>{t('materials')}</dt>
            <dd>{scope.rawMaterials.join(', ')}</dd>
          </>
        ) : null}
        {scope.activityTypes?.length ? (
          <>
            <dt>{t('activities')}</dt>
            <dd>{scope.activityTypes.map(cw.activity).join(', ')}</dd>
          </>
        ) : null}
        {scope.year ? (
          <>
            <dt>{t('year')}</dt>
            <dd>{scope.year}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function Deadlines({ c }: { c: CaseView }) {
  const t = useTexts(words);
  if (!c.deadlines) return null;
  return (
    <section>
      <h2>{t('deadlines')}</h2>
      {c.deadlines.length === 0 ? (
        <p className="muted">{t('noDeadlines')}</p>
      ) : (
        <ul>
          {[...c.deadlines]
            .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
            .map((d) => (
              <li key={`${d.kind}-${d.dueAt}`}>
                <Deadline at={d.dueAt} kind={d.kind} />
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

function Transitions({ c, actions, onDone }: { c: CaseView; actions: string[]; onDone(next: unknown): void }) {
  const t = useTexts(words);
  const me = useMe();
  const action = useAction();
  const [companyIds, setCompanyIds] = useState<string[] | null>(null);
  const hasArt22 = me.activeNdas.some((n) => /22|standard|access|disclos/.test(n.kind));
  const run = (name: string) =>
    action.run(async () => {
      const body: Record<string, unknown> = { action: name, version: c.version };
      if (name === 'confirm-brokering' && companyIds) body.companyIds = companyIds;
      onDone(await api('POST', `/cases/${c.id}/transitions`, body));
    });
  return (
    <div className="card">
      {actions.includes('open-access') && !hasArt22 && (
        <div className="notice">
          <p>{t('openAccessNote')}</p>
          <Link to="/my?kind=disclosure">{t('signClause')}</Link>
        </div>
      )}
      {actions.includes('confirm-brokering') && c.brokeredCompanies && (
        <fieldset>
          <legend>{t('brokered')}</legend>
          {c.brokeredCompanies.map((b) => (
            <label key={b.id} className="check">
              <input
                type="checkbox"
                checked={(companyIds ?? c.brokeredCompanies!.map((x) => x.id)).includes(b.id)}
                onChange={(e) => {
                  const cur = companyIds ?? c.brokeredCompanies!.map((x) => x.id);
                  setCompanyIds(e.target.checked ? [...cur, b.id] : cur.filter((x) => x !== b.id));
                }}
              />
              {b.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="row">
        {actions.map((a) => (
          <button key={a} type="button" className={a === 'withdraw' || a.startsWith('close-no') ? 'danger' : 'primary'} disabled={action.busy} onClick={() => void run(a)}>
            {t(`action.${a}` as W)}
          </button>
        ))}
      </div>
      <ErrorMessage error={action.error} why={{ action: 'transition', subject: 'Case', id: c.id }} />
    </div>
  );
}

function RulingSection({ c, inKerngroep, onDone }: { c: CaseView; inKerngroep: boolean; onDone(next?: unknown): void }) {
  const t = useTexts(words);
  const { language } = useSession();
  const me = useMe();
  const r = c.ruling!;
  const open = r.stage !== 'decided' && c.state === 'awaiting_ruling';
  // a seat holder, or the party the chair appointed as substitute for a recused seat (art. 84); the API decides
  const isSubstitute = Boolean(c.deliberation?.seats.some((s) => s.substituteOrganisationId === me.organisation.id));
  const canVoteKerngroep = open && r.stage === 'kerngroep' && (Boolean(me.kerngroepSeat) || isSubstitute) && !me.isKerngroepChair;
  const canVoteAssembly = open && r.stage === 'assembly' && me.organisation.party !== false && ['ngo', 'union', 'branch_org', 'company'].includes(me.organisation.kind);
  const d = c.deliberation;
  // The confirmation lives here, not in the form: the last vote decides the ruling, the refreshed case then has no
  // open vote and the form goes away, and the voter must still see that the vote counted.
  const [justVoted, setJustVoted] = useState(false);
  // The same for the chair: closing the vote decides the ruling and the panel goes away with the open vote.
  const [chairDone, setChairDone] = useState<string | null>(null);
  const mySeat = r.stage === 'kerngroep' ? (d?.seats.find((s) => s.substituteOrganisationId === me.organisation.id)?.seat ?? me.kerngroepSeat?.constituency) : undefined;
  // one vote per seat in the Kerngroep, one per party organisation in the assembly (art. 49): no form once it is cast —
  // by this organisation (the API's myVote), or in the Kerngroep by the other representative of the same seat
  const alreadyVoted = Boolean(c.myVote) || Boolean(r.stage === 'kerngroep' && d?.votes.some((v) => v.stage === 'kerngroep' && v.seat === mySeat));
  return (
    <section>
      <h2>{t('ruling')}</h2>
      <dl className="facts">
        <dt>{t('stage')}</dt>
        <dd>{known(t, 'stage', r.stage)}</dd>
        <dt>{t('openedAt')}</dt>
        <dd>{formatDate(language, r.openedAt, true)}</dd>
        {r.outcome && (
          <>
            <dt>{t('outcome')}</dt>
            <dd>
              <span className={`badge ${r.outcome}`}>{known(t, 'outcome', r.outcome)}</span> {r.basis ? `(${known(t, 'basis', r.basis)})` : ''}
            </dd>
          </>
        )}
      </dl>
      {r.escalated && <p className="notice">{t('escalated')}</p>}
      {d ? (
        <div className="card" aria-labelledby="deliberation-title">
          <h3 id="deliberation-title">{t('deliberation')}</h3>
          <ul>
            {d.seats.map((s) => (
              <li key={s.seat}>
                {t('seat')} {known(t, 'seat', s.seat)}
                {s.isRecused ? ` — ${t('recused')}` : ''}
                {s.isFixedAbsent ? ` — ${t('absent')}` : ''}
                {s.substituteOrganisationId ? ` — ${t('substitute')}` : ''}
              </li>
            ))}
          </ul>
          {d.votes.length === 0 ? (
            <p className="muted">{t('noVotes')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t('votes')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('seat')}</th>
                    <th scope="col">{t('organisation')}</th>
                    <th scope="col">{t('capacity')}</th>
                    <th scope="col">{t('vote')}</th>
                    <th scope="col">{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.votes.map((v, i) => (
                    <tr key={i}>
                      <td>{v.seat ? known(t, 'seat', v.seat) : known(t, 'stage', v.stage)}</td>
                      <td>
                        {v.organisation} <span className="muted small">({v.person})</span>
                      </td>
                      <td>{v.capacity}</td>
                      <td>{t(v.vote as W)}</td>
                      <td>{v.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.escalationReason && <p>{d.escalationReason}</p>}
          {d.reasons && (
            <p>
              <strong>{t('reasons')}:</strong> {d.reasons}
            </p>
          )}
        </div>
      ) : (
        inKerngroep && (
          <div className="notice" role="note">
            <p>{t('deliberationHidden')}</p>
            <WhyLink action="read" subject="Case" id={c.id} />
          </div>
        )
      )}
      {justVoted ? (
        <p className="ok" role="status">
          {t('voted')}
        </p>
      ) : (
        (canVoteKerngroep || canVoteAssembly) &&
        (alreadyVoted ? (
          <p className="muted">{canVoteAssembly ? t('orgVoted') : t('seatVoted')}</p>
        ) : (
          <VoteForm
            c={c}
            assembly={canVoteAssembly}
            onDone={() => {
              setJustVoted(true);
              onDone();
            }}
          />
        ))
      )}
      {chairDone && (
        <p className="ok" role="status">
          {t(`chairDone.${chairDone}` as W)}
        </p>
      )}
      {me.isKerngroepChair && open && (
        <ChairPanel
          c={c}
          onStart={() => setChairDone(null)}
          onDone={(next, action) => {
            setChairDone(action);
            onDone(next);
          }}
        />
      )}
    </section>
  );
}

function VoteForm({ c, assembly, onDone }: { c: CaseView; assembly: boolean; onDone(): void }) {
  const t = useTexts(words);
  const [vote, setVote] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api('POST', `/cases/${c.id}/votes`, { vote, ...(reason.trim() ? { reason: reason.trim() } : {}) }))) onDone();
  };
  return (
    <form className="card" onSubmit={submit}>
      <fieldset>
        <legend>{assembly ? t('castAssemblyVote') : t('castVote')}</legend>
        {(['for', 'against', 'abstain'] as const).map((v) => (
          <label key={v} className="check">
            <input type="radio" name="vote" value={v} required checked={vote === v} onChange={() => setVote(v)} /> {t(v)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="vote-reason">{t('voteReason')}</label>
      <textarea id="vote-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      <ErrorMessage error={action.error} why={{ action: 'vote', subject: 'Case', id: c.id }} />
      <div className="row">
        <button type="submit" className="primary" disabled={!vote || action.busy}>
          {t('submitVote')}
        </button>
      </div>
    </form>
  );
}

interface Organisation {
  id: string;
  name: string;
  kind: string;
  constituency?: string | null;
  party?: boolean;
}

function ChairPanel({ c, onStart, onDone }: { c: CaseView; onStart(): void; onDone(next: unknown, action: string): void }) {
  const t = useTexts(words);
  const orgs = useApi<unknown>('/organisations');
  const action = useAction();
  const [seat, setSeat] = useState('');
  const [orgId, setOrgId] = useState('');
  const [reasons, setReasons] = useState('');
  const seats = c.deliberation?.seats.map((s) => s.seat) ?? ['unions', 'ngos', 'branch_orgs', 'companies'];
  const recused = c.deliberation?.seats.filter((s) => s.isRecused && !s.substituteOrganisationId).map((s) => s.seat) ?? seats;
  const candidates = itemsOf<Organisation>(orgs.data).filter((o) => o.party !== false && (!seat || o.constituency === seat) && o.id !== c.requester?.id && o.id !== c.subjectCompany?.id);
  const run = (body: Record<string, unknown> & { action: string }) => {
    onStart();
    return action.run(async () => onDone(await api('POST', `/cases/${c.id}/transitions`, body), body.action));
  };
  return (
    <div className="card">
      <h3>{t('chair')}</h3>
      <p className="muted">{t('chairNoVote')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run({ action: 'appoint-substitute', seat, organisationId: orgId });
        }}
      >
        <h4>{t('appointSubstitute')}</h4>
        <label htmlFor="chair-seat">{t('seat')}</label>
        <select id="chair-seat" value={seat} required onChange={(e) => setSeat(e.target.value)}>
          <option value="" />
          {recused.map((s) => (
            <option key={s} value={s}>
              {known(t, 'seat', s)}
            </option>
          ))}
        </select>
        <label htmlFor="chair-org">{t('substituteOrg')}</label>
        <select id="chair-org" value={orgId} required onChange={(e) => setOrgId(e.target.value)}>
          <option value="" />
          {candidates.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <div className="row">
          <button type="submit" disabled={action.busy || !seat || !orgId}>
            {t('apply')}
          </button>
          <button type="button" disabled={action.busy || !seat} onClick={() => void run({ action: 'record-absence', seat, absent: true })}>
            {t('recordAbsence')}
          </button>
        </div>
      </form>
      {c.type === 'disclosure' && c.scope && c.ruling?.stage === 'kerngroep' && (c.deliberation?.votes.length ?? 0) === 0 && (
        <ProposeScope scope={c.scope} proposal={(c.ruling?.proposal as { scope?: Scope } | undefined)?.scope} busy={action.busy} onPropose={(scope) => void run({ action: 'propose', proposal: { scope } })} />
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run({ action: 'close-vote', ...(reasons.trim() ? { reasons: reasons.trim() } : {}) });
        }}
      >
        <label htmlFor="chair-reasons">{t('closeReasons')}</label>
        <textarea id="chair-reasons" value={reasons} onChange={(e) => setReasons(e.target.value)} />
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('closeVote')}
          </button>
        </div>
      </form>
      <ErrorMessage error={action.error} />
    </div>
  );
}

/** The chair narrows the requested scope before the vote: only values of the request can stay (art. 22). */
function ProposeScope({ scope, proposal, busy, onPropose }: { scope: Scope; proposal?: Scope; busy: boolean; onPropose(scope: Scope): void }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const keys = (['countries', 'regions', 'rawMaterials', 'activityTypes'] as const).filter((k) => scope[k]?.length);
  const [picked, setPicked] = useState<Record<string, string[]>>(() => Object.fromEntries(keys.map((k) => [k, [...((proposal?.[k]?.length ? proposal[k] : scope[k]) ?? [])]])));
  const label = (k: (typeof keys)[number], v: string) => (k === 'countries' ? countryName(language, v) : k === 'activityTypes' ? cw.activity(v) : v);
  const legend = { countries: t('countries'), regions: t('regions'), rawMaterials: t('materials'), activityTypes: t('activities') };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onPropose({ ...picked, ...(scope.year ? { year: scope.year } : {}) });
      }}
    >
      <h4>{t('propose')}</h4>
      {keys.map((k) => (
        <fieldset key={k}>
          <legend>{legend[k]}</legend>
          {scope[k]!.map((v) => (
            <label key={v} className="check">
              <input
                type="checkbox"
                name={`propose-${k}`}
                value={v}
                checked={picked[k].includes(v)}
                onChange={(e) => setPicked({ ...picked, [k]: e.target.checked ? [...picked[k], v] : picked[k].filter((x) => x !== v) })}
              />
              {label(k, v)}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="row">
        <button type="submit" disabled={busy || keys.some((k) => picked[k].length === 0)}>
          {t('proposeSubmit')}
        </button>
      </div>
    </form>
  );
}

interface OwnEntry {
  id: string;
  supplierName: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  rawMaterials: string[];
}

function ConsentForm({ c, onDone }: { c: CaseView; onDone(next?: unknown): void }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const mine = c.myConsent!;
  const year = c.approvedScope?.year ?? c.scope?.year;
  const own = useApi<unknown>(year ? `/production-locations?year=${year}&pageSize=500` : null);
  const byId = new Map(itemsOf<OwnEntry>(own.data).map((e) => [e.id, e]));
  const [levels, setLevels] = useState<Record<string, string>>(() => Object.fromEntries(mine.entries.map((e) => [e.id, e.level && e.level !== 'full' ? e.level : 'full'])));
  const action = useAction();
  const canAnswer = c.state === 'awaiting_consent';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const restricted = Object.entries(levels).filter(([, l]) => l !== 'full');
    const body = restricted.length ? { decision: 'restrict', locations: restricted.map(([id, level]) => ({ id, level })) } : { decision: 'approve' };
    await action.run(async () => onDone(await api('POST', `/cases/${c.id}/consents`, body)));
  };
  return (
    <section>
      <h2>{t('consent')}</h2>
      <p>{t('consentStatus', { status: known(t, 'consent', mine.status) })}</p>
      <p className="muted">{t('consentIntro')}</p>
      <form onSubmit={submit}>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('entry')}</th>
                <th scope="col">{t('country')}</th>
                <th scope="col">{t('activity')}</th>
                <th scope="col">{t('level')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.entries.map((e, i) => {
                const x = byId.get(e.id);
                return (
                  <tr key={e.id}>
                    <td>{x?.supplierName ?? `#${e.id.slice(0, 8)}`}</td>
                    <td>
                      {x ? countryName(language, x.country) : ''}
                      {x?.region ? `, ${x.region}` : ''}
                    </td>
                    <td>{x ? `${cw.activity(x.activityType)} · ${x.rawMaterials.join(', ')}` : ''}</td>
                    <td>
                      <label className="small" htmlFor={`level-${i}`}>
                        {t('level')} {x?.supplierName ?? i + 1}
                      </label>
                      <select id={`level-${i}`} disabled={!canAnswer} value={levels[e.id] ?? 'full'} onChange={(ev) => setLevels({ ...levels, [e.id]: ev.target.value })}>
                        <option value="full">{t('levelFull')}</option>
                        <option value="region">{t('levelRegion')}</option>
                        <option value="country">{t('levelCountry')}</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ErrorMessage error={action.error} why={{ action: 'consent', subject: 'Case', id: c.id }} />
        {canAnswer && (
          <div className="row">
            <button type="button" onClick={() => setLevels(Object.fromEntries(mine.entries.map((e) => [e.id, 'full'])))}>
              {t('approveAll')}
            </button>
            <button type="submit" className="primary" disabled={action.busy}>
              {t('sendConsent')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

interface DisclosedEntry {
  id: string;
  level: string;
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  rawMaterials: string[];
  tier: number;
}

function Disclosed({ c, onDone }: { c: CaseView; onDone(next?: unknown): void }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const list = useApi<unknown>(c.state === 'access_open' ? `/cases/${c.id}/disclosed-locations` : null);
  const entries = itemsOf<DisclosedEntry>(list.data);
  const [picked, setPicked] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const action = useAction();
  const canReport = (c.availableActions ?? []).includes('report') || c.state === 'access_open';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(async () => onDone(await api('POST', `/cases/${c.id}/reports`, { locationRefs: picked, description: description.trim() })))) {
      setPicked([]);
      setDescription('');
    }
  };
  return (
    <section>
      <h2>{t('disclosed')}</h2>
      <p className="muted">{t('disclosedIntro')}</p>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'DisclosedLocation', id: c.id }} />
      <form onSubmit={submit}>
        {entries.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption>{t('disclosed')}</caption>
              <thead>
                <tr>
                  {canReport && <th scope="col">{t('report')}</th>}
                  <th scope="col">{t('supplier')}</th>
                  <th scope="col">{t('address')}</th>
                  <th scope="col">{t('country')}</th>
                  <th scope="col">{t('activity')}</th>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{t('shownAt')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={e.id}>
                    {canReport && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('report')}: ${e.supplierName ?? `${t('entry')} ${i + 1}`}`}
                          checked={picked.includes(e.id)}
                          onChange={(ev) => setPicked(ev.target.checked ? [...picked, e.id] : picked.filter((x) => x !== e.id))}
                        />
                      </td>
                    )}
                    <td>{e.supplierName ?? '—'}</td>
                    <td>{[e.address, e.postcode, e.city].filter(Boolean).join(', ') || '—'}</td>
                    <td>
                      {countryName(language, e.country)}
                      {e.region ? `, ${e.region}` : ''}
                    </td>
                    <td>
                      {cw.activity(e.activityType)} · {e.rawMaterials.join(', ')}
                    </td>
                    <td>{e.tier === 3 ? '3+' : e.tier}</td>
                    <td>{known(t, 'level', e.level)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canReport && entries.length > 0 && (
          <div className="card">
            <h3>{t('report')}</h3>
            <p className="muted">{t('reportIntro')}</p>
            <label htmlFor="report-description">{t('describe')}</label>
            <textarea id="report-description" required value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} />
            <ErrorMessage error={action.error} />
            <div className="row">
              <button type="submit" className="primary" disabled={action.busy || picked.length === 0 || !description.trim()}>
                {t('sendReport')}
              </button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}

function Messages({ c, onDone }: { c: CaseView; onDone(): void }) {
  const t = useTexts(words);
  const { language } = useSession();
  const [body, setBody] = useState('');
  const [agreed, setAgreed] = useState(false);
  const action = useAction();
  const closed = /^closed|rejected|withdrawn|dismissed/.test(c.state);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api('POST', `/cases/${c.id}/messages`, { body: body.trim(), ...(agreed ? { kind: 'agreed-action' } : {}) }))) {
      setBody('');
      setAgreed(false);
      onDone();
    }
  };
  return (
    <section>
      <h2>{t('messages')}</h2>
      {c.messages!.length === 0 ? (
        <p className="muted">{t('noMessages')}</p>
      ) : (
        <ul className="messages">
          {c.messages!.map((m) => (
            <li key={m.id}>
              <div className="meta">
                {m.author} ({m.organisation}) · {formatDate(language, m.at, true)}
                {m.kind === 'agreed-action' ? ` · ${t('agreedAction').toLowerCase()}` : ''}
              </div>
              {m.body}
            </li>
          ))}
        </ul>
      )}
      {!closed && (
        <form onSubmit={submit}>
          <label htmlFor="message-body">{t('newMessage')}</label>
          <textarea id="message-body" required value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} />
          <label className="check">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} /> {t('agreedAction')}
          </label>
          <ErrorMessage error={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy || !body.trim()}>
              {t('send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
