import { Link, route } from '../router.tsx';
import { Routes } from '../section-routes.tsx';
import { useGet } from '../api/client.ts';
import { type CaseView } from '../cases/types.ts';
import { useCasePage } from '../cases/case-page.ts';
import { ErrorMessage, Loading, Page, Pager, useTexts } from '../components.tsx';
import { useMe } from '../session.tsx';
import { CaseTable, Deadline, firstDeadline } from '../shared.tsx';
import { TaskList } from '../tasks.tsx';
import MeetingsPage from './meetings.tsx';

/**
 * The Kerngroep (issue 8, item 6): the matters to rule on with their deadlines, escalated matters, and decided
 * ones. Each matter opens in the case page, which shows the deliberation (never to a recused member: the API
 * leaves it out), the vote form for a seat holder, and the chair's controls (no vote for the chair, art. 50).
 */
export default function KerngroepPages() {
  return <Routes routes={KERNGROEP_ROUTES} fallback={<KerngroepOverview />} />;
}

/** art. 48: the meetings page is for every party (headline minutes), not only the Kerngroep. */
const KERNGROEP_ROUTES = [route('/kerngroep/meetings', () => <MeetingsPage />)];

function KerngroepOverview() {
  const t = useTexts(words);
  const me = useMe();
  const list = useCasePage({}, 100);
  const byDeadline = (a: CaseView, b: CaseView) => Date.parse(firstDeadline(a)?.dueAt ?? '9999-12-31') - Date.parse(firstDeadline(b)?.dueAt ?? '9999-12-31');
  const withRuling = list.items.filter((c) => c.ruling);
  const open = withRuling.filter((c) => c.ruling!.stage === 'kerngroep' && c.state === 'awaiting_ruling').sort(byDeadline);
  const escalated = withRuling.filter((c) => c.ruling!.stage === 'assembly').sort(byDeadline);
  const decided = withRuling.filter((c) => c.ruling!.stage === 'decided');
  const seatWord = (x: string) => (`seat.${x}` in words.en ? t(`seat.${x}` as keyof (typeof words)['en']) : x);
  const role = me.isKerngroepChair
    ? t('chairRole')
    : me.kerngroepSeat
      ? t('seatRole', { seat: seatWord(me.kerngroepSeat.constituency), position: seatWord(me.kerngroepSeat.position) })
      : '';
  return (
    <Page title={t('title')}>
      <TaskList />
      {role && <p>{role}</p>}
      <p className="muted">{t('intro')}</p>
      <p><Link to="/kerngroep/meetings">{t('meetings')}</Link></p>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'Case' }} />
      {list.data !== undefined && (
        <>
          <h2>{t('open')}</h2>
          <CaseTable cases={open} caption={t('open')} empty={t('none')} />
          <VoteStatusList cases={open} seatWord={seatWord} chair={me.isKerngroepChair} />
          <h2>{t('escalated')}</h2>
          <CaseTable cases={escalated} caption={t('escalated')} empty={t('none')} />
          <VoteStatusList cases={escalated} seatWord={seatWord} chair={me.isKerngroepChair} />
          <h2>{t('decided')}</h2>
          <CaseTable cases={decided} caption={t('decided')} empty={t('none')} />
        </>
      )}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}

/** Art. 49: per open matter, when the vote closes and who has not voted yet; for the chair, whether it can be closed. */
function VoteStatusList({ cases, seatWord, chair }: { cases: CaseView[]; seatWord: (x: string) => string; chair: boolean }) {
  const t = useTexts(words);
  if (cases.length === 0) return null;
  return (
    <ul className="vote-status" aria-label={t('voteStatus')}>
      {cases.map((c) => (
        <VoteStatus key={c.id} id={c.id} seatWord={seatWord} chair={chair} />
      ))}
    </ul>
  );
}

