import { ErrorMessage, Loading, useNow, useTexts } from './components.tsx';
import { formatDate } from './i18n.ts';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';
import { type Task, useTasks } from './tasks-context.tsx';
import { tasksFrEs } from './tasks.words.fr-es.ts';

/**
 * The to-do list's words, count and list (issue 14, item 1): a chunk of its own, loaded once a person is signed in
 * (the sign-in page's first load does not carry it). The list itself is read by `TasksProvider` (tasks-context.tsx).
 */
export type { Task } from './tasks-context.tsx';

const words = {
  en: {
    title: 'To do',
    none: 'Nothing waits for you right now.',
    due: 'due {date}',
    noDate: 'no deadline',
    overdue: 'overdue',
    count: '{n} tasks waiting for you',
    consent: 'Answer the consent request',
    vote: 'Cast your vote',
    'vote.substitute': 'Vote as the appointed substitute',
    'vote.deputy': 'Vote as deputy (the fixed member is absent)',
    'vote.party': 'Vote in the sector assembly',
    'appoint-substitute': 'Appoint a substitute for the recused {seat} seat',
    'open-access': 'Open your access window',
    'sign-nda': 'Sign the confidentiality clause to open access',
    report: 'Report the risks found',
    'confirm-brokering': 'Confirm the companies behind the report',
    'review-match': 'Decide whether a supplier entry is the reported supplier',
    'close-consent': 'Close the consent round',
    reply: 'Reply in the dialogue',
    'renew-nda': 'Sign the agreement again before it expires',
    'complete-follow-up': 'Complete the monitoring follow-up',
    'upload-list': 'Upload your production-location list for {year}',
    'submit-plan': 'Submit your plan of action for {year}',
    'decide-attendance': 'Decide a request to attend a Kerngroep meeting',
    'store-result': 'Record the {round} monitoring result of {company}',
    baseline: 'baseline',
    year2: 'year-2',
    year4: 'year-4',
    disclosure: 'art-22 request',
    restriction: 'restriction request',
    complaint: 'complaint',
    unions: 'unions',
    ngos: 'NGOs',
    branch_orgs: 'branch organisations',
    companies: 'companies',
    'signal-talk': 'talk about the signal',
    'improvement-period': 'improvement period',
    'improvement-period-ended': 'improvement period ended',
  },
  nl: {
    title: 'Te doen',
    none: 'Er wacht nu niets op u.',
    due: 'uiterlijk {date}',
    noDate: 'geen termijn',
    overdue: 'termijn verstreken',
    count: '{n} taken wachten op u',
    consent: 'Beantwoord het toestemmingsverzoek',
    vote: 'Breng uw stem uit',
    'vote.substitute': 'Stem als aangewezen vervanger',
    'vote.deputy': 'Stem als plaatsvervanger (het vaste lid is afwezig)',
    'vote.party': 'Stem in de Sectormodule Vergadering',
    'appoint-substitute': 'Wijs een vervanger aan voor de zetel {seat} (belangenverstrengeling)',
    'open-access': 'Open uw inzageperiode',
    'sign-nda': 'Onderteken de vertrouwelijkheidsclausule om inzage te openen',
    report: 'Meld de gevonden risico’s',
    'confirm-brokering': 'Bevestig de bedrijven achter de melding',
    'review-match': 'Beoordeel of een leveranciersregel de gemelde leverancier is',
    'close-consent': 'Sluit de toestemmingsronde',
    reply: 'Reageer in de dialoog',
    'renew-nda': 'Onderteken de overeenkomst opnieuw voor ze verloopt',
    'complete-follow-up': 'Rond de monitoringopvolging af',
    'upload-list': 'Lever uw lijst met productielocaties voor {year} aan',
    'submit-plan': 'Dien uw plan van aanpak voor {year} in',
    'decide-attendance': 'Beslis over een verzoek om een Kerngroep-vergadering bij te wonen',
    'store-result': 'Leg het monitoringresultaat ({round}) van {company} vast',
    baseline: 'nulmeting',
    year2: 'jaar 2',
    year4: 'jaar 4',
    disclosure: 'art-22-verzoek',
    restriction: 'beperkingsverzoek',
    complaint: 'klacht',
    unions: 'vakbonden',
    ngos: 'ngo’s',
    branch_orgs: 'brancheorganisaties',
    companies: 'bedrijven',
    'signal-talk': 'gesprek over het signaal',
    'improvement-period': 'verbetertermijn',
    'improvement-period-ended': 'verbetertermijn verstreken',
  },
};
// French and Spanish for the local partners (issue 14, item 6)
Object.assign(words, tasksFrEs);
type Word = keyof (typeof words)['en'];

/** The header's count: a link to the person's home page, where the list comes first. */
export function TaskCount({ to }: { to: string }) {
  const t = useTexts(words);
  const { tasks } = useTasks();
  if (!tasks) return null;
  return (
    <Link to={to} className="task-count" title={t('count', { n: tasks.length })}>
      {t('title')} <span className="count">{tasks.length}</span>
    </Link>
  );
}

function describe(t: (k: Word, p?: Record<string, string | number>) => string, task: Task): string {
  const seat = task.perform?.seat ? t(task.perform.seat as Word) : '';
  if (task.kind === 'vote' && task.perform?.capacity && task.perform.capacity !== 'fixed') return t(`vote.${task.perform.capacity}` as Word);
  const key = (task.kind in words.en ? task.kind : 'title') as Word;
  const round = task.round && task.round in words.en ? t(task.round as Word) : (task.round ?? '');
  return t(key, { seat, year: task.year ?? '', round, company: task.companyName ?? '' });
}

/** What the task is about: the case's type, or the kind of monitoring follow-up. */
function what(task: Task): string | undefined {
  if (task.caseType) return task.caseType;
  if (task.kind === 'complete-follow-up' && task.deadlineKind && task.deadlineKind in words.en) return task.deadlineKind;
  return undefined;
}

/** "To do": first on every home page (issue 14, item 1), ordered by deadline as the API gives it. */
export function TaskList() {
  const t = useTexts(words);
  const { language } = useSession();
  const { tasks, error, loading } = useTasks();
  const now = useNow();
  return (
    <section className="tasks" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('title')}</h2>
      {loading && !tasks && <Loading />}
      <ErrorMessage error={error} />
      {tasks && tasks.length === 0 && <p className="muted">{t('none')}</p>}
      {tasks && tasks.length > 0 && (
        <ol className="task-list">
          {tasks.map((task, i) => {
            const overdue = task.dueAt !== null && Date.parse(task.dueAt) < now;
            return (
              <li key={`${task.kind}-${task.caseId ?? task.ndaKind ?? task.year ?? task.round ?? ''}-${task.perform?.seat ?? ''}-${i}`}>
                <Link to={task.link}>{describe(t, task)}</Link>
                {what(task) && <span className="muted"> · {t(what(task) as Word)}</span>}
                {' · '}
                <span className={overdue ? 'badge overdue' : 'due'}>
                  {task.dueAt ? (overdue ? t('overdue') : t('due', { date: formatDate(language, task.dueAt) })) : t('noDate')}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
