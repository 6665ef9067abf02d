import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from './components.tsx';
import { Home } from './pages/home.tsx';
import { InvitationPage } from './pages/invitation.tsx';
import { JoinPage } from './pages/join.tsx';
import { MyOrganisationPage } from './pages/my-organisation.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { Link, Redirect, useLocation } from './router.tsx';
import { groupOf, type Me, sitsInKerngroep, useSession } from './session.tsx';
import type { Key } from './i18n.ts';
import { TaskCount, TasksProvider } from './tasks.tsx';

// One chunk per user group (issue 8, item 8): a local partner on a slow line never loads the secretariat's pages.
const CsoPages = lazy(() => import('./cso/index.tsx'));
const CompanyPages = lazy(() => import('./company/index.tsx'));
const KerngroepPages = lazy(() => import('./kerngroep/index.tsx'));
const SecretariatPages = lazy(() => import('./secretariat/index.tsx'));
const CasePages = lazy(() => import('./cases/index.tsx'));
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
  if (homeOf(me) !== '/my') items.push({ to: '/my', label: 'nav.my' });
  return items;
}

export function App() {
  const { me, resuming } = useSession();
  const { path, query } = useLocation();

  if (path === '/invitation') return <Shell><InvitationPage token={query.get('token')} /></Shell>;
  // until the refresh cookie has answered, neither the sign-in page nor a redirect (the link from a mail must survive)
  if (!me && resuming) return <Shell><Loading /></Shell>;
  // Art. 70: anyone may ask to join, signed in or not.
  if (path === '/join') return <Shell><JoinPage /></Shell>;
  // Art. 33, 51: the published yearly report is public, signed in or not.
  const report = /^\/report(?:\/(\d{4}))?\/?$/.exec(path);
  if (report) return <Shell><Suspense fallback={<Loading />}><PublicReportPage year={report[1] ? Number(report[1]) : null} /></Suspense></Shell>;
  if (!me) {
    if (path === '/sign-in') return <Shell><SignInPage next={query.get('next')} /></Shell>;
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path + (query.size ? `?${query}` : ''))}`;
    return <Redirect to={`/sign-in${next}`} />;
  }
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

function Shell({ children }: { children: ReactNode }) {
  const { me } = useSession();
  // the to-do list is read once per page for the header's count and the home page's list (issue 14, item 1)
  return me ? <TasksProvider><ShellFrame>{children}</ShellFrame></TasksProvider> : <ShellFrame>{children}</ShellFrame>;
}

function ShellFrame({ children }: { children: ReactNode }) {
  const { me, t, language, setLanguage, signOut } = useSession();
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
        {me && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {navItems(me).map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={path === item.to || (item.to !== '/' && path.startsWith(`${item.to}/`)) ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="tools">
          {me && <TaskCount to={homeOf(me)} />}
          <button type="button" className="link" lang={language === 'nl' ? 'en' : 'nl'} onClick={() => setLanguage(language === 'nl' ? 'en' : 'nl')}>
            {t('lang.switch')}
          </button>
          {me && (
            <button type="button" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
