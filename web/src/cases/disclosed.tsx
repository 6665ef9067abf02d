import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import { ErrorMessage, Loading, useAction, useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName, regionLabel, useCaseWords } from '../shared.tsx';
import { type CaseView } from './types.ts';
import { words, known } from './words.ts';

export function Disclosed({ c, onDone }: { c: CaseView; onDone: (next?: CaseView) => void }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const list = useGet(c.state === 'access_open' ? '/api/v1/cases/{id}/disclosed-locations' : null, { path: { id: c.id } });
  const entries = list.data?.items ?? [];
  const counts = list.data?.aggregated;
  const [picked, setPicked] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const action = useAction();
  const canReport = (c.availableActions ?? []).includes('report') || c.state === 'access_open';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(async () => onDone(await call(client.POST('/api/v1/cases/{id}/reports', { params: { path: { id: c.id } }, body: { locationRefs: picked, description: description.trim() } }))))) {
      setPicked([]);
      setDescription('');
    }
  };
  return (
    <section>
      <h2>{t('disclosed')}</h2>
      <p className="muted">{t('disclosedIntro')}</p>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'DisclosedLocation', id: c.id }} />
      <form onSubmit={(e) => void submit(e)}>
        {entries.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption>{t('disclosed')}</caption>
              <thead>
                <tr>
                  {canReport && <th scope="col">{t('report')}</th>}
                  <th scope="col">{t('supplier')}</th>
                  <th scope="col">{t('address')}</th>
                  <th scope="col">{t('country')}</th>
                  <th scope="col">{t('activity')}</th>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{t('shownAt')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={e.id}>
                    {canReport && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('report')}: ${e.supplierName ?? `${t('entry')} ${i + 1}`}`}
                          checked={picked.includes(e.id)}
                          onChange={(ev) => setPicked(ev.target.checked ? [...picked, e.id] : picked.filter((x) => x !== e.id))}
                        />
                      </td>
                    )}
                    <td>{e.supplierName ?? '—'}</td>
                    <td>{[e.address, e.postcode, e.city].filter(Boolean).join(', ') || '—'}</td>
                    <td>
                      {countryName(language, e.country)}
                      {e.region ? `, ${regionLabel(e.region, e.regionName)}` : ''}
                    </td>
                    <td>
                      {cw.activity(e.activityType)} · {e.rawMaterials.map(cw.material).join(', ')}
                    </td>
                    <td>{e.tier === 3 ? '3+' : e.tier}</td>
                    <td>{known(t, 'level', e.level)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canReport && entries.length > 0 && (
          <div className="card">
            <h3>{t('report')}</h3>
            <p className="muted">{t('reportIntro')}</p>
            <label htmlFor="report-description">{t('describe')}</label>
            <textarea id="report-description" required value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} />
            <ErrorMessage error={action.error} />
            <div className="row">
              <button type="submit" className="primary" disabled={action.busy || picked.length === 0 || !description.trim()}>
                {t('sendReport')}
              </button>
            </div>
          </div>
        )}
      </form>
      {counts && (
        <div className="card">
          <h3>{t('declinedCounts')}</h3>
          <p className="muted">{t('declinedCountsIntro', { k: String(counts.minCompanies) })}</p>
          {counts.cells.length === 0 ? (
            <p>{t('declinedNone')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t('declinedCounts')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('country')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col">{t('activity')}</th>
                    <th scope="col">{t('locations')}</th>
                    <th scope="col">{t('companies')}</th>
                  </tr>
                </thead>
                <tbody>
                  {counts.cells.map((x) => (
                    <tr key={`${x.country}/${x.region ?? ''}/${x.activityType}`}>
                      <td>{countryName(language, x.country)}</td>
                      <td>{x.region ? regionLabel(x.region, x.regionName) : t('allRegions')}</td>
                      <td>{cw.activity(x.activityType)}</td>
                      <td>{x.locations}</td>
                      <td>{x.companies}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
