import { useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { Body } from '../api/types.ts';
import { ErrorMessage, useAction, useTexts } from '../components.tsx';
import { useConfirm } from '../confirm.tsx';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { decideWords } from './decide-words.ts';
import { ProposeScope } from './propose-scope.tsx';
import { type Scope, type CaseView } from './types.ts';
import { words, known } from './words.ts';

type Seat = NonNullable<Body<'post', '/api/v1/cases/{id}/transitions'>['seat']>;
const SEATS: Seat[] = ['unions', 'ngos', 'branch_orgs', 'companies'];

export function ChairPanel({ c, onStart, onDone }: { c: CaseView; onStart: () => void; onDone: (next: CaseView, action: string) => void }) {
  const t = useTexts(words);
  const d = useTexts(decideWords);
  const { language } = useSession();
  const confirm = useConfirm();
  const orgs = useGet('/api/v1/organisations');
  const action = useAction();
  const [seat, setSeat] = useState<Seat | ''>('');
  const [orgId, setOrgId] = useState('');
  const [reasons, setReasons] = useState('');
  const seats = c.deliberation?.seats.map((s) => s.seat) ?? SEATS;
  const recused = c.deliberation?.seats.filter((s) => s.isRecused && !s.substituteOrganisationId).map((s) => s.seat) ?? seats;
  const candidates = (orgs.data ?? []).filter((o) => o.party !== false && (!seat || o.constituency === seat) && o.id !== c.requester?.id && o.id !== c.subjectCompany?.id);
  const run = (body: Body<'post', '/api/v1/cases/{id}/transitions'>) => {
    onStart();
    return action.run(async () => onDone(await call(client.POST('/api/v1/cases/{id}/transitions', { params: { path: { id: c.id } }, body })), body.action));
  };
  return (
    <div className="card">
      <h3>{t('chair')}</h3>
      <p className="muted">{t('chairNoVote')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (seat) void run({ action: 'appoint-substitute', seat, organisationId: orgId });
        }}
      >
        <h4>{t('appointSubstitute')}</h4>
        <label htmlFor="chair-seat">{t('seat')}</label>
        <select id="chair-seat" value={seat} required onChange={(e) => setSeat(SEATS.find((s) => s === e.target.value) ?? '')}>
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
          <button type="button" disabled={action.busy || !seat} onClick={() => seat && void run({ action: 'record-absence', seat, absent: true })}>
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
            // Issue 14 item 3: closing decides the matter; the chair is told first which seats have not voted.
            const dl = c.deliberation;
            const missing = (dl?.notVoted ?? []).map((s) => known(t, 'seat', s));
            confirm.ask({
              title: d('closeVoteTitle'),
              confirmLabel: d('closeVoteConfirm'),
              danger: missing.length > 0,
              consequence: (
                <>
                  <p>
                    <strong>{missing.length ? d('notVoted', { seats: missing.join(', ') }) : d('allVoted')}</strong>
                  </p>
                  {dl?.partiesNotVoted ? <p>{d('notVotedParties', { n: dl.partiesNotVoted })}</p> : null}
                  {(!dl || dl.closable) && <p>{d('closeVoteEffect')}</p>}
                  {dl && !dl.closable && c.ruling?.voteDueAt ? <p className="muted">{d('notClosable', { due: formatDate(language, c.ruling.voteDueAt, true) })}</p> : null}
                </>
              ),
              // Not closable yet (art. 49-50): the dialog says why and offers no step the API would refuse.
              onConfirm: dl && !dl.closable ? undefined : () => run({ action: 'close-vote', ...(reasons.trim() ? { reasons: reasons.trim() } : {}) }),
            });
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
        <div>
          <p className="muted">{t('closeVoteLater')}</p>
          {(c.deliberation?.notVoted ?? []).length ? <p>{d('notVoted', { seats: (c.deliberation?.notVoted ?? []).map((s) => known(t, 'seat', s)).join(', ') })}</p> : null}
        </div>
      )}
      <ErrorMessage error={action.error} />
      {confirm.dialog}
    </div>
  );
}
