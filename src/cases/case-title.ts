import { regionName } from '../aggregated-list/region-names.js';
import type { Language } from '../common/caller.js';

/**
 * A case's title from its type, scope and subject (issue 14 item 2), never its id. Pure. Built from the fields the
 * caller was given only (after the policy's field filter), so a title never says more than the rest of the view.
 */
export interface TitleFacts {
  type: string;
  scope?: Record<string, unknown> | null;
  approvedScope?: Record<string, unknown> | null;
  subjectCompany?: { name: string | null } | null;
  restriction?: Record<string, unknown> | null;
  onBehalfOf?: { name: string | null } | null;
  requester?: { name: string | null } | null;
}

const TYPE: Record<Language, Record<string, string>> = {
  en: { disclosure: 'Art. 22 disclosure request', restriction: 'Art. 23 restriction request', complaint: 'Art. 83 complaint', accession: 'Art. 70 request to join', removal: 'Art. 76 removal' },
  nl: { disclosure: 'Art. 22 verzoek om inzage', restriction: 'Art. 23 verzoek om beperking', complaint: 'Art. 83 klacht', accession: 'Art. 70 verzoek tot toetreding', removal: 'Art. 76 verwijdering' },
  fr: { disclosure: 'Demande d’accès (art. 22)', restriction: 'Demande de restriction (art. 23)', complaint: 'Plainte (art. 83)', accession: 'Demande d’adhésion (art. 70)', removal: 'Exclusion (art. 76)' },
  es: { disclosure: 'Solicitud de acceso (art. 22)', restriction: 'Solicitud de restricción (art. 23)', complaint: 'Queja (art. 83)', accession: 'Solicitud de adhesión (art. 70)', removal: 'Exclusión (art. 76)' },
};
const ACTIVITY: Record<Language, Record<string, string>> = {
  en: { mining: 'mining', smelting: 'smelting', refining: 'refining', processing: 'processing', manufacturing: 'manufacturing', recycling: 'recycling', trading: 'trading' },
  nl: { mining: 'mijnbouw', smelting: 'smelten', refining: 'raffinage', processing: 'verwerking', manufacturing: 'productie', recycling: 'recycling', trading: 'handel' },
  fr: { mining: 'extraction minière', smelting: 'fonderie', refining: 'raffinage', processing: 'transformation', manufacturing: 'fabrication', recycling: 'recyclage', trading: 'négoce' },
  es: { mining: 'minería', smelting: 'fundición', refining: 'refinación', processing: 'procesamiento', manufacturing: 'fabricación', recycling: 'reciclaje', trading: 'comercio' },
};
/** Raw materials in words (the pages' catalogs, web/src/locales); English keeps the code, a material not listed shows as written. */
const MATERIAL: Partial<Record<Language, Record<string, string>>> = {
  nl: { cobalt: 'kobalt', copper: 'koper', tin: 'tin', tantalum: 'tantaal', tungsten: 'wolfraam', gold: 'goud', lithium: 'lithium', nickel: 'nikkel', 'iron ore': 'ijzererts', bauxite: 'bauxiet', aluminium: 'aluminium', zinc: 'zink', manganese: 'mangaan', graphite: 'grafiet', mica: 'mica', steel: 'staal', silver: 'zilver', platinum: 'platina', lead: 'lood', iron: 'ijzer', 'stainless steel': 'roestvast staal', chromium: 'chroom', molybdenum: 'molybdeen' },
  fr: { cobalt: 'cobalt', copper: 'cuivre', tin: 'étain', tantalum: 'tantale', tungsten: 'tungstène', gold: 'or', lithium: 'lithium', nickel: 'nickel', 'iron ore': 'minerai de fer', bauxite: 'bauxite', aluminium: 'aluminium', zinc: 'zinc', manganese: 'manganèse', graphite: 'graphite', mica: 'mica', steel: 'acier', silver: 'argent', platinum: 'platine', lead: 'plomb', iron: 'fer', 'stainless steel': 'acier inoxydable', chromium: 'chrome', molybdenum: 'molybdène' },
  es: { cobalt: 'cobalto', copper: 'cobre', tin: 'estaño', tantalum: 'tantalio', tungsten: 'wolframio', gold: 'oro', lithium: 'litio', nickel: 'níquel', 'iron ore': 'mineral de hierro', bauxite: 'bauxita', aluminium: 'aluminio', zinc: 'zinc', manganese: 'manganeso', graphite: 'grafito', mica: 'mica', steel: 'acero', silver: 'plata', platinum: 'platino', lead: 'plomo', iron: 'hierro', 'stainless steel': 'acero inoxidable', chromium: 'cromo', molybdenum: 'molibdeno' },
};
const LEVEL: Record<Language, Record<string, string>> = {
  en: { hidden: 'not shown', country: 'country only', region: 'region only' },
  nl: { hidden: 'niet tonen', country: 'alleen land', region: 'alleen regio' },
  fr: { hidden: 'non montré', country: 'pays seulement', region: 'région seulement' },
  es: { hidden: 'no se muestra', country: 'solo el país', region: 'solo la región' },
};
const W = {
  en: { entries: (n: number) => (n === 1 ? '1 entry' : `${n} entries`), of: 'of', about: 'about', for: 'for' },
  nl: { entries: (n: number) => (n === 1 ? '1 regel' : `${n} regels`), of: 'van', about: 'over', for: 'voor' },
  fr: { entries: (n: number) => (n === 1 ? '1 entrée' : `${n} entrées`), of: 'de', about: 'concernant', for: 'pour' },
  es: { entries: (n: number) => (n === 1 ? '1 entrada' : `${n} entradas`), of: 'de', about: 'sobre', for: 'para' },
};

