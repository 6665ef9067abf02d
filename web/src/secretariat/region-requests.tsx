import { useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate, valueText } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { countryName } from '../shared.tsx';
import { words } from './words.ts';

/** Art. 21: the secretariat releases (or declines) which companies are active in the asked countries/regions. */
export function RegionRequests() {
  const t = useTexts(words);
  const { language } = useSession();
  // one request in the list, as GET /company-region-requests answers it (its released companies only on the request itself)
  const list = useGet('/api/v1/company-region-requests');
  const action = useAction();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const answer = (id: string, decision: 'release' | 'decline') =>
    action.run(async () => {
      await call(client.POST('/api/v1/company-region-requests/{id}/answer', { params: { path: { id } }, body: { decision, ...(notes[id]?.trim() ? { note: notes[id].trim() } : {}) } }));
      list.reload();
    });
  const items = list.data ?? [];
  return (
    <Page title={t('regionRequests')}>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data !== undefined && items.length === 0 && <p className="muted">{t('noRequests')}</p>}
      {items.map((r) => (
        <article key={r.id} className="card" aria-label={`${r.requesterName} ${r.year}`}>
          <h2>
            {r.requesterName} <span className="muted small">{formatDate(language, r.createdAt)}</span>
          </h2>
          <dl className="facts">
            <dt>{t('countries')}</dt>
            <dd>{[...r.countries.map((c) => countryName(language, c)), ...r.regions].join(', ')} ({r.year})</dd>
            {r.purpose && (
              <>
                <dt>{t('purpose')}</dt>
                <dd>{r.purpose}</dd>
              </>
            )}
            <dt>{t('status')}</dt>
            <dd>{valueText(language, 'regionRequestStatus', r.status)}</dd>
          </dl>
          {r.status === 'submitted' && (
            <>
              {r.candidates && <p>{t('wouldRelease', { names: r.candidates.map((c) => c.name).join(', ') || '—' })}</p>}
              <label htmlFor={`note-${r.id}`}>{t('note')}</label>
              <textarea id={`note-${r.id}`} value={notes[r.id] ?? ''} onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })} maxLength={2000} />
              <div className="row">
                <button type="button" className="primary" disabled={action.busy} onClick={() => void answer(r.id, 'release')}>
                  {t('release')}
                </button>
                <button type="button" className="danger" disabled={action.busy} onClick={() => void answer(r.id, 'decline')}>
                  {t('decline')}
                </button>
              </div>
            </>
          )}
        </article>
      ))}
      <ErrorMessage error={action.error} />
    </Page>
  );
}

/**
 * The CSO expertise overview kept by the secretariat (art. 22, first sentence; policy secretariat-maintains-overview
 * in policies/cso-expertise.yaml): pick an NGO or union and edit its entries in the same form the NGO uses for its
 * own. The choice is confirmed with a button (no change of context on a mere select, WCAG 3.2.2) and kept in the
 * address (`?organisation=`), so the page can be linked and reloaded.
 */
