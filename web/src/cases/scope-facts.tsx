import { useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName, regionLabel, useCaseWords } from '../shared.tsx';
import { type Scope } from './types.ts';
import { words } from './words.ts';

export function ScopeFacts({ title, scope }: { title: string; scope: Scope }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  return (
    <section>
      <h2>{title}</h2>
      <dl className="facts">
        {scope.countries?.length ? (
          <>
            <dt>{t('countries')}</dt>
            <dd>{scope.countries.map((x) => countryName(language, x)).join(', ')}</dd>
          </>
        ) : null}
        {scope.regions?.length ? (
          <>
            <dt>{t('regions')}</dt>
            <dd>{scope.regions.map((r, i) => regionLabel(r, scope.regionNames?.[i])).join(', ')}</dd>
          </>
        ) : null}
        {scope.rawMaterials?.length ? (
          <>
            <dt>{t('materials')}</dt>
            <dd>{scope.rawMaterials.map(cw.material).join(', ')}</dd>
          </>
        ) : null}
        {scope.activityTypes?.length ? (
          <>
            <dt>{t('activities')}</dt>
            <dd>{scope.activityTypes.map(cw.activity).join(', ')}</dd>
          </>
        ) : null}
        {scope.year ? (
          <>
            <dt>{t('year')}</dt>
            <dd>{scope.year}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
