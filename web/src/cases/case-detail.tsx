import { useState } from 'react';
import { useGet } from '../api/client.ts';
import { ErrorMessage, Loading, Page, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { Link } from '../router.tsx';
import { groupOf, useMe, useSession } from '../session.tsx';
import { Deadline, StateBadge, useCaseWords } from '../shared.tsx';
import { AdmissibilitySection } from './admissibility.tsx';
import { useCaseTitle } from '../case-title.tsx';
import { StatusLine } from '../confirm.tsx';
import { BrokeredEntries } from './brokered-entries.tsx';
import { RestrictionEntries } from './case-entries.tsx';
import { ConsentForm } from './consent-form.tsx';
import { Deadlines } from './deadlines.tsx';
import { Disclosed } from './disclosed.tsx';
import { MatchReview } from './match-review.tsx';
import { Messages } from './messages.tsx';
import { OpenAccessNotice } from './open-access-notice.tsx';
import { RulingSection } from './ruling-section.tsx';
import { ScopeFacts } from './scope-facts.tsx';
import { Transitions } from './transitions.tsx';
import { type CaseView, TRANSITIONS } from './types.ts';
import { words, known, shielded } from './words.ts';

export function CaseDetail({ id }: { id: string }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const me = useMe();
  const title = useCaseTitle();
  const [status, setStatus] = useState<string | null>(null);
  const loaded = useGet('/api/v1/cases/{id}', { path: { id } });
  // An action's answer is the case as it is now; it stands until the next read arrives. Derived in the render, not
  // copied in an effect: a copy lags one render behind the read, and that render showed an empty page.
  const [answer, setAnswer] = useState<{ view: CaseView; over: CaseView | undefined }>();
  const c = answer && answer.over === loaded.data ? answer.view : loaded.data;
  const refresh = (next?: CaseView) => {
    if (next) setAnswer({ view: next, over: loaded.data });
    else loaded.reload();
  };
  if (loaded.loading && !c) return <Loading />;
  if (loaded.error || !c)
    return (
      <Page title={t('title')}>
        <ErrorMessage error={loaded.error} why={{ action: 'read', subject: 'Case', id }} />
        <Link to="/cases">{t('back')}</Link>
      </Page>
    );
  const actions = c.availableActions ?? [];
  const transitions = actions.filter((a) => TRANSITIONS.includes(a));
  const isChair = me.isKerngroepChair;
  const inKerngroep = Boolean(me.kerngroepSeat) || isChair || groupOf(me) === 'secretariat';
  return (
    <Page title={title(c)} actions={<StateBadge state={c.state} />}>
      <p>
        <Link to="/cases">← {t('back')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('state')}</dt>
        <dd>{cw.state(c.state)}</dd>
        {c.requester && (
          <>
            <dt>{t('requester')}</dt>
            <dd>{c.requester.name}</dd>
          </>
        )}
        {c.onBehalfOf && (
          <>
            <dt>{t('onBehalfOf')}</dt>
            <dd>{c.onBehalfOf.name}</dd>
          </>
        )}
        {c.sponsor && (
          <>
            <dt>{t('sponsor')}</dt>
            <dd>
              {known(t, 'seat', c.sponsor.constituency)}
              {c.sponsor.organisation?.name ? ` — ${c.sponsor.organisation.name}` : ''}
            </dd>
          </>
        )}
        {c.subjectCompany && (
          <>
            <dt>{t('subject')}</dt>
            <dd>{c.subjectCompany.name}</dd>
          </>
        )}
        {c.grounds && (
          <>
            <dt>{t('grounds')}</dt>
            <dd>{c.grounds}</dd>
          </>
        )}
        {c.access?.closesAt && (
          <>
            <dt>{t('accessCloses')}</dt>
            <dd>
              <Deadline at={c.access.closesAt} />
            </dd>
          </>
        )}
      </dl>
      {c.scope && c.type === 'disclosure' && <ScopeFacts title={t('scope')} scope={c.scope} />}
      {c.approvedScope && <ScopeFacts title={t('approvedScope')} scope={c.approvedScope} />}
      {c.restrictionEntries && c.restrictionEntries.length > 0 && <RestrictionEntries entries={c.restrictionEntries} level={c.restriction?.level} />}

      <h2>{t('actions')}</h2>
      {actions.length === 0 && !(c.myConsent && c.state === 'awaiting_consent') && <p className="muted">{t('noActions')}</p>}
      {c.myConsent && c.state === 'awaiting_consent' && <p>{t('consentBelow')}</p>}
      {actions.includes('report') && <p>{t('reportBelow')}</p>}
      <OpenAccessNotice c={c} />
      <StatusLine text={status} />
      {transitions.length > 0 && <Transitions c={c} actions={transitions} onDone={refresh} onStatus={setStatus} />}

      {c.type === 'complaint' && <AdmissibilitySection caseId={c.id} key={`${c.id}-${c.version}`} />}

      {c.ruling && <RulingSection c={c} inKerngroep={inKerngroep} onDone={refresh} />}
      {c.myConsent && <ConsentForm c={c} onDone={refresh} />}
      {c.consents && c.consents.length > 0 && (
        <section>
          <h2>{t('consents')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('company')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('answeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {c.consents.map((x) => (
                  <tr key={x.company.id}>
                    <td>{x.company.name}</td>
                    <td>{known(t, 'consent', x.status)}</td>
                    <td>{formatDate(language, x.answeredAt, true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {c.type === 'disclosure' && (c.state === 'access_open' || (c.state === 'access_closed' && actions.includes('report'))) && <Disclosed c={c} onDone={refresh} />}
      <BrokeredEntries c={c} />
      {c.reports && c.reports.length > 0 && (
        <section>
          <h2>{t('reports')}</h2>
          <ul className="messages">
            {c.reports.map((r) => (
              <li key={r.id}>
                <div className="meta">
                  {formatDate(language, r.createdAt, true)} · {r.locationRefs.length} × {t('entry').toLowerCase()}
                </div>
                {r.description}
              </li>
            ))}
          </ul>
        </section>
      )}
      {groupOf(me) === 'secretariat' && c.type === 'disclosure' && c.reports && c.reports.length > 0 && <MatchReview caseId={c.id} onDone={() => loaded.reload()} />}
      {c.brokeredCompanies && c.brokeredCompanies.length > 0 && (
        <section>
          <h2>{t('brokered')}</h2>
          <ul>
            {c.brokeredCompanies.map((b) => (
              <li key={b.id}>
                {b.name} — <span className="muted">{b.confirmed ? t('confirmed') : t('notConfirmed')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Deadlines c={c} />
      {c.messages && <Messages c={c} onDone={() => loaded.reload()} />}
      {c.timeline && (
        <section>
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {c.timeline.map((e, i) => (
              <li key={i}>
                <div className="small muted">{formatDate(language, e.at, true)}</div>
                <strong>{cw.value('event', e.action)}</strong>
                {e.to && e.from !== e.to ? ` → ${cw.state(e.to)}` : ''}
                {e.by && !e.action.startsWith('ruling-') ? (
                  <span className="muted"> — {e.by.person === null ? shielded(t, e.by.constituency) : `${e.by.person} (${e.by.organisation})`}</span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}
