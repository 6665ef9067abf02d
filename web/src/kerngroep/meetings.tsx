import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { AgendaView, AttendanceRequests, AttendForm, ProgressReportView } from './meetings-parts.tsx';
import { words } from './meetings-words.ts';

type Meeting = components['schemas']['MeetingViewDto'];

/**
 * Kerngroep meetings (art. 48, 52; issue 15 item 3). Everyone who may list them sees the dates and the headline
 * minutes; parties and the Kerngroep open the agenda; the secretariat plans meetings, adds items and records the
 * minutes; the Kerngroep and the secretariat read the progress report; the chair decides requests to attend.
 * What a person may do is the API's decision: the page only leaves out forms the person could never use.
 */
export default function MeetingsPage() {
  const t = useTexts(words);
  const me = useMe();
  const { language } = useSession();
  const list = useGet('/api/v1/kerngroep/meetings', {});
  const meetings = list.data?.items ?? [];
  const secretariat = me.organisation.kind === 'secretariat';
  const kerngroep = Boolean(me.kerngroepSeat) || me.isKerngroepChair;
  const isParty = Boolean(me.organisation.isParty ?? me.organisation.party);
  const mayReadAgenda = secretariat || kerngroep || isParty;
  const mayReadReport = secretariat || kerngroep;
  return (
    <Page title={t('title')}>
      <p className="muted">{t('intro')}</p>
      {secretariat && <PlanForm onPlanned={() => list.reload()} />}
      {list.loading && !list.data && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'KerngroepMeeting' }} />
      {list.data !== undefined && meetings.length === 0 && <p className="muted">{t('none')}</p>}
      {meetings.map((m) => (
        <article key={m.id} className="card meeting" aria-labelledby={`meeting-${m.id}`}>
          <h2 id={`meeting-${m.id}`}>
            {t('meetingOf', { date: formatDate(language, m.scheduledAt, true) })} <span className="badge">{m.held ? t('held') : t('upcoming')}</span>
          </h2>
          {m.place && <p>{t('place')}: {m.place}</p>}
          <h3>{t('minutes')}</h3>
          {m.minutes ? (
            <>
              {m.minutes.summary && <p>{m.minutes.summary}</p>}
              <ul>
                {m.minutes.decisions.map((d, i) => (
                  <li key={i}><strong>{d.subject}</strong>: {d.decision}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">{t('noMinutes')}</p>
          )}
          {secretariat && m.held && <MinutesForm meeting={m} onSaved={() => list.reload()} />}
          {mayReadAgenda && (
            <Lazy summary={t('agenda')}>
              <AgendaView meetingId={m.id} canAdd={secretariat} closed={m.minutes !== null} />
            </Lazy>
          )}
          {mayReadReport && (
            <Lazy summary={t('report')}>
              <ProgressReportView meetingId={m.id} />
            </Lazy>
          )}
          {!m.held && !kerngroep && <AttendForm meetingId={m.id} forOutsider={secretariat} />}
        </article>
      ))}
      <AttendanceRequests chair={me.isKerngroepChair} />
    </Page>
  );
}

/** A <details> whose content loads only when opened (no request per meeting on page load). */
function Lazy({ summary, children }: { summary: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}

function PlanForm({ onPlanned }: { onPlanned: () => void }) {
  const t = useTexts(words);
  const [when, setWhen] = useState('');
  const [place, setPlace] = useState('');
  const plan = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // datetime-local is the person's own clock: send it with their offset
    const at = new Date(when);
    if (await plan.run(() => call(client.POST('/api/v1/kerngroep/meetings', { body: { scheduledAt: Number.isNaN(at.getTime()) ? when : at.toISOString(), ...(place.trim() ? { place: place.trim() } : {}) } })))) {
      setWhen('');
      setPlace('');
      onPlanned();
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="plan-title">
      <h2 id="plan-title">{t('plan')}</h2>
      <p className="muted">{t('planHint')}</p>
      <label htmlFor="plan-when">{t('when')}</label>
      <input id="plan-when" type="datetime-local" required min="2025-10-16T00:00" max="2029-12-31T23:59" value={when} onChange={(e) => setWhen(e.target.value)} />
      <label htmlFor="plan-place">{t('place')}</label>
      <input id="plan-place" maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} />
      <ErrorMessage error={plan.error} />
      {plan.done && <p className="ok" role="status">{t('planned')}</p>}
      <div className="row"><button type="submit" disabled={plan.busy}>{t('planSubmit')}</button></div>
    </form>
  );
}

/** Art. 48: headline minutes only: a subject and a decision per line; there is no field for votes or reasons. */
function MinutesForm({ meeting, onSaved }: { meeting: Meeting; onSaved: () => void }) {
  const t = useTexts(words);
  const [summary, setSummary] = useState(meeting.minutes?.summary ?? '');
  const [decisions, setDecisions] = useState(meeting.minutes?.decisions.length ? meeting.minutes.decisions : [{ subject: '', decision: '' }]);
  const save = useAction();
  const id = meeting.id.slice(0, 8);
  const set = (i: number, field: 'subject' | 'decision', value: string) => setDecisions((ds) => ds.map((d, j) => (j === i ? { ...d, [field]: value } : d)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { ...(summary.trim() ? { summary: summary.trim() } : {}), decisions: decisions.filter((d) => d.subject.trim() || d.decision.trim()) };
    if (await save.run(() => call(client.PUT('/api/v1/kerngroep/meetings/{id}/minutes', { params: { path: { id: meeting.id } }, body })))) onSaved();
  };
  return (
    <details>
      <summary>{t('recordMinutes')}</summary>
      <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('recordMinutes')}>
        <p className="muted">{t('minutesHint')}</p>
        <label htmlFor={`min-sum-${id}`}>{t('summary')}</label>
        <textarea id={`min-sum-${id}`} rows={2} maxLength={5000} value={summary} onChange={(e) => setSummary(e.target.value)} />
        {decisions.map((d, i) => (
          <fieldset key={i}>
            <legend>{t('decisionN', { n: i + 1 })}</legend>
            <label htmlFor={`min-sub-${id}-${i}`}>{t('subject')}</label>
            <input id={`min-sub-${id}-${i}`} required maxLength={200} value={d.subject} onChange={(e) => set(i, 'subject', e.target.value)} />
            <label htmlFor={`min-dec-${id}-${i}`}>{t('decision')}</label>
            <input id={`min-dec-${id}-${i}`} required maxLength={1000} value={d.decision} onChange={(e) => set(i, 'decision', e.target.value)} />
            {decisions.length > 1 && (
              <button type="button" className="link" onClick={() => setDecisions((ds) => ds.filter((_, j) => j !== i))}>
                {t('removeDecision', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <div className="row">
          <button type="button" onClick={() => setDecisions((ds) => [...ds, { subject: '', decision: '' }])}>{t('addDecision')}</button>
          <button type="submit" disabled={save.busy}>{t('minutesSubmit')}</button>
        </div>
        <ErrorMessage error={save.error} />
        {save.done && <p className="ok" role="status">{t('minutesSaved')}</p>}
      </form>
    </details>
  );
}
