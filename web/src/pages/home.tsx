import { homeOf, navItems } from '../app.tsx';
import { lazy, Suspense } from 'react';
import { Loading, Page } from '../components.tsx';
import type { Key } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useMe, useSession } from '../session.tsx';

// the to-do list's words come with its own chunk (the sign-in page's first load does not carry them)
const TaskList = lazy(() => import('../tasks.tsx').then((m) => ({ default: m.TaskList })));

/** Fallback for an unknown path inside the app: the person's own pages. */
export function Home() {
  const { t } = useSession();
  const me = useMe();
  return (
    <Page title={t('home.welcome', { name: me.name })}>
      <Suspense fallback={<Loading />}>
        <TaskList />
      </Suspense>
      <p>{t('home.org', { org: me.organisation.name, kind: t(`kind.${me.organisation.kind}` as Key) })}</p>
      <h2>{t('home.tasks')}</h2>
      <ul>
        {navItems(me).map((i) => (
          <li key={i.to}>
            <Link to={i.to}>{t(i.label)}</Link>
          </li>
        ))}
        <li>
          <Link to={homeOf(me)}>{t('nav.home')}</Link>
        </li>
      </ul>
    </Page>
  );
}
