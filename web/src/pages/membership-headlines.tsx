import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import type { Body } from '../api/types.ts';
import { ErrorMessage, Loading, useAction, useTexts } from '../components.tsx';
import type { Key } from '../i18n.ts';
import { formatDate, valueText } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { membershipHeadlinesFrEs } from './membership.words.fr-es.ts';

/**
 * What every party is told about who joins and leaves (art. 71, 75, 77), at headline level: requests to join it was
 * informed of, with the motivation and a question to the secretariat (art. 71), and withdrawals and removals with
 * their dates (a removal with its short public explanation).
 */
const words = {
  en: {
    title: 'Joining and leaving',
    accessions: 'Requests to join (art. 70-72)',
    noAccessions: 'No request to join was put to the parties.',
    status: 'Status',
    letter: 'Motivation letter',
    ask: 'Your question to the secretariat (art. 71)',
    send: 'Send the question',
    sent: 'Question sent.',
    changes: 'Leaving the agreement (art. 73-77)',
    noChanges: 'Nobody is leaving.',
    withdrawal: '{name} gave notice; it takes effect on {date}.',
    removal: 'The Kerngroep removes {name} as of {date}: {explanation}',
    effected: '(in effect)',
  },
  nl: {
    title: 'Toetreden en vertrekken',
    accessions: 'Verzoeken tot toetreding (art. 70-72)',
    noAccessions: 'Er is de partijen geen verzoek tot toetreding voorgelegd.',
    status: 'Status',
    letter: 'Motivatiebrief',
    ask: 'Uw vraag aan het secretariaat (art. 71)',
    send: 'Vraag versturen',
    sent: 'Vraag verstuurd.',
    changes: 'Vertrek uit de Sectorovereenkomst (art. 73-77)',
    noChanges: 'Niemand vertrekt.',
    withdrawal: '{name} heeft opgezegd; dat gaat in op {date}.',
    removal: 'De Kerngroep verwijdert {name} per {date}: {explanation}',
    effected: '(ingegaan)',
  },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, membershipHeadlinesFrEs);

/** An accession request as the parties see it (`GET /membership/accession-requests`, generated schema). */
type Request = components['schemas']['AccessionViewDto'] & { id: string };
export function MembershipHeadlines() {
  const t = useTexts(words);
  const { language } = useSession();
  const requests = useGet('/api/v1/membership/accession-requests');
  const headlines = useGet('/api/v1/membership/headlines');
  const open = (requests.data?.items ?? []).filter((r): r is Request => r.id !== undefined);
  const changes = headlines.data?.items ?? [];
  return (
    <section aria-labelledby="headlines-title">
      <h2 id="headlines-title">{t('title')}</h2>
      <h3>{t('accessions')}</h3>
      {requests.loading && <Loading />}
      <ErrorMessage error={requests.error} />
      {requests.data !== undefined && open.length === 0 && <p className="muted">{t('noAccessions')}</p>}
      {open.map((r) => (
        <Question key={r.id} request={r} />
      ))}
      <h3>{t('changes')}</h3>
      <ErrorMessage error={headlines.error} />
      {headlines.data !== undefined && changes.length === 0 && <p className="muted">{t('noChanges')}</p>}
      <ul>
        {changes.map((c) => (
          <li key={`${c.kind}-${c.organisation.id}`}>
            {c.kind === 'withdrawal'
              ? t('withdrawal', { name: c.organisation.name, date: formatDate(language, c.effectiveAt) })
              : t('removal', { name: c.organisation.name, date: formatDate(language, c.effectiveAt), explanation: c.explanation ?? '' })}{' '}
            {c.effected && t('effected')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Question({ request }: { request: Request }) {
  const t = useTexts(words);
  const { t: common, language } = useSession();
  const [question, setQuestion] = useState('');
  const ask = useAction();
  const id = `question-${request.id.slice(0, 8)}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await ask.run(() => api('POST', `/membership/accession-requests/${request.id}/questions`, { question: question.trim() } satisfies Body<'post', '/api/v1/membership/accession-requests/{id}/questions'>))) setQuestion('');
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={request.name}>
      <h4>
        {request.name} ({request.kind ? common(`kind.${request.kind}` as Key) : '—'})
      </h4>
      <p>
        {t('status')}: {valueText(language, 'accessionStatus', request.status)}
      </p>
      {request.motivation && (
        <details>
          <summary>{t('letter')}</summary>
          <p>{request.motivation}</p>
        </details>
      )}
      {request.status === 'informed' && (
        <>
          <label htmlFor={id}>{t('ask')}</label>
          <textarea id={id} required rows={2} maxLength={5000} value={question} onChange={(e) => setQuestion(e.target.value)} />
          <ErrorMessage error={ask.error} />
          {ask.done && <p className="ok" role="status">{t('sent')}</p>}
          <div className="row">
            <button type="submit" disabled={ask.busy}>
              {t('send')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
