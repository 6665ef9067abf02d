import { useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName } from '../shared.tsx';
import { type CaseView } from './types.ts';
import { words } from './words.ts';

/**
 * Art. 22: a company the secretariat brought into the dialogue is first pointed to the report, with the reported
 * supplier named from its own list (the API's `myBrokeredEntries`); it never sees another company's entry.
 */
export function BrokeredEntries({ c }: { c: CaseView }) {
  const t = useTexts(words);
  const { language } = useSession();
  const mine = c.myBrokeredEntries ?? [];
  if (mine.length === 0) return null;
  return (
    <section className="notice">
      <h2>{t('brokeredForYou')}</h2>
      <p>{t('brokeredForYouIntro')}</p>
      <ul>
        {mine.map((e) => (
          <li key={e.id}>
            {e.supplierName ?? `#${e.id.slice(0, 8)}`}
            {e.city ? `, ${e.city}` : ''} ({countryName(language, e.country)})
          </li>
        ))}
      </ul>
    </section>
  );
}
