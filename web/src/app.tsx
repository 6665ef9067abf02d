import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from './components.tsx';
import { Home } from './pages/home.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { StepUpDialog } from './security/step-up.tsx';
import { findRoute, Link, Redirect, type Route, route, useLocation } from './router.tsx';
import { groupOf, type Me, sitsInKerngroep, useSession } from './session.tsx';
import { type Key, type Language, LANGUAGES } from './i18n.ts';
import { TasksProvider } from './tasks-context.tsx';

// One chunk per user group (issue 8, item 8): a local partner on a slow line never loads the secretariat's pages.
const CsoPages = lazy(() => import('./cso/index.tsx'));
// the to-do list's count and words (issue 14, item 1): loaded once someone is signed in, not with the sign-in page
const TaskCount = lazy(() => import('./tasks.tsx').then((m) => ({ default: m.TaskCount })));
// the second factor's set-up pages (issue 17): not needed for the first paint
const SecurityPage = lazy(() => import('./security/security.tsx').then((m) => ({ default: m.SecurityPage })));
const EnrolPage = lazy(() => import('./security/enrol.tsx').then((m) => ({ default: m.EnrolPage })));
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

/** When a row of the route table may be shown (issue 14, item 8: one table instead of switches on the path). */
type Access =
  /** at once, even while the refresh cookie is still answering (a link from a mail) */
  | 'at-once'
  /** to anyone, signed in or not, once the session is known */
  | 'public'
  /** to someone not signed in */
  | 'signed-out'
  /** to a signed-in person (after the second-factor enrolment gate) */
  | 'signed-in';
type AppRoute = Route<Me | null> & { access: Access };
const row = (access: Access, r: Route<Me | null>): AppRoute => ({ ...r, access });

/** Where a signed-in person goes from `/` or `/sign-in`: the page they were sent from, or their home page. */
const toNext = (_: unknown, query: URLSearchParams, me: Me | null) => <Redirect to={query.get('next')?.startsWith('/') ? query.get('next')! : me ? homeOf(me) : '/'} />;

/**
 * Every page of the front end by path. The sections are one chunk per user group (each with its own table of pages,
 * e.g. company/index.tsx); the paths stay under the sections the service answers with index.html
 * (src/web/spa-sections.ts). Anything else signed in is the home page.
 */
export const APP_ROUTES: readonly AppRoute[] = [
  row('at-once', route('/invitation', (_, query) => <InvitationPage token={query.get('token')} />)),
  // Art. 70: anyone may ask to join, signed in or not.
  row('public', route('/join', () => <JoinPage />)),
  // Art. 33, 51: the published yearly report is public, signed in or not.
  row('public', route('/report', () => <PublicReportPage year={null} />)),
  row('public', route('/report/:year', ({ year }) => <PublicReportPage year={Number(year)} />, ({ year }) => /^\d{4}$/.test(year))),
  row('signed-out', route('/sign-in', (_, query) => <SignInPage next={query.get('next')} />)),
  row('signed-in', route('/', toNext)),
  row('signed-in', route('/sign-in', toNext)),
  // a section and everything under it, as the menu links (/my/ndas?kind=… from a refusal's "why" link, art. 13)
  row('signed-in', route('/my/*', () => <MyOrganisationPage />)),
  row('signed-in', route('/security/*', () => <SecurityPage />)),
  row('signed-in', route('/ngo/*', () => <CsoPages />)),
  row('signed-in', route('/company/*', () => <CompanyPages />)),
  row('signed-in', route('/kerngroep/*', () => <KerngroepPages />)),
  row('signed-in', route('/secretariat/*', () => <SecretariatPages />)),
  row('signed-in', route('/cases/*', () => <CasePages />)),
];

export function App() {
  const { me, resuming, enrolmentRequired } = useSession();
  const { path, query } = useLocation();
  const page = (access: Access) => {
    const found = findRoute(APP_ROUTES.filter((r) => r.access === access), path);
    return found ? found.route.render(found.params, query, me) : null;
  };
  const shown = (node: ReactNode) => (
    <Shell>
      <Suspense fallback={<Loading />}>{node}</Suspense>
    </Shell>
  );
  const atOnce = page('at-once');
  if (atOnce) return shown(atOnce);
  // until the refresh cookie has answered, neither the sign-in page nor a redirect (the link from a mail must survive)
  if (!me && resuming) return <Shell><Loading /></Shell>;
  const open = page('public');
  if (open) return shown(open);
  if (!me) {
    const signIn = page('signed-out');
    if (signIn) return shown(signIn);
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path + (query.size ? `?${query}` : ''))}`;
    return <Redirect to={`/sign-in${next}`} />;
  }
  // issue 17: a person who must have a second factor and has none sees only the enrolment page until done
  if (enrolmentRequired) return <ShellFrame><Suspense fallback={<Loading />}><EnrolPage /></Suspense></ShellFrame>;
  return shown(page('signed-in') ?? <Home />);
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
          {me && !enrolmentRequired && (
            <Suspense fallback={null}>
              <TaskCount to={homeOf(me)} />
            </Suspense>
          )}
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
