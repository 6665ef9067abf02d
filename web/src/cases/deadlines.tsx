import { useTexts } from '../components.tsx';
import { Deadline } from '../shared.tsx';
import { type CaseView } from './types.ts';
import { words } from './words.ts';

export function Deadlines({ c }: { c: CaseView }) {
  const t = useTexts(words);
  if (!c.deadlines) return null;
  return (
    <section>
      <h2>{t('deadlines')}</h2>
      {c.deadlines.length === 0 ? (
        <p className="muted">{t('noDeadlines')}</p>
      ) : (
        <ul>
          {[...c.deadlines]
            .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
            .map((d) => (
              <li key={`${d.kind}-${d.dueAt}`}>
                <Deadline at={d.dueAt} kind={d.kind} />
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
