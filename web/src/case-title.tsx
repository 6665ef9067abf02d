import { useTexts } from './components.tsx';
import { useSession } from './session.tsx';
import { countryName, useCaseWords } from './shared.tsx';
import { caseTitleFrEs } from './shared-parts.words.fr-es.ts';

/**
 * A case's title from its type, scope and subject (issue 14 item 2), never its id, in the page's language. The API
 * gives the same title as `title` in the person's stored language (src/cases/case-title.ts); the page builds its
 * own so that switching the language switches the title too. Only fields the API returned are used.
 */
const words = {
  en: { one: '1 entry', many: '{n} entries', of: 'of {name}', about: '{type} about {name}', 'level.hidden': 'not shown', 'level.country': 'country only', 'level.region': 'region only' },
  nl: { one: '1 regel', many: '{n} regels', of: 'van {name}', about: '{type} over {name}', 'level.hidden': 'niet tonen', 'level.country': 'alleen land', 'level.region': 'alleen regio' },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, caseTitleFrEs);

export interface TitleFacts {
  type: string;
  scope?: { countries?: string[]; regions?: string[]; regionNames?: string[]; rawMaterials?: string[]; activityTypes?: string[]; year?: number; locationIds?: string[]; level?: string } | null;
  approvedScope?: TitleFacts['scope'];
  restriction?: { locationIds?: string[]; level?: string } | null;
  subjectCompany?: { name: string | null } | null;
  onBehalfOf?: { name: string | null } | null;
  requester?: { name: string | null } | null;
}

export function useCaseTitle(): (c: TitleFacts) => string {
  const t = useTexts(words);
  const cw = useCaseWords();
  const { language } = useSession();
  return (c) => {
    const head = cw.type(c.type);
    if (c.type === 'disclosure') {
      const s = c.approvedScope ?? c.scope ?? {};
      const what = [...(s.rawMaterials ?? []).map(cw.material), ...(s.activityTypes ?? []).map(cw.activity)].join(', ');
      const where = [...(s.countries ?? []).map((x) => countryName(language, x)), ...(s.regions ?? []).map((r, i) => s.regionNames?.[i] ?? r)].join(', ');
      const parts = [what, where].filter(Boolean).join(' — ');
      return parts ? `${head}: ${parts}${s.year ? ` (${s.year})` : ''}` : head;
    }
    if (c.type === 'restriction') {
      const r = c.restriction ?? {};
      const n = r.locationIds?.length ?? 0;
      const bits = [n ? (n === 1 ? t('one') : t('many', { n })) : '', c.subjectCompany?.name ? t('of', { name: c.subjectCompany.name }) : ''].filter(Boolean).join(' ');
      const level = r.level && `level.${r.level}` in words.en ? t(`level.${r.level}` as 'level.hidden') : '';
      const tail = [bits, level].filter(Boolean).join(', ');
      return tail ? `${head}: ${tail}` : head;
    }
    if (c.subjectCompany?.name) return t('about', { type: head, name: c.subjectCompany.name });
    const by = c.onBehalfOf?.name ?? c.requester?.name;
    return by ? `${head}: ${by}` : head;
  };
}
