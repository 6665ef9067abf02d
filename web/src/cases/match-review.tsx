import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import { ErrorMessage, Loading, useAction, useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName, useCaseWords } from '../shared.tsx';

const words = {
  en: {
    title: 'Supplier matches to decide',
    intro: 'Entries of other companies found for the reported suppliers, however they spell them. No company is told before you confirm: uncertain ones (score between {review} and {auto}) first, each beside the reported entry.',
    none: 'No entries of other companies were found for the reported suppliers.',
    toReview: '{n} to review',
    reported: 'Reported entry',
    candidate: 'Entry of {company}',
    score: 'Score',
    how: 'Found by',
    status: 'Status',
    'method.identity': 'the same supplier (exact spelling or an earlier confirmed match)',
    'method.os-id': 'the same Open Supply Hub ID',
    'method.score': 'similar name and address',
    'status.proposed': 'proposed: confirmed with the company when you bring it in',
    'status.review': 'to review',
    'status.confirmed': 'confirmed',
    'status.rejected': 'rejected',
    name: 'Name',
    address: 'Address',
    city: 'City',
    country: 'Country',
    activity: 'Activity',
    shredded: 'no longer readable (the company left)',
    reason: 'Reason',
    reasonHint: 'Why these are, or are not, the same supplier (kept with the decision)',
    confirm: 'Same supplier',
    reject: 'Not the same',
    decidedBecause: 'Reason given',
  },
  nl: {
    title: 'Leveranciersmatches om te beoordelen',
    intro: 'Regels van andere bedrijven die gevonden zijn bij de gemelde leveranciers, hoe ze die ook spellen. Geen bedrijf hoort iets voordat u bevestigt: eerst de onzekere (score tussen {review} en {auto}), elk naast de gemelde regel.',
    none: 'Er zijn geen regels van andere bedrijven gevonden bij de gemelde leveranciers.',
    toReview: '{n} te beoordelen',
    reported: 'Gemelde regel',
    candidate: 'Regel van {company}',
    score: 'Score',
    how: 'Gevonden via',
    status: 'Status',
    'method.identity': 'dezelfde leverancier (zelfde schrijfwijze of een eerder bevestigde match)',
    'method.os-id': 'hetzelfde Open Supply Hub-ID',
    'method.score': 'gelijkende naam en adres',
    'status.proposed': 'voorgesteld: bevestigd met het bedrijf zodra u het erbij haalt',
    'status.review': 'te beoordelen',
    'status.confirmed': 'bevestigd',
    'status.rejected': 'afgewezen',
    name: 'Naam',
    address: 'Adres',
    city: 'Plaats',
    country: 'Land',
    activity: 'Activiteit',
    shredded: 'niet meer leesbaar (het bedrijf is vertrokken)',
    reason: 'Reden',
    reasonHint: 'Waarom dit wel of niet dezelfde leverancier is (wordt bij het besluit bewaard)',
    confirm: 'Zelfde leverancier',
    reject: 'Niet dezelfde',
    decidedBecause: 'Opgegeven reden',
  },
};

type Entry = components['schemas']['ReviewedEntryDto'];
type Candidate = components['schemas']['MatchCandidateDto'];

type T = ReturnType<typeof useTexts<(typeof words)['en']>>;

function EntryFacts({ e, heading, t }: { e: Entry | null; heading: string; t: T }) {
  const { language } = useSession();
  const cw = useCaseWords();
  return (
    <div>
      <h4>{heading}</h4>
      {!e || e.shredded ? (
        <p className="muted">{t('shredded')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('name')}</dt>
          <dd>{e.supplierName}</dd>
          <dt>{t('address')}</dt>
          <dd>{[e.address, e.postcode].filter(Boolean).join(', ')}</dd>
          <dt>{t('city')}</dt>
          <dd>{e.city}</dd>
          <dt>{t('country')}</dt>
          <dd>{countryName(language, e.country)}</dd>
          <dt>{t('activity')}</dt>
          <dd>{cw.activity(e.activityType)}</dd>
        </dl>
      )}
    </div>
  );
}

function Decision({ caseId, c, onDone, t }: { caseId: string; c: Candidate; onDone: () => void; t: T }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const decide = (decision: 'confirm' | 'reject') => async (e?: FormEvent) => {
    e?.preventDefault();
    if (await action.run(() => call(client.POST('/api/v1/cases/{id}/match-candidates/{candidateId}/decision', { params: { path: { id: caseId, candidateId: c.id } }, body: { decision, reason: reason.trim() } })))) onDone();
  };
  const field = `reason-${c.id}`;
  return (
    <form onSubmit={(e) => void decide('confirm')(e)}>
      <label htmlFor={field}>{t('reason')}</label>
      <textarea id={field} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${field}-hint`} />
      <div id={`${field}-hint`} className="small muted">
        {t('reasonHint')}
      </div>
      <ErrorMessage error={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy || !reason.trim()}>
          {t('confirm')}
        </button>
        <button type="button" disabled={action.busy || !reason.trim()} onClick={() => void decide('reject')()}>
          {t('reject')}
        </button>
      </div>
    </form>
  );
}

/**
 * Art. 22 step 7 (issue 16): the secretariat's review queue of supplier matches, both entries side by side; it
 * confirms or rejects each with a reason. Shown only to the secretariat (the API refuses everyone else).
 */
export function MatchReview({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const t = useTexts(words);
  const queue = useGet('/api/v1/cases/{id}/match-candidates', { path: { id: caseId } });
  if (queue.loading && !queue.data) return <Loading />;
  if (queue.error || !queue.data) return <ErrorMessage error={queue.error} />;
  const { items, toReview, thresholds } = queue.data;
  const statusKey = (s: Candidate['status']) => `status.${s}` as const;
  const methodKey = (m: Candidate['method']) => `method.${m}` as const;
  return (
    <section aria-labelledby="match-review-title">
      <h2 id="match-review-title">
        {t('title')} {toReview > 0 && <span className="badge">{t('toReview', { n: toReview })}</span>}
      </h2>
      <p>{t('intro', { review: thresholds.review, auto: thresholds.auto })}</p>
      {items.length === 0 && <p className="muted">{t('none')}</p>}
      {items.map((c) => (
        <article key={c.id} className="card" aria-label={t('candidate', { company: c.company.name ?? '' })}>
          <h3>{c.company.name}</h3>
          <dl className="facts">
            <dt>{t('score')}</dt>
            <dd>{c.score} / 100</dd>
            <dt>{t('how')}</dt>
            <dd>{t(methodKey(c.method))}</dd>
            <dt>{t('status')}</dt>
            <dd>{t(statusKey(c.status))}</dd>
            {c.reason && (
              <>
                <dt>{t('decidedBecause')}</dt>
                <dd>{c.reason}</dd>
              </>
            )}
          </dl>
          <div className="split">
            <EntryFacts e={c.reported} heading={t('reported')} t={t} />
            <EntryFacts e={c.candidate} heading={t('candidate', { company: c.company.name ?? '' })} t={t} />
          </div>
          {(c.status === 'review' || c.status === 'proposed') && (
            <Decision
              caseId={caseId}
              c={c}
              t={t}
              onDone={() => {
                queue.reload();
                onDone();
              }}
            />
          )}
        </article>
      ))}
    </section>
  );
}
