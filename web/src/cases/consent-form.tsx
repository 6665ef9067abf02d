import { type FormEvent, useState } from 'react';
import { call, client } from '../api/client.ts';
import type { Body } from '../api/types.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { StatusLine, useConfirm } from '../confirm.tsx';
import { useSession } from '../session.tsx';
import { countryName, regionLabel, useCaseWords } from '../shared.tsx';
import { decideWords } from './decide-words.ts';
import { type CaseView, type ConsentEntry, type Reveal } from './types.ts';
import { words, known } from './words.ts';

/** The select's values, as the API's consent levels (art. 19, 22). */
const CHOICE: Record<string, 'identity' | 'region' | 'country' | 'decline'> = { full: 'identity', region: 'region', country: 'country', decline: 'decline' };

/**
 * Art. 19, 22 (issue 14 item 2): the company sees each of its own entries in the request by name — decrypted by the
 * API for it only — and, under each answer, exactly what the requester would see. Before sending, a summary.
 */
export function ConsentForm({ c, onDone }: { c: CaseView; onDone: (next?: CaseView) => void }) {
  const t = useTexts(words);
  const d = useTexts(decideWords);
  const cw = useCaseWords();
  const { language } = useSession();
  const mine = c.myConsent!;
  const [levels, setLevels] = useState<Record<string, string>>(() =>
    Object.fromEntries(mine.entries.map((e) => [e.id, e.level === 'declined' ? 'decline' : e.level && e.level !== 'full' ? e.level : 'full'])),
  );
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();
  const confirm = useConfirm();
  const canAnswer = c.state === 'awaiting_consent';
  const facts = (r: Reveal) =>
    [
      r.shows.supplierName,
      [r.shows.address, r.shows.postcode, r.shows.city].filter(Boolean).join(' '),
      r.shows.country ? countryName(language, r.shows.country) : null,
      regionLabel(r.shows.region, r.shows.regionName),
      r.shows.activityType ? cw.activity(r.shows.activityType) : null,
      r.shows.rawMaterials?.map(cw.material).join(', '),
    ]
      .filter(Boolean)
      .join(', ');
  const reveal = (e: ConsentEntry) => {
    const r = e.reveals?.[CHOICE[levels[e.id] ?? 'full']];
    if (!r) return null;
    if (r.level === 'hidden') return d('revealHidden');
    if (r.level === 'counted') return d('revealCounted');
    return r.level === 'full' ? d('revealFull', { facts: facts(r) }) : d('revealPart', { facts: facts(r) });
  };
  const send = async () => {
    // Art. 19, 22: per entry approve (identity), restrict to region or country, or decline.
    const answers = mine.entries.map((x) => levels[x.id] ?? 'full');
    const restricted = Object.entries(levels).filter(([, l]) => l !== 'full');
    const body: Body<'post', '/api/v1/cases/{id}/consents'> = answers.every((l) => l === 'decline')
      ? { decision: 'decline' }
      : restricted.length
        ? { decision: 'restrict', locations: restricted.map(([id, level]) => ({ id, level: CHOICE[level] })) }
        : { decision: 'approve' };
    setSent(null);
    await action.run(async () => {
      const next = await call(client.POST('/api/v1/cases/{id}/consents', { params: { path: { id: c.id } }, body }));
      setSent(d('consentSent'));
      onDone(next);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const count = (l: string) => mine.entries.filter((x) => (levels[x.id] ?? 'full') === l).length;
    const lines = [
      ['full', 'sendFull'],
      ['region', 'sendRegion'],
      ['country', 'sendCountry'],
      ['decline', 'sendDecline'],
    ] as const;
    confirm.ask({
      title: d('sendTitle'),
      confirmLabel: d('sendConfirm'),
      consequence: (
        <>
          <p>{d('sendIntro')}</p>
          <ul>
            {lines.filter(([l]) => count(l) > 0).map(([l, k]) => (
              <li key={l}>{d(k, { n: count(l) })}</li>
            ))}
          </ul>
          <p className="muted">{d('sendNever')}</p>
        </>
      ),
      onConfirm: send,
    });
  };
  return (
    <section>
      <h2>{t('consent')}</h2>
      <p>{t('consentStatus', { status: known(t, 'consent', mine.status) })}</p>
      <p className="muted">{t('consentIntro')}</p>
      <form onSubmit={submit}>
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">{d('supplier')}</th>
                <th scope="col">{d('address')}</th>
                <th scope="col">{d('where')}</th>
                <th scope="col">{d('what')}</th>
                <th scope="col">{d('answer')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.entries.map((e, i) => {
                const name = e.supplierName ?? t('entry');
                return (
                  <tr key={e.id}>
                    <td data-label={d('supplier')}>{name}</td>
                    <td data-label={d('address')}>{[e.address, e.postcode, e.city].filter(Boolean).join(', ')}</td>
                    <td data-label={d('where')}>
                      {e.country ? countryName(language, e.country) : ''}
                      {e.region ? `, ${regionLabel(e.region, e.regionName)}` : ''}
                    </td>
                    <td data-label={d('what')}>
                      {e.activityType ? cw.activity(e.activityType) : ''}
                      {e.rawMaterials?.length ? ` · ${e.rawMaterials.map(cw.material).join(', ')}` : ''}
                      {e.tier ? <div className="small muted">{d('tier', { n: e.tier === 3 ? '3+' : e.tier })}</div> : null}
                    </td>
                    <td data-label={d('answer')} className="stack">
                      <div>
                        <label className="sr-only" htmlFor={`level-${i}`}>
                          {t('level')} {name}
                        </label>
                        <select id={`level-${i}`} disabled={!canAnswer} value={levels[e.id] ?? 'full'} aria-describedby={`reveal-${i}`} onChange={(ev) => setLevels({ ...levels, [e.id]: ev.target.value })}>
                          <option value="full">{t('levelFull')}</option>
                          <option value="region">{t('levelRegion')}</option>
                          <option value="country">{t('levelCountry')}</option>
                          <option value="decline">{t('levelDecline')}</option>
                        </select>
                        <p className="reveal" id={`reveal-${i}`}>
                          {reveal(e)}
                        </p>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ErrorMessage error={action.error} why={{ action: 'consent', subject: 'Case', id: c.id }} />
        <StatusLine text={sent} />
        {canAnswer && (
          <div className="row">
            <button type="button" onClick={() => setLevels(Object.fromEntries(mine.entries.map((e) => [e.id, 'full'])))}>
              {t('approveAll')}
            </button>
            <button type="button" onClick={() => setLevels(Object.fromEntries(mine.entries.map((e) => [e.id, 'decline'])))}>
              {t('declineAll')}
            </button>
            <button type="submit" className="primary" disabled={action.busy}>
              {t('sendConsent')}
            </button>
          </div>
        )}
      </form>
      {confirm.dialog}
    </section>
  );
}
