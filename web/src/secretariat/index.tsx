import { route } from '../router.tsx';
import { Routes } from '../section-routes.tsx';
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
  return <Routes routes={SECRETARIAT_ROUTES} fallback={<Dashboard />} />;
}

/** The section's pages (issue 14, item 8: one route table instead of a switch on the path). */
const SECRETARIAT_ROUTES = [
  route('/secretariat/organisations', () => <Organisations />),
  route('/secretariat/ndas', () => <NdaTexts />),
  route('/secretariat/monitoring', () => <MonitoringEntry />),
  route('/secretariat/audit', () => <Audit />),
  route('/secretariat/region-requests', () => <RegionRequests />),
  route('/secretariat/expertise', () => <CsoExpertise />),
  route('/secretariat/kerngroep', () => <KerngroepSeatsPage />),
  route('/secretariat/modules', () => <ModulesPage />),
  route('/secretariat/membership', () => <MembershipPage />),
  route('/secretariat/calendar', () => <SecretariatCalendarPage />),
  route('/secretariat/publications', () => <PublicationsPage />),
];
