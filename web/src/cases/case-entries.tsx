import { useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName, regionLabel, useCaseWords } from '../shared.tsx';
import { decideWords } from './decide-words.ts';
import { type CaseEntry } from './types.ts';

/** Entries a case is about, as the API gave them: name and address only where the caller may read the entry. */
export function EntryTable({ entries, caption }: { entries: Array<Omit<CaseEntry, 'identityShown'> & { identityShown?: boolean }>; caption: string }) {
  const d = useTexts(decideWords);
  const cw = useCaseWords();
  const { language } = useSession();
  return (
    <div className="table-wrap">
      <table className="cards">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{d('supplier')}</th>
            <th scope="col">{d('address')}</th>
            <th scope="col">{d('where')}</th>
            <th scope="col">{d('what')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label={d('supplier')}>{e.supplierName ?? <span className="muted">{d('identityHidden')}</span>}</td>
              <td data-label={d('address')}>{e.supplierName ? [e.address, e.postcode, e.city].filter(Boolean).join(', ') : '—'}</td>
              <td data-label={d('where')}>
                {countryName(language, e.country)}
                {e.region ? `, ${regionLabel(e.region, e.regionName)}` : ''}
              </td>
              <td data-label={d('what')}>
                {cw.activity(e.activityType)} · {e.rawMaterials.map(cw.material).join(', ')} <span className="small muted">({d('tier', { n: e.tier === 3 ? '3+' : e.tier })})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Art. 23-24 (issue 14): the entries a restriction matter is about and the level asked, for whoever sees the matter. */
export function RestrictionEntries({ entries, level }: { entries: CaseEntry[]; level?: string }) {
  const d = useTexts(decideWords);
  return (
    <section>
      <h2>{d('restrictionTitle')}</h2>
      <p className="muted">{d('restrictionIntro')}</p>
      {level && (
        <dl className="facts">
          <dt>{d('levelAsked')}</dt>
          <dd>{`asked.${level}` in decideWords.en ? d(`asked.${level}` as 'asked.hidden') : level}</dd>
        </dl>
      )}
      <EntryTable entries={entries} caption={d('restrictionTitle')} />
    </section>
  );
}
