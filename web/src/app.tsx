import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from './components.tsx';
import { Home } from './pages/home.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { EnrolPage } from './security/enrol.tsx';
import { SecurityPage } from './security/security.tsx';
import { StepUpDialog } from './security/step-up.tsx';
import { Link, Redirect, useLocation } from './router.tsx';
import { groupOf, type Me, sitsInKerngroep, useSession } from './session.tsx';
import { type Key, type Language, LANGUAGES } from './i18n.ts';
import { TaskCount, TasksProvider } from './tasks.tsx';

// One chunk per user group (issue 8, item 8): a local partner on a slow line never loads the secretariat's pages.
const CsoPages = lazy(() => import('./cso/index.tsx'));
const CompanyPages = lazy(() => import('./company/index.tsx'));
const KerngroepPages = lazy(() => import('./kerngroep/index.tsx'));
const SecretariatPages = lazy(() => import('./secretariat/index.tsx'));
const CasePages = lazy(() => import('./cases/index.tsx'));
// Pages few visits start on: their own chunks keep the first load under 100 kB with the i18n library (issue 14).
const InvitationPage = lazy(() => import('./pages/invitation.tsx').then((m) => ({ default: m.InvitationPage })));
const JoinPage = lazy(() => import('./pages/join.tsx').then((m) => ({ default: m.JoinPage })));
const MyOrganisationPage = lazy(() => import('./pages/my-organisation.tsx').then((m) => ({ default: m.MyOrganisationPage })));
// the public yearly report (art. 33, 51): its own chunk, charts included
const PublicReportPage = lazy(() => import('./pages/public-report.tsx').then((m) => ({ default: m.PublicReportPage })));

/** Where a person lands after signing in. */
export function homeOf(me: Me): string {
  // the chair belongs to no party (art. 54): the Kerngroep page is their work
  if (me.isKerngroepChair && groupOf(me) === 'supporter') return '/kerngroep';
  switch (groupOf(me)) {
    case 'cso':
    case 'party':
      return '/ngo';
    case 'company':
      return '/company';
    case 'secretariat':
      return '/secretariat';
    default:
      return '/my';
  }
}

export function navItems(me: Me): { to: string; label: Key }[] {
  const items: { to: string; label: Key }[] = [{ to: homeOf(me), label: 'nav.home' }];
  if (groupOf(me) !== 'supporter') items.push({ to: '/cases', label: 'nav.cases' });
  if (sitsInKerngroep(me) && homeOf(me) !== '/kerngroep') items.push({ to: '/kerngroep', label: 'nav.kerngroep' });
  // art. 48: every party (and a supporter, art. 40) reads the Kerngroep's headline minutes; local partners are no party
  if (me.organisation.kind !== 'local_partner') items.push({ to: '/kerngroep/meetings', label: 'nav.meetings' });
  if (homeOf(me) !== '/my') items.push({ to: '/my', label: 'nav.my' });
  items.push({ to: '/security', label: 'nav.security' });
  return items;
}

export function App() {
  const { me, resuming, enrolmentRequired } = useSession();
  const { path, query } = useLocation();

  if (path === '/invitation') return <Shell><Suspense fallback={<Loading />}><InvitationPage token={query.get('token')} /></Suspense></Shell>;
  // until the refresh cookie has answered, neither the sign-in page nor a redirect (the link from a mail must survive)
  if (!me && resuming) return <Shell><Loading /></Shell>;
  // Art. 70: anyone may ask to join, signed in or not.
  if (path === '/join') return <Shell><Suspense fallback={<Loading />}><JoinPage /></Suspense></Shell>;
  // Art. 33, 51: the published yearly report is public, signed in or not.
  const report = /^\/report(?:\/(\d{4}))?\/?$/.exec(path);
  if (report) return <Shell><Suspense fallback={<Loading />}><PublicReportPage year={report[1] ? Number(report[1]) : null} /></Suspense></Shell>;
  if (!me) {
    if (path === '/sign-in') return <Shell><SignInPage next={query.get('next')} /></Shell>;
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path + (query.size ? `?${query}` : ''))}`;
    return <Redirect to={`/sign-in${next}`} />;
  }
  // issue 17: a person who must have a second factor and has none sees only the enrolment page until done
  if (enrolmentRequired) return <ShellFrame><EnrolPage /></ShellFrame>;
  let page: ReactNode;
  const section = path.split('/')[1] ?? '';
  switch (section) {
    case '':
    case 'sign-in':
      page = <Redirect to={query.get('next')?.startsWith('/') ? query.get('next')! : homeOf(me)} />;
      break;
    case 'my':
      page = <MyOrganisationPage />;
      break;
    case 'security':
      page = <SecurityPage />;
      break;
    case 'ngo':
      page = <CsoPages />;
      break;
    case 'company':
      page = <CompanyPages />;
      break;
    case 'kerngroep':
      page = <KerngroepPages />;
      break;
    case 'secretariat':
      page = <SecretariatPages />;
      break;
    case 'cases':
      page = <CasePages />;
      break;
    default:
      page = <Home />;
  }
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </Shell>
  );
}

/** The menu item of the page shown: the longest one the path is under (/kerngroep/meetings, not /kerngroep). */
function current(items: { to: string }[], path: string): string | undefined {
  return items
    .filter((i) => path === i.to || (i.to !== '/' && path.startsWith(`${i.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
}

function Shell({ children }: { children: ReactNode }) {
  const { me } = useSession();
  // the to-do list is read once per page for the header's count and the home page's list (issue 14, item 1)
  return me ? <TasksProvider><ShellFrame>{children}</ShellFrame></TasksProvider> : <ShellFrame>{children}</ShellFrame>;
}

function ShellFrame({ children }: { children: ReactNode }) {
  const { me, t, language, setLanguage, signOut, enrolmentRequired } = useSession();
  const { path } = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="top">
        <div className="brand">
          <Link to="/">{t('app.name')}</Link>
          {me && <span className="who">{me.name} · {me.organisation.name}</span>}
        </div>
        {me && !enrolmentRequired && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {navItems(me).map((item, _, all) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={item.to === current(all, path) ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="tools">
          {me && !enrolmentRequired && <TaskCount to={homeOf(me)} />}
          <select className="language" aria-label={t('lang.label')} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`lang.name.${l}`)}
              </option>
            ))}
          </select>
          {me && (
            <button type="button" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
      {me && <StepUpDialog />}
    </>
  );
}
