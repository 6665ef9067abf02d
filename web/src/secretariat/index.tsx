import { useLocation } from '../router.tsx';
import { Audit } from './audit.tsx';
import { CsoExpertise } from './cso-expertise.tsx';
import { Dashboard } from './dashboard.tsx';
import KerngroepSeatsPage from './kerngroep-page.tsx';
import { MembershipPage } from './membership.tsx';
import ModulesPage from './modules-page.tsx';
import { MonitoringEntry } from './monitoring-entry.tsx';
import { NdaTexts } from './nda-texts.tsx';
import { Organisations } from './organisations.tsx';
import { RegionRequests } from './region-requests.tsx';
import { PublicationsPage } from './publications.tsx';
import { SecretariatCalendarPage } from '../agreement-year/calendar.tsx';

/**
 * The secretariat (issue 8, item 7): open cases with their deadlines (overdue first), organisations and people,
 * NDA texts, monitoring results, and the audit log with the chain's verification status. `/secretariat/...`
 * One page or panel per file beside this one (issue 11); the texts are in words.ts.
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
