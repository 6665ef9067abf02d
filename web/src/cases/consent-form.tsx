import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, itemsOf, useAction, useApi, useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName, useCaseWords } from '../shared.tsx';
import { type CaseView, type OwnEntry } from './types.ts';
import { words, known } from './words.ts';

export function ConsentForm({ c, onDone }: { c: CaseView; onDone(next?: unknown): void }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const mine = c.myConsent!;
  const year = c.approvedScope?.year ?? c.scope?.year;
  const own = useApi<unknown>(year ? `/production-locations?year=${year}&pageSize=500` : null);
  const byId = new Map(itemsOf<OwnEntry>(own.data).map((e) => [e.id, e]));
  const [levels, setLevels] = useState<Record<string, string>>(() =>
    Object.fromEntries(mine.entries.map((e) => [e.id, e.level === 'declined' ? 'decline' : e.level && e.level !== 'full' ? e.level : 'full'])),
  );
  const action = useAction();
  const canAnswer = c.state === 'awaiting_consent';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Art. 19, 22: per entry approve (identity), restrict to region or country, or decline.
    const answers = mine.entries.map((x) => levels[x.id] ?? 'full');
    const restricted = Object.entries(levels).filter(([, l]) => l !== 'full');
    const body = answers.every((l) => l === 'decline')
      ? { decision: 'decline' }
      : restricted.length
        ? { decision: 'restrict', locations: restricted.map(([id, level]) => ({ id, level })) }
        : { decision: 'approve' };
    await action.run(async () => onDone(await api('POST', `/cases/${c.id}/consents`, body)));
  };
  return (
    <section>
      <h2>{t('consent')}</h2>
      <p>{t('consentStatus', { status: known(t, 'consent', mine.status) })}</p>
      <p className="muted">{t('consentIntro')}</p>
      <form onSubmit={submit}>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('entry')}</th>
                <th scope="col">{t('country')}</th>
                <th scope="col">{t('activity')}</th>
                <th scope="col">{t('level')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.entries.map((e, i) => {
                const x = byId.get(e.id);
                return (
                  <tr key={e.id}>
                    <td>{x?.supplierName ?? `#${e.id.slice(0, 8)}`}</td>
                    <td>
                      {x ? countryName(language, x.country) : ''}
                      {x?.region ? `, ${x.region}` : ''}
                    </td>
                    <td>{x ? `${cw.activity(x.activityType)} · ${x.rawMaterials.map(cw.material).join(', ')}` : ''}</td>
                    <td>
                      <label className="small" htmlFor={`level-${i}`}>
                        {t('level')} {x?.supplierName ?? i + 1}
                      </label>
                      <select id={`level-${i}`} disabled={!canAnswer} value={levels[e.id] ?? 'full'} onChange={(ev) => setLevels({ ...levels, [e.id]: ev.target.value })}>
                        <option value="full">{t('levelFull')}</option>
                        <option value="region">{t('levelRegion')}</option>
                        <option value="country">{t('levelCountry')}</option>
                        <option value="decline">{t('levelDecline')}</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ErrorMessage error={action.error} why={{ action: 'consent', subject: 'Case', id: c.id }} />
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
    </section>
  );
}
