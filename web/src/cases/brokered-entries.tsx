import { useTexts } from '../components.tsx';
import { EntryTable } from './case-entries.tsx';
import { decideWords } from './decide-words.ts';
import { type CaseView } from './types.ts';
import { words } from './words.ts';

/**
 * Art. 22: a company the secretariat brought into the dialogue is first pointed to the report, with the reported
 * supplier named from its own list (the API's `myBrokeredEntries`, with address, region, activity and raw materials,
 * issue 14); it never sees another company's entry.
 */
export function BrokeredEntries({ c }: { c: CaseView }) {
  const t = useTexts(words);
  const d = useTexts(decideWords);
  const mine = c.myBrokeredEntries ?? [];
  if (mine.length === 0) return null;
  return (
    <section className="notice">
      <h2>{t('brokeredForYou')}</h2>
      <p>{t('brokeredForYouIntro')}</p>
      <EntryTable entries={mine} caption={d('brokeredTitle')} />
    </section>
  );
}
