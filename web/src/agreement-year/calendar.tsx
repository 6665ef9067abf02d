import { type FormEvent, useState } from 'react';
import { api, type ApiPath } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import type { Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useMe, useSession } from '../session.tsx';
import { AggregatedProgress, CompanyProgress } from './progress.tsx';
import { words, type Word } from './words.ts';

// the agreement calendar and a company's deadlines as the OpenAPI document describes them (generated schema)
type Calendar = components['schemas']['AgreementCalendarDto'];
type CalendarDate = components['schemas']['CalendarDeadlineDto'];
export type CompanyDeadline = components['schemas']['CompanyDeadlineDto'];

type T = (key: Word, params?: Record<string, string | number>) => string;
const periodLabel = (t: T, d: { kind: string; period: string }) => (d.kind === 'list' ? t('listOf', { year: d.period }) : t(d.period as Word));
const STATE_ORDER = { overdue: 0, 'due-soon': 1, upcoming: 2, met: 3 } as const;

function DeadlineState({ state }: { state: CompanyDeadline['state'] }) {
  const t = useTexts(words);
  return <span className={`badge deadline-${state}`}>{t(state)}</span>;
}

function DeadlineTable({ items, caption, withCompany }: { items: CompanyDeadline[]; caption: string; withCompany: boolean }) {
  const t = useTexts(words);
  const { language } = useSession();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {withCompany && <th scope="col">{t('company')}</th>}
            <th scope="col">{t('what')}</th>
            <th scope="col">{t('dueOn')}</th>
            <th scope="col">{t('state')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={`${d.companyId}-${d.kind}-${d.period}`}>
              {withCompany && <td>{d.companyName}</td>}
              <td>{periodLabel(t, d)}</td>
              <td>{formatDate(language, d.dueOn)}</td>
              <td>
                <DeadlineState state={d.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Company home (issue 15, item 1): the next lists and rounds due, overdue ones first. */
export function NextDueDates({ link }: { link: string }) {
  const t = useTexts(words);
  const me = useMe();
  const loaded = useGet('/api/v1/agreement-calendar/deadlines/{companyId}', { path: { companyId: me.organisation.id } });
  const open = (loaded.data?.items ?? [])
    .filter((d) => d.state !== 'met')
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.dueOn.localeCompare(b.dueOn))
    .slice(0, 4);
  return (
    <section aria-labelledby="next-due-title">
      <h2 id="next-due-title">{t('nextDue')}</h2>
      {loaded.loading && <Loading />}
      <ErrorMessage error={loaded.error} />
      {loaded.data && open.length === 0 && <p className="muted">{t('nextDueNone')}</p>}
      {open.length > 0 && <DeadlineTable items={open} caption={t('nextDue')} withCompany={false} />}
      <p>
        <Link to={link}>{t('allDates')}</Link>
      </p>
    </section>
  );
}

/** Secretariat dashboard (issue 15, item 1): which companies are overdue or due soon with a list or a round. */
export function DeadlineDashboard({ link }: { link?: string }) {
  const t = useTexts(words);
  const loaded = useGet('/api/v1/agreement-calendar/deadlines');
  const pressing = (loaded.data?.items ?? [])
    .filter((d) => d.state === 'overdue' || d.state === 'due-soon')
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.dueOn.localeCompare(b.dueOn) || a.companyName.localeCompare(b.companyName));
  return (
    <section aria-labelledby="deadline-dashboard-title">
      <h2 id="deadline-dashboard-title">{t('dashboardTitle')}</h2>
      {loaded.loading && <Loading />}
      <ErrorMessage error={loaded.error} />
      {loaded.data && pressing.length === 0 && <p className="muted">{t('dashboardNone')}</p>}
      {pressing.length > 0 && <DeadlineTable items={pressing} caption={t('dashboardTitle')} withCompany />}
      {link && (
        <p>
          <Link to={link}>{t('toCalendar')}</Link>
        </p>
      )}
    </section>
  );
}

function DatesTable({ caption, dates }: { caption: string; dates: CalendarDate[] }) {
  const t = useTexts(words);
  const { language } = useSession();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('what')}</th>
            <th scope="col">{t('dueOn')}</th>
            <th scope="col">{t('remindOn')}</th>
          </tr>
        </thead>
        <tbody>
          {dates.map((d) => (
            <tr key={`${d.kind}-${d.period}`}>
              <th scope="row">{periodLabel(t, d)}</th>
              <td>
                {formatDate(language, d.dueOn)}
                {d.isSet && <span className="muted small"> ({t('isSet')})</span>}
              </td>
              <td>{formatDate(language, d.remindOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The secretariat sets one list's or round's due date (art. 9, 17, 55); a date outside the period is refused (422). */
function SetDueDate({ calendar, onSaved }: { calendar: Calendar; onSaved: () => void }) {
  const t = useTexts(words);
  const all = [...calendar.lists, ...calendar.rounds];
  const [which, setWhich] = useState(`${all[0]?.kind}:${all[0]?.period}`);
  const current = all.find((d) => `${d.kind}:${d.period}` === which);
  const [dueOn, setDueOn] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const [kind, period] = which.split(':');
    const path: ApiPath<'PUT'> = kind === 'list' ? `/agreement-calendar/lists/${period}` : `/agreement-calendar/rounds/${period}`;
    if (await action.run(() => api('PUT', path, { dueOn } satisfies Body<'put', '/api/v1/agreement-calendar/lists/{year}'>))) onSaved();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card" aria-labelledby="set-due-title">
      <h3 id="set-due-title">{t('change')}</h3>
      <label>
        {t('what')}
        <select value={which} onChange={(e) => setWhich(e.target.value)}>
          {all.map((d) => (
            <option key={`${d.kind}:${d.period}`} value={`${d.kind}:${d.period}`}>
              {periodLabel(t, d)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('change')}
        <input type="date" required value={dueOn} min={calendar.startsOn} max={calendar.endsOn} placeholder={current?.dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('save')}
      </button>
      <ErrorMessage error={action.error} />
      {action.done && (
        <p className="ok" role="status">
          {t('saved')}
        </p>
      )}
    </form>
  );
}

function CalendarView({ editable }: { editable: boolean }) {
  const t = useTexts(words);
  const { language } = useSession();
  const loaded = useGet('/api/v1/agreement-calendar');
  const c = loaded.data;
  return (
    <>
      {loaded.loading && !c && <Loading />}
      <ErrorMessage error={loaded.error} />
      {c && (
        <>
          <p>{t('calendarIntro', { start: formatDate(language, c.startsOn), end: formatDate(language, c.endsOn), listDays: c.listReminderDays, roundDays: c.monitoringReminderDays })}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('years')}>
            <table>
              <caption>{t('years')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('year')}</th>
                  <th scope="col">{t('from')}</th>
                  <th scope="col">{t('to')}</th>
                </tr>
              </thead>
              <tbody>
                {c.years.map((y) => (
                  <tr key={y.number}>
                    <th scope="row">{t('yearN', { n: y.number })}</th>
                    <td>{formatDate(language, y.startsOn)}</td>
                    <td>{formatDate(language, y.endsOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DatesTable caption={t('lists')} dates={c.lists} />
          <DatesTable caption={t('rounds')} dates={c.rounds} />
          {editable && <SetDueDate calendar={c} onSaved={loaded.reload} />}
        </>
      )}
    </>
  );
}

/** `/company/calendar`: the agreement's dates, the company's own deadlines, its progress and the sector's. */
export function CompanyCalendarPage() {
  const t = useTexts(words);
  const me = useMe();
  const own = useGet('/api/v1/agreement-calendar/deadlines/{companyId}', { path: { companyId: me.organisation.id } });
  return (
    <Page title={t('calendarTitle')}>
      <CalendarView editable={false} />
      <h2>{t('ownDeadlines')}</h2>
      <ErrorMessage error={own.error} />
      {own.data && <DeadlineTable items={own.data.items} caption={t('ownDeadlines')} withCompany={false} />}
      <CompanyProgress companyId={me.organisation.id} />
      <AggregatedProgress />
    </Page>
  );
}

/** `/secretariat/calendar`: the dates (and changing one), who is overdue or due soon, each company's progress. */
export function SecretariatCalendarPage() {
  const t = useTexts(words);
  const orgs = useGet('/api/v1/organisations');
  const companies = (orgs.data ?? []).filter((o) => o.kind === 'company');
  const [companyId, setCompanyId] = useState('');
  const chosen = companyId || companies[0]?.id || '';
  return (
    <Page title={t('calendarTitle')}>
      <CalendarView editable />
      <DeadlineDashboard />
      <ErrorMessage error={orgs.error} />
      {chosen && (
        <CompanyProgress
          companyId={chosen}
          picker={
            <label className="label">
              {t('chooseCompany')}
              <select value={chosen} onChange={(e) => setCompanyId(e.target.value)}>
                {companies.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          }
        />
      )}
      <AggregatedProgress />
    </Page>
  );
}

/** `/ngo/progress`: for the other parties, the agreement's dates and the progress only across companies (art. 18-19). */
export function PartyCalendarPage() {
  const t = useTexts(words);
  return (
    <Page title={t('calendarTitle')}>
      <CalendarView editable={false} />
      <AggregatedProgress />
    </Page>
  );
}
