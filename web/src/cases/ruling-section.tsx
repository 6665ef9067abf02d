import { useState } from 'react';
import { useTexts, WhyLink } from '../components.tsx';
import { formatDate, valueText } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { ChairPanel } from './chair-panel.tsx';
import { type CaseView } from './types.ts';
import { VoteForm } from './vote-form.tsx';
import { words, type W, known } from './words.ts';

export function RulingSection({ c, inKerngroep, onDone }: { c: CaseView; inKerngroep: boolean; onDone: (next?: CaseView) => void }) {
  const t = useTexts(words);
  const { language } = useSession();
  const me = useMe();
  const r = c.ruling!;
  const open = r.stage !== 'decided' && c.state === 'awaiting_ruling';
  // a seat holder, or the party the chair appointed as substitute for a recused seat (art. 84); the API decides
  const isSubstitute = Boolean(c.deliberation?.seats.some((s) => s.substituteOrganisationId === me.organisation.id));
  // a matter keeps the seat holders it opened with (art. 47, 49): a holder since replaced still votes on it, a new one not
  const heldSeat = c.deliberation?.seats.find((s) => s.holderOrganisationId === me.organisation.id)?.seat;
  const holdsSeatHere = c.deliberation?.seats.some((s) => s.holderOrganisationId !== undefined) ? Boolean(heldSeat) : Boolean(me.kerngroepSeat);
  const canVoteKerngroep = open && r.stage === 'kerngroep' && (holdsSeatHere || isSubstitute) && !me.isKerngroepChair;
  const canVoteAssembly = open && r.stage === 'assembly' && me.organisation.party !== false && ['ngo', 'union', 'branch_org', 'company'].includes(me.organisation.kind);
  const d = c.deliberation;
  // The confirmation lives here, not in the form: the last vote decides the ruling, the refreshed case then has no
  // open vote and the form goes away, and the voter must still see that the vote counted.
  const [justVoted, setJustVoted] = useState(false);
  // The same for the chair: closing the vote decides the ruling and the panel goes away with the open vote.
  const [chairDone, setChairDone] = useState<string | null>(null);
  const mySeat = r.stage === 'kerngroep' ? (d?.seats.find((s) => s.substituteOrganisationId === me.organisation.id)?.seat ?? heldSeat ?? me.kerngroepSeat?.constituency) : undefined;
  // one vote per seat in the Kerngroep, one per party organisation in the assembly (art. 49): no form once it is cast —
  // by this organisation (the API's myVote), or in the Kerngroep by the other representative of the same seat
  const alreadyVoted = Boolean(c.myVote) || Boolean(r.stage === 'kerngroep' && d?.votes.some((v) => v.stage === 'kerngroep' && v.seat === mySeat));
  return (
    <section>
      <h2>{t('ruling')}</h2>
      <dl className="facts">
        <dt>{t('stage')}</dt>
        <dd>{known(t, 'stage', r.stage)}</dd>
        <dt>{t('openedAt')}</dt>
        <dd>{formatDate(language, r.openedAt, true)}</dd>
        {r.outcome && (
          <>
            <dt>{t('outcome')}</dt>
            <dd>
              <span className={`badge ${r.outcome}`}>{known(t, 'outcome', r.outcome)}</span> {r.basis ? `(${known(t, 'basis', r.basis)})` : ''}
            </dd>
          </>
        )}
      </dl>
      {r.escalated && <p className="notice">{t('escalated')}</p>}
      {d ? (
        <div className="card" aria-labelledby="deliberation-title">
          <h3 id="deliberation-title">{t('deliberation')}</h3>
          <ul>
            {d.seats.map((s) => (
              <li key={s.seat}>
                {t('seat')} {known(t, 'seat', s.seat)}
                {s.isRecused ? ` — ${t('recused')}` : ''}
                {s.isFixedAbsent ? ` — ${t('absent')}` : ''}
                {s.substituteOrganisationId ? ` — ${t('substitute')}` : ''}
              </li>
            ))}
          </ul>
          {d.votes.length === 0 ? (
            <p className="muted">{t('noVotes')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('votes')}>
              <table className="cards">
                <caption>{t('votes')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('seat')}</th>
                    <th scope="col">{t('organisation')}</th>
                    <th scope="col">{t('capacity')}</th>
                    <th scope="col">{t('vote')}</th>
                    <th scope="col">{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.votes.map((v, i) => (
                    <tr key={i}>
                      <td data-label={t('seat')}>{v.seat ? known(t, 'seat', v.seat) : known(t, 'stage', v.stage)}</td>
                      <td data-label={t('organisation')}>
                        {v.organisation} <span className="muted small">({v.person})</span>
                      </td>
                      <td data-label={t('capacity')}>{valueText(language, 'capacity', v.capacity)}</td>
                      <td data-label={t('vote')}>{t(v.vote as W)}</td>
                      <td data-label={t('reason')}>{v.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.escalationReason && <p>{d.escalationReason}</p>}
          {d.reasons && (
            <p>
              <strong>{t('reasons')}:</strong> {d.reasons}
            </p>
          )}
        </div>
      ) : (
        inKerngroep && (
          <div className="notice" role="note">
            <p>{t('deliberationHidden')}</p>
            <WhyLink action="read" subject="Case" id={c.id} />
          </div>
        )
      )}
      {justVoted ? (
        <p className="ok" role="status">
          {t('voted')}
        </p>
      ) : (
        (canVoteKerngroep || canVoteAssembly) &&
        (alreadyVoted ? (
          <p className="muted">{canVoteAssembly ? t('orgVoted') : t('seatVoted')}</p>
        ) : (
          <VoteForm
            c={c}
            assembly={canVoteAssembly}
            onDone={() => {
              setJustVoted(true);
              onDone();
            }}
          />
        ))
      )}
      {chairDone && (
        <p className="ok" role="status">
          {t(`chairDone.${chairDone}` as W)}
        </p>
      )}
      {me.isKerngroepChair && open && (
        <ChairPanel
          c={c}
          onStart={() => setChairDone(null)}
          onDone={(next, action) => {
            setChairDone(action);
            onDone(next);
          }}
        />
      )}
    </section>
  );
}