const names = new Map<Language, Intl.DisplayNames>();
/** ICU's short names where the official name reads better to a person deciding ("Congo - Kinshasa"). */
const OFFICIAL: Partial<Record<Language, Record<string, string>>> = {
  en: { CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo' },
  nl: { CD: 'Democratische Republiek Congo', CG: 'Republiek Congo' },
  fr: { CD: 'République démocratique du Congo', CG: 'République du Congo' },
  es: { CD: 'República Democrática del Congo', CG: 'República del Congo' },
};
export function countryName(language: Language, code: string): string {
  const official = OFFICIAL[language]?.[code.toUpperCase()];
  if (official) return official;
  if (!names.has(language)) names.set(language, new Intl.DisplayNames([language], { type: 'region' }));
  try {
    return names.get(language)!.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

export function caseTitle(f: TitleFacts, language: Language): string {
  const lang: Language = TYPE[language] ? language : 'en';
  const w = W[lang];
  const head = TYPE[lang][f.type] ?? f.type;
  if (f.type === 'disclosure') {
    const s = f.approvedScope ?? f.scope ?? {};
    const what = [...strings(s.rawMaterials).map((m) => MATERIAL[lang]?.[m] ?? m), ...strings(s.activityTypes).map((a) => ACTIVITY[lang][a] ?? a)];
    const where = [...strings(s.countries).map((c) => countryName(lang, c)), ...strings(s.regions).map((r) => regionName(r) ?? r)];
    const parts = [what.join(', '), where.join(', ')].filter(Boolean).join(' — ');
    const year = typeof s.year === 'number' ? ` (${s.year})` : '';
    return parts ? `${head}: ${parts}${year}` : head;
  }
  if (f.type === 'restriction') {
    const r = f.restriction ?? {};
    const n = strings(r.locationIds).length;
    const level = typeof r.level === 'string' ? LEVEL[lang][r.level] ?? r.level : null;
    const bits = [n ? w.entries(n) : null, f.subjectCompany?.name ? `${w.of} ${f.subjectCompany.name}` : null].filter(Boolean).join(' ');
    return [head, [bits, level].filter(Boolean).join(', ')].filter(Boolean).join(': ');
  }
  if (f.subjectCompany?.name) return `${head} ${w.about} ${f.subjectCompany.name}`;
  const by = f.onBehalfOf?.name ?? f.requester?.name;
  return by ? `${head}: ${by}` : head;
}
