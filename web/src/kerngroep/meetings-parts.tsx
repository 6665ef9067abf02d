import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import { ErrorMessage, Loading, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useCaseWords } from '../shared.tsx';
import { type Word, words } from './meetings-words.ts';

/** The agenda, progress report and requests to attend of the Kerngroep meetings page (art. 48, 52). */

export type AttendanceRequest = components['schemas']['AttendanceViewDto'];

const has = (key: string): key is Word => key in words.en;

export function AgendaView({ meetingId, canAdd, closed }: { meetingId: string; canAdd: boolean; closed: boolean }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const agenda = useGet('/api/v1/kerngroep/meetings/{id}/agenda', { path: { id: meetingId } });
  const a = agenda.data;
  return (
    <div>
      {agenda.loading && !a && <Loading />}
      <ErrorMessage error={agenda.error} why={{ action: 'read-agenda', subject: 'KerngroepMeeting' }} />
      {a && (
        <>
          <h4>{t('matters')}</h4>
          {a.matters.length === 0 ? (
            <p className="muted">{t('noMatters')}</p>
          ) : (
            <ul>
              {a.matters.map((m) => (
                <li key={m.caseId}>
                  <Link to={`/cases/${m.caseId}`}>{cw.type(m.caseType)}</Link> — {t(`status.${m.status}` as Word)}
                  {m.outcome && has(`outcome.${m.outcome}`) && <> ({t(`outcome.${m.outcome}` as Word)})</>}
                  {m.status === 'pending' && has(`stage.${m.stage}`) && <span className="muted"> · {t(`stage.${m.stage}` as Word)}</span>}
                  {m.decidedBeforeMeeting && <span className="muted"> · {t('decidedBefore')}</span>}
                </li>
              ))}
            </ul>
          )}
          <h4>{t('items')}</h4>
          {a.items.length === 0 ? <p className="muted">{t('noItems')}</p> : (
            <ul>
              {a.items.map((i) => (
                <li key={i.id}>
                  <strong>{i.title}</strong>
                  {i.description && <> — {i.description}</>}
                </li>
              ))}
            </ul>
          )}
          {canAdd && !closed && <AddItem meetingId={meetingId} onAdded={() => agenda.reload()} />}
        </>
      )}
    </div>
  );
}

function AddItem({ meetingId, onAdded }: { meetingId: string; onAdded: () => void }) {
  const t = useTexts(words);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const add = useAction();
  const id = meetingId.slice(0, 8);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await add.run(() => call(client.POST('/api/v1/kerngroep/meetings/{id}/agenda-items', { params: { path: { id: meetingId } }, body: { title: title.trim(), ...(description.trim() ? { description: description.trim() } : {}) } })))) {
      setTitle('');
      setDescription('');
      onAdded();
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('addItem')}>
      <h4>{t('addItem')}</h4>
      <label htmlFor={`item-title-${id}`}>{t('itemTitle')}</label>
      <input id={`item-title-${id}`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={`item-desc-${id}`}>{t('itemDescription')}</label>
      <textarea id={`item-desc-${id}`} rows={2} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
      <ErrorMessage error={add.error} />
      {add.done && <p className="ok" role="status">{t('added')}</p>}
      <div className="row"><button type="submit" disabled={add.busy}>{t('addSubmit')}</button></div>
    </form>
  );
}

