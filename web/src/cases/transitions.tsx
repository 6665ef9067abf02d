import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { Link } from '../router.tsx';
import { useMe } from '../session.tsx';
import { type CaseView } from './types.ts';
import { words, type W } from './words.ts';

export function Transitions({ c, actions, onDone }: { c: CaseView; actions: string[]; onDone(next: unknown): void }) {
  const t = useTexts(words);
  const me = useMe();
  const action = useAction();
  const [companyIds, setCompanyIds] = useState<string[] | null>(null);
  const hasArt22 = me.activeNdas.some((n) => /22|standard|access|disclos/.test(n.kind));
  const run = (name: string) =>
    action.run(async () => {
      const body: Record<string, unknown> = { action: name, version: c.version };
      if (name === 'confirm-brokering' && companyIds) body.companyIds = companyIds;
      onDone(await api('POST', `/cases/${c.id}/transitions`, body));
    });
  return (
    <div className="card">
      {actions.includes('open-access') && !hasArt22 && (
        <div className="notice">
          <p>{t('openAccessNote')}</p>
          <Link to="/my?kind=disclosure">{t('signClause')}</Link>
        </div>
      )}
      {actions.includes('confirm-brokering') && c.brokeredCompanies && (
        <fieldset>
          <legend>{t('brokered')}</legend>
          {c.brokeredCompanies.map((b) => (
            <label key={b.id} className="check">
              <input
                type="checkbox"
                checked={(companyIds ?? c.brokeredCompanies!.map((x) => x.id)).includes(b.id)}
                onChange={(e) => {
                  const cur = companyIds ?? c.brokeredCompanies!.map((x) => x.id);
                  setCompanyIds(e.target.checked ? [...cur, b.id] : cur.filter((x) => x !== b.id));
                }}
              />
              {b.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="row">
        {actions.map((a) => (
          <button key={a} type="button" className={a === 'withdraw' || a.startsWith('close-no') ? 'danger' : 'primary'} disabled={action.busy} onClick={() => void run(a)}>
            {t(`action.${a}` as W)}
          </button>
        ))}
      </div>
      <ErrorMessage error={action.error} why={{ action: 'transition', subject: 'Case', id: c.id }} />
    </div>
  );
}
