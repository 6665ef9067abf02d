import { call, client } from '../api/client.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { useConfirm } from '../confirm.tsx';
import { decideWords, type DW } from './decide-words.ts';
import { type CaseView } from './types.ts';
import { words, type W } from './words.ts';

export function Transitions({ c, actions, onDone, onStatus }: { c: CaseView; actions: string[]; onDone: (next: CaseView) => void; onStatus: (text: string | null) => void }) {
  const t = useTexts(words);
  const d = useTexts(decideWords);
  const action = useAction();
  const confirm = useConfirm();
  const run = (name: string, extra: { companyId?: string } = {}) => {
    onStatus(null);
    return action.run(async () => {
      const next = await call(client.POST('/api/v1/cases/{id}/transitions', { params: { path: { id: c.id } }, body: { action: name, version: c.version, ...extra } }));
      // The confirmation lives in the case page: after a closing step this panel is gone.
      onStatus(`done.${name}` in decideWords.en ? d(`done.${name}` as DW) : null);
      onDone(next);
    });
  };
  // Issue 14 item 3: a step that cannot be undone is confirmed first, with its consequence in plain words.
  const guarded = (name: string) => {
    const close = name.startsWith('close-') && name !== 'close-consent' && name !== 'close-access';
    const title = `confirm.${name}` in decideWords.en ? d(`confirm.${name}` as DW) : null;
    if (!title) return void run(name);
    confirm.ask({
      title,
      consequence: <p>{d((close ? 'consequence.close' : `consequence.${name}`) as DW)}</p>,
      danger: name === 'withdraw' || name.startsWith('close-'),
      onConfirm: () => run(name),
    });
  };
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
          <button key={a} type="button" className={a === 'withdraw' || a.startsWith('close-no') ? 'danger' : 'primary'} disabled={action.busy} onClick={() => guarded(a)}>
            {t(`action.${a}` as W)}
          </button>
        ))}
      </div>
      <ErrorMessage error={action.error} why={{ action: 'transition', subject: 'Case', id: c.id }} />
      {confirm.dialog}
    </div>
  );
}