function VoteStatus({ id, seatWord, chair }: { id: string; seatWord: (x: string) => string; chair: boolean }) {
  const t = useTexts(words);
  // what the case view tells a Kerngroep member and the chair about the vote (art. 49); absent for others
  const view = useGet('/api/v1/cases/{id}', { path: { id } });
  const v = view.data;
  if (!v) return null;
  const d = v.deliberation;
  const due = v.ruling?.voteDueAt;
  return (
    <li data-case={id}>
      <Link to={`/cases/${id}`}>{t('matter')}</Link>
      {': '}
      {due ? <Deadline at={due} kind="vote" /> : t('noVoteDeadline')}
      {d && d.partiesNotVoted === null && (
        <span className="not-voted"> — {d.notVoted.length ? t('notVoted', { seats: d.notVoted.map(seatWord).join(', ') }) : t('allVoted')}</span>
      )}
      {d && d.partiesNotVoted !== null && <span className="not-voted"> — {t('partiesNotVoted', { n: String(d.partiesNotVoted) })}</span>}
      {chair && d && <span className="muted"> — {d.closable ? t('closable') : t('notClosable')}</span>}
    </li>
  );
}

const words = {
  en: {
    title: 'Kerngroep',
    meetings: 'Meetings, agenda and minutes (art. 48)',
    intro: 'Matters put before the Kerngroep. Consensus first, otherwise a majority of the seats’ votes; a tie goes to the assembly of parties (art. 49). A member concerned by a matter is replaced (art. 84).',
    chairRole: 'You are the chair: you run the rulings, appoint substitutes and do not vote (art. 50).',
    seatRole: 'You hold the {seat} seat ({position}).',
    open: 'Matters to rule on',
    escalated: 'Escalated to the assembly',
    decided: 'Decided',
    none: 'None.',
    voteStatus: 'Votes and deadlines',
    matter: 'Matter',
    noVoteDeadline: 'no deadline',
    notVoted: 'not voted yet: {seats}',
    allVoted: 'every seat has voted',
    partiesNotVoted: 'parties that have not voted yet: {n}',
    closable: 'you can close the vote',
    notClosable: 'you can close the vote once every seat has voted or the deadline has passed (art. 49)',
    'seat.unions': 'unions',
    'seat.ngos': 'NGOs',
    'seat.branch_orgs': 'branch organisations',
    'seat.companies': 'companies',
    'seat.fixed': 'fixed member',
    'seat.deputy': 'deputy',
  },
  nl: {
    title: 'Kerngroep',
    meetings: 'Vergaderingen, agenda en notulen (art. 48)',
    intro: 'Zaken die aan de Kerngroep zijn voorgelegd. Eerst consensus, anders een meerderheid van de stemmen per zetel; bij staken van de stemmen beslist de vergadering van partijen (art. 49). Een lid dat bij een zaak betrokken is, wordt vervangen (art. 84).',
    chairRole: 'U bent voorzitter: u leidt de besluitvorming, benoemt vervangers en stemt niet (art. 50).',
    seatRole: 'U bezet de zetel {seat} ({position}).',
    open: 'Te besluiten zaken',
    escalated: 'Voorgelegd aan de vergadering',
    decided: 'Besloten',
    none: 'Geen.',
    voteStatus: 'Stemmingen en termijnen',
    matter: 'Zaak',
    noVoteDeadline: 'geen termijn',
    notVoted: 'nog niet gestemd: {seats}',
    allVoted: 'elke zetel heeft gestemd',
    partiesNotVoted: 'partijen die nog niet stemden: {n}',
    closable: 'u kunt de stemming sluiten',
    notClosable: 'u kunt de stemming sluiten zodra elke zetel heeft gestemd of de termijn is verstreken (art. 49)',
    'seat.unions': 'vakbonden',
    'seat.ngos': 'ngo’s',
    'seat.branch_orgs': 'brancheorganisaties',
    'seat.companies': 'bedrijven',
    'seat.fixed': 'vast lid',
    'seat.deputy': 'plaatsvervanger',
  },
};
