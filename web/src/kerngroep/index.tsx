import { ErrorMessage, Loading, Page, Pager, useTexts } from '../components.tsx';
import { useMe } from '../session.tsx';
import { type CaseSummary, CaseTable, firstDeadline, usePaged } from '../shared.tsx';
import { TaskList } from '../tasks.tsx';

/**
 * The Kerngroep (issue 8, item 6): the matters to rule on with their deadlines, escalated matters, and decided
 * ones. Each matter opens in the case page, which shows the deliberation (never to a recused member: the API
 * leaves it out), the vote form for a seat holder, and the chair's controls (no vote for the chair, art. 50).
 */
export default function KerngroepPages() {
  const t = useTexts(words);
  const me = useMe();
  const list = usePaged<CaseSummary>('/cases', 100);
  const byDeadline = (a: CaseSummary, b: CaseSummary) => Date.parse(firstDeadline(a)?.dueAt ?? '9999-12-31') - Date.parse(firstDeadline(b)?.dueAt ?? '9999-12-31');
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
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'Case' }} />
      {list.data !== undefined && (
        <>
          <h2>{t('open')}</h2>
          <CaseTable cases={open} caption={t('open')} empty={t('none')} />
          <h2>{t('escalated')}</h2>
          <CaseTable cases={escalated} caption={t('escalated')} empty={t('none')} />
          <h2>{t('decided')}</h2>
          <CaseTable cases={decided} caption={t('decided')} empty={t('none')} />
        </>
      )}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}

const words = {
  en: {
    title: 'Kerngroep',
    intro: 'Matters put before the Kerngroep. Consensus first, otherwise a majority of the seats’ votes; a tie goes to the assembly of parties (art. 49). A member concerned by a matter is replaced (art. 84).',
    chairRole: 'You are the chair: you run the rulings, appoint substitutes and do not vote (art. 50).',
    seatRole: 'You hold the {seat} seat ({position}).',
    open: 'Matters to rule on',
    escalated: 'Escalated to the assembly',
    decided: 'Decided',
    none: 'None.',
    'seat.unions': 'unions',
    'seat.ngos': 'NGOs',
    'seat.branch_orgs': 'branch organisations',
    'seat.companies': 'companies',
    'seat.fixed': 'fixed member',
    'seat.deputy': 'deputy',
  },
  nl: {
    title: 'Kerngroep',
    intro: 'Zaken die aan de Kerngroep zijn voorgelegd. Eerst consensus, anders een meerderheid van de stemmen per zetel; bij staken van de stemmen beslist de vergadering van partijen (art. 49). Een lid dat bij een zaak betrokken is, wordt vervangen (art. 84).',
    chairRole: 'U bent voorzitter: u leidt de besluitvorming, benoemt vervangers en stemt niet (art. 50).',
    seatRole: 'U bezet de zetel {seat} ({position}).',
    open: 'Te besluiten zaken',
    escalated: 'Voorgelegd aan de vergadering',
    decided: 'Besloten',
    none: 'Geen.',
    'seat.unions': 'vakbonden',
    'seat.ngos': 'ngo’s',
    'seat.branch_orgs': 'brancheorganisaties',
    'seat.companies': 'bedrijven',
    'seat.fixed': 'vast lid',
    'seat.deputy': 'plaatsvervanger',
  },
};
