import { useState } from 'react';
import { useTexts } from '../components.tsx';
import { useSession } from '../session.tsx';
import { countryName, regionLabel, useCaseWords } from '../shared.tsx';
import { type Scope } from './types.ts';
import { words } from './words.ts';

/** The chair narrows the requested scope before the vote: only values of the request can stay (art. 22). */
export function ProposeScope({ scope, proposal, busy, onPropose }: { scope: Scope; proposal?: Scope; busy: boolean; onPropose: (scope: Scope) => void }) {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  const keys = (['countries', 'regions', 'rawMaterials', 'activityTypes'] as const).filter((k) => scope[k]?.length);
  const [picked, setPicked] = useState<Record<string, string[]>>(() => Object.fromEntries(keys.map((k) => [k, [...((proposal?.[k]?.length ? proposal[k] : scope[k]) ?? [])]])));
  const regionNames = new Map((scope.regions ?? []).map((r, i) => [r, scope.regionNames?.[i]]));
  const label = (k: (typeof keys)[number], v: string) =>
    k === 'countries' ? countryName(language, v) : k === 'activityTypes' ? cw.activity(v) : k === 'regions' ? regionLabel(v, regionNames.get(v)) : v;
  const legend = { countries: t('countries'), regions: t('regions'), rawMaterials: t('materials'), activityTypes: t('activities') };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onPropose({ ...picked, ...(scope.year ? { year: scope.year } : {}) });
      }}
    >
      <h4>{t('propose')}</h4>
      {keys.map((k) => (
        <fieldset key={k}>
          <legend>{legend[k]}</legend>
          {scope[k]!.map((v) => (
            <label key={v} className="check">
              <input
                type="checkbox"
                name={`propose-${k}`}
                value={v}
                checked={picked[k].includes(v)}
                onChange={(e) => setPicked({ ...picked, [k]: e.target.checked ? [...picked[k], v] : picked[k].filter((x) => x !== v) })}
              />
              {label(k, v)}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="row">
        <button type="submit" disabled={busy || keys.some((k) => picked[k].length === 0)}>
          {t('proposeSubmit')}
        </button>
      </div>
    </form>
  );
}
