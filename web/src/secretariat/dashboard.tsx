import { ErrorMessage, Loading, Page, Pager, useTexts } from '../components.tsx';
import { useCasePage } from '../cases/case-page.ts';
import { type CaseView } from '../cases/types.ts';
import { CaseTable, firstDeadline, Tiles } from '../shared.tsx';
import { TaskList } from '../tasks.tsx';
import { DeadlineDashboard } from '../agreement-year/calendar.tsx';
import { words } from './words.ts';

export function Dashboard() {
  const t = useTexts(words);
  const list = useCasePage({}, 100);
  const open = list.items.filter((c) => !/^(closed|rejected|withdrawn|dismissed|approved|not_admissible|removal_decided)/.test(c.state));
  // the list carries each case's next deadline: overdue (earliest) first, those without one last
  const due = (c: CaseView) => Date.parse(firstDeadline(c)?.dueAt ?? '9999-12-31');
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
