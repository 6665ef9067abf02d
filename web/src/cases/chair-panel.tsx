import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorMessage, itemsOf, useAction, useApi, useTexts } from '../components.tsx';
import { ProposeScope } from './propose-scope.tsx';
import { type Scope, type CaseView, type Organisation } from './types.ts';
import { words, known } from './words.ts';

export function ChairPanel({ c, onStart, onDone }: { c: CaseView; onStart(): void; onDone(next: unknown, action: string): void }) {
  const t = useTexts(words);
  const orgs = useApi<unknown>('/organisations');
  const action = useAction();
  const [seat, setSeat] = useState('');
  const [orgId, setOrgId] = useState('');
  const [reasons, setReasons] = useState('');
  const seats = c.deliberation?.seats.map((s) => s.seat) ?? ['unions', 'ngos', 'branch_orgs', 'companies'];
  const recused = c.deliberation?.seats.filter((s) => s.isRecused && !s.substituteOrganisationId).map((s) => s.seat) ?? seats;
  const candidates = itemsOf<Organisation>(orgs.data).filter((o) => o.party !== false && (!seat || o.constituency === seat) && o.id !== c.requester?.id && o.id !== c.subjectCompany?.id);
  const run = (body: Record<string, unknown> & { action: string }) => {
    onStart();
    return action.run(async () => onDone(await api('POST', `/cases/${c.id}/transitions`, body), body.action));
  };
  return (
    <div className="card">
      <h3>{t('chair')}</h3>
      <p className="muted">{t('chairNoVote')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run({ action: 'appoint-substitute', seat, organisationId: orgId });
        }}
      >
        <h4>{t('appointSubstitute')}</h4>
        <label htmlFor="chair-seat">{t('seat')}</label>
        <select id="chair-seat" value={seat} required onChange={(e) => setSeat(e.target.value)}>
          <option value="" />
          {recused.map((s) => (
            <option key={s} value={s}>
              {known(t, 'seat', s)}
            </option>
          ))}
        </select>
        <label htmlFor="chair-org">{t('substituteOrg')}</label>
        <select id="chair-org" value={orgId} required onChange={(e) => setOrgId(e.target.value)}>
          <option value="" />
          {candidates.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <div className="row">
          <button type="submit" disabled={action.busy || !seat || !orgId}>
            {t('apply')}
          </button>
          <button type="button" disabled={action.busy || !seat} onClick={() => void run({ action: 'record-absence', seat, absent: true })}>
            {t('recordAbsence')}
          </button>
        </div>
      </form>
      {c.type === 'disclosure' && c.scope && c.ruling?.stage === 'kerngroep' && (c.deliberation?.votes.length ?? 0) === 0 && (
        <ProposeScope scope={c.scope} proposal={(c.ruling?.proposal as { scope?: Scope } | undefined)?.scope} busy={action.busy} onPropose={(scope) => void run({ action: 'propose', proposal: { scope } })} />
      )}
      {(c.availableActions ?? []).includes('close-vote') ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run({ action: 'close-vote', ...(reasons.trim() ? { reasons: reasons.trim() } : {}) });
          }}
        >
          <label htmlFor="chair-reasons">{t('closeReasons')}</label>
          <textarea id="chair-reasons" value={reasons} onChange={(e) => setReasons(e.target.value)} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {t('closeVote')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">{t('closeVoteLater')}</p>
      )}
      <ErrorMessage error={action.error} />
    </div>
  );
}
