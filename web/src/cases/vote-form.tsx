import { type FormEvent, useState } from 'react';
import { call, client } from '../api/client.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { type CaseView } from './types.ts';
import { words } from './words.ts';

export function VoteForm({ c, assembly, onDone }: { c: CaseView; assembly: boolean; onDone: () => void }) {
  const t = useTexts(words);
  const [vote, setVote] = useState<'for' | 'against' | 'abstain' | ''>('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (vote && (await action.run(() => call(client.POST('/api/v1/cases/{id}/votes', { params: { path: { id: c.id } }, body: { vote, ...(reason.trim() ? { reason: reason.trim() } : {}) } }))))) onDone();
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{assembly ? t('castAssemblyVote') : t('castVote')}</legend>
        {(['for', 'against', 'abstain'] as const).map((v) => (
          <label key={v} className="check">
            <input type="radio" name="vote" value={v} required checked={vote === v} onChange={() => setVote(v)} /> {t(v)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="vote-reason">{t('voteReason')}</label>
      <textarea id="vote-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      <ErrorMessage error={action.error} why={{ action: 'vote', subject: 'Case', id: c.id }} />
      <div className="row">
        <button type="submit" className="primary" disabled={!vote || action.busy}>
          {t('submitVote')}
        </button>
      </div>
    </form>
  );
}
