import { api } from '../api.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { type CaseView } from './types.ts';
import { words, type W } from './words.ts';

export function Transitions({ c, actions, onDone }: { c: CaseView; actions: string[]; onDone(next: unknown): void }) {
  const t = useTexts(words);
  const action = useAction();
  const run = (name: string, extra: Record<string, unknown> = {}) =>
    action.run(async () => {
      onDone(await api('POST', `/cases/${c.id}/transitions`, { action: name, version: c.version, ...extra }));
    });
  const waiting = (c.brokeredCompanies ?? []).filter((b) => !b.confirmed);
  return (
    <div className="card">
      {actions.includes('confirm-brokering') && c.brokeredCompanies && (
        // Art. 22: the secretariat confirms each company found one at a time; only then is it told and does the
        // requester learn its name.
        <div className="table-wrap">
          <table>
            <caption>{t('brokered')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('company')}</th>
                <th scope="col">{t('brokeredStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {c.brokeredCompanies.map((b) => (
                <tr key={b.id}>
                  <td>{b.name}</td>
                  <td>
                    {b.confirmed ? (
                      t('brokeredConfirmed')
                    ) : (
                      <button type="button" className="primary" disabled={action.busy} onClick={() => void run('confirm-brokering', { companyId: b.id })}>
                        {t('confirmOne', { name: b.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {waiting.length === 0 && <p className="muted">{t('brokeredAllDone')}</p>}
        </div>
      )}
      <div className="row">
        {actions.filter((a) => a !== 'confirm-brokering').map((a) => (
          <button key={a} type="button" className={a === 'withdraw' || a.startsWith('close-no') ? 'danger' : 'primary'} disabled={action.busy} onClick={() => void run(a)}>
            {t(`action.${a}` as W)}
          </button>
        ))}
      </div>
      <ErrorMessage error={action.error} why={{ action: 'transition', subject: 'Case', id: c.id }} />
    </div>
  );
}