export function ProgressReportView({ meetingId }: { meetingId: string }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const report = useGet('/api/v1/kerngroep/meetings/{id}/progress-report', { path: { id: meetingId } });
  const r = report.data;
  const label = (prefix: 'group' | 'part', key: string, section: string) =>
    section === 'cases' ? (prefix === 'group' ? cw.type(key) : cw.state(key)) : section === 'lists' && prefix === 'group' ? key : has(`${prefix}.${key}`) ? t(`${prefix}.${key}` as Word) : key;
  const cell = (c: { count: number | null; suppressed: boolean }) => (c.suppressed ? <span className="muted">{t('suppressed')}</span> : String(c.count));
  return (
    <div>
      {report.loading && !r && <Loading />}
      <ErrorMessage error={report.error} why={{ action: 'read-progress-report', subject: 'KerngroepMeeting' }} />
      {r && (
        <>
          <p className="muted">{t('reportHint', { k: r.minCompanies })} {t('asOf', { date: formatDate(language, r.asOf, true) })}</p>
          {(['parties', 'lists', 'monitoring', 'cases', 'decided'] as const).map((section) => (
            // a wide table scrolls in its own box on a phone: the box is focusable so the keyboard can scroll it
            <div className="table-wrap" key={section} tabIndex={0} role="region" aria-label={t(`section.${section}` as Word)}>
              <table>
                <caption>{t(`section.${section}` as Word)}</caption>
                <thead>
                  <tr><th scope="col">{t('colGroup')}</th><th scope="col">{t('total')}</th><th scope="col">{t('colParts')}</th></tr>
                </thead>
                <tbody>
                  {r[section].map((g) => (
                    <tr key={g.group}>
                      <th scope="row">{label('group', g.group, section)}</th>
                      <td>{cell({ count: g.total, suppressed: g.suppressed })}</td>
                      <td>
                        {g.parts.map((p, i) => (
                          <span key={p.part}>
                            {i > 0 && ' · '}
                            {label('part', p.part, section)}: {cell(p)}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

/** Anyone asks for themselves; the secretariat files for an outsider without an account (art. 48, 55). */
export function AttendForm({ meetingId, forOutsider }: { meetingId: string; forOutsider: boolean }) {
  const t = useTexts(words);
  const [motivation, setMotivation] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [affiliation, setAffiliation] = useState('');
  const [lang, setLang] = useState<'nl' | 'en'>('nl');
  const send = useAction();
  const id = meetingId.slice(0, 8);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = forOutsider
      ? { motivation: motivation.trim(), name: name.trim(), email: email.trim(), language: lang, ...(affiliation.trim() ? { affiliation: affiliation.trim() } : {}) }
      : { motivation: motivation.trim() };
    if (await send.run(() => call(client.POST('/api/v1/kerngroep/meetings/{id}/attendance-requests', { params: { path: { id: meetingId } }, body })))) {
      setMotivation('');
      setName('');
      setEmail('');
      setAffiliation('');
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('attend')}>
      <h4>{t('attend')}</h4>
      <p className="muted">{t('attendHint')}</p>
      {forOutsider && (
        <>
          <label htmlFor={`att-name-${id}`}>{t('outsiderName')}</label>
          <input id={`att-name-${id}`} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={`att-email-${id}`}>{t('outsiderEmail')}</label>
          <input id={`att-email-${id}`} type="email" required maxLength={320} value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor={`att-aff-${id}`}>{t('affiliation')}</label>
          <input id={`att-aff-${id}`} maxLength={200} value={affiliation} onChange={(e) => setAffiliation(e.target.value)} />
          <label htmlFor={`att-lang-${id}`}>{t('outsiderLanguage')}</label>
          <select id={`att-lang-${id}`} value={lang} onChange={(e) => setLang(e.target.value as 'nl' | 'en')}>
            <option value="nl">{t('lang.nl')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </>
      )}
      <label htmlFor={`att-mot-${id}`}>{t('motivation')}</label>
      <textarea id={`att-mot-${id}`} required rows={2} maxLength={5000} value={motivation} onChange={(e) => setMotivation(e.target.value)} />
      <ErrorMessage error={send.error} why={{ action: 'file', subject: 'AttendanceRequest' }} />
      {send.done && <p className="ok" role="status">{t('attendSent')}</p>}
      <div className="row"><button type="submit" disabled={send.busy}>{t('attendSubmit')}</button></div>
    </form>
  );
}

/** The requests the caller may see: the chair decides the pending ones (art. 48); others follow their own. */
export function AttendanceRequests({ chair }: { chair: boolean }) {
  const t = useTexts(words);
  const { language } = useSession();
  const list = useGet('/api/v1/kerngroep/attendance-requests', {});
  const items = list.data?.items ?? [];
  if (list.error) return null; // not the caller's to see
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">{t('requests')}</h2>
      {list.loading && !list.data && <Loading />}
      {list.data !== undefined && items.length === 0 && <p className="muted">{t('noRequests')}</p>}
      <ul className="plain">
        {items.map((r) => (
          <li key={r.id} className="card">
            <p>
              <strong>{t('requestFor', { name: r.name, affiliation: r.affiliation ?? '—', date: formatDate(language, r.scheduledAt) })}</strong> — {t(`state.${r.state}` as Word)}
            </p>
            <p>{r.motivation}</p>
            {r.reason && <p>{t('reason')}: {r.reason}</p>}
            {chair && r.state === 'pending' && <Decide request={r} onDone={() => list.reload()} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Decide({ request, onDone }: { request: AttendanceRequest; onDone: () => void }) {
  const t = useTexts(words);
  const [reason, setReason] = useState('');
  const act = useAction();
  const id = `reason-${request.id.slice(0, 8)}`;
  const decide = (decision: 'allow' | 'refuse') => async () => {
    if (await act.run(() => call(client.POST('/api/v1/kerngroep/attendance-requests/{id}/decision', { params: { path: { id: request.id } }, body: { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) } })))) onDone();
  };
  return (
    <div>
      <label htmlFor={id}>{t('reason')}</label>
      <textarea id={id} rows={2} maxLength={5000} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ErrorMessage error={act.error} why={{ action: 'decide', subject: 'AttendanceRequest' }} />
      {act.done && <p className="ok" role="status">{t('decided')}</p>}
      <div className="row">
        <button type="button" disabled={act.busy} onClick={() => void decide('allow')()}>{t('allow')}</button>
        <button type="button" disabled={act.busy} onClick={() => void decide('refuse')()}>{t('refuse')}</button>
      </div>
    </div>
  );
}
