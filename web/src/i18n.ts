import i18next from 'i18next';
import type { Key } from './locales/en.ts';

/**
 * Languages of the front end (issue 14, item 6), on i18next. The common catalog (shell, sign-in, errors, NDAs and
 * the fixed values) is one file per language in `locales/`, loaded as its own chunk for the language in use only;
 * each page's `words` object is a namespace of its own, registered when its chunk first renders (`useTexts` in
 * components.tsx), so a page's texts travel with its chunk. A key a language lacks falls back to English.
 */
export const LANGUAGES = ['nl', 'en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Params = Record<string, string | number>;
export type { Key };

const COMMON = 'common';
const STORAGE_KEY = 'ketenkluis.language';

const catalogs: Record<Language, () => Promise<{ default: Record<string, string> }>> = {
  nl: () => import('./locales/nl.ts'),
  en: () => import('./locales/en.ts'),
  fr: () => import('./locales/fr.ts'),
  es: () => import('./locales/es.ts'),
};

export const isLanguage = (x: unknown): x is Language => typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);

/** The language the person chose in this browser before, if any (the switcher remembers it). */
export function rememberedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** The first of the browser's languages the front end speaks; English otherwise. */
export function browserLanguage(): Language {
  for (const tag of navigator.languages?.length ? navigator.languages : [navigator.language]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Loads the common catalog of `language` (and English, the fallback) once; resolves when it can be shown. */
export async function loadLanguage(language: Language): Promise<void> {
  const wanted: Language[] = [language];
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: language,
      fallbackLng: 'en',
      ns: [COMMON],
      defaultNS: COMMON,
      // keys are flat strings with dots ('nda.kind.art22'); placeholders are written {name}
      keySeparator: false,
      nsSeparator: false,
      interpolation: { prefix: '{', suffix: '}', escapeValue: false },
      resources: {},
      showSupportNotice: false,
    } as Parameters<typeof i18next.init>[0]);
  }
  await Promise.all(
    wanted
      .filter((l) => !i18next.hasResourceBundle(l, COMMON))
      .map(async (l) => i18next.addResourceBundle(l, COMMON, (await catalogs[l]()).default, true, true)),
  );
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/**
 * French and Spanish fall back to English for a key they lack (Dutch is complete: nl.ts is typed against en.ts). The
 * English catalog loads after the first paint, so the first load carries one catalog; resolves once it is there.
 */
export async function loadFallback(language: Language): Promise<boolean> {
  if (language === 'en' || language === 'nl' || i18next.hasResourceBundle('en', COMMON)) return false;
  i18next.addResourceBundle('en', COMMON, (await catalogs.en()).default, true, true);
  return true;
}

export function translate(language: Language, key: Key, params?: Params): string {
  return i18next.t(key, { ...params, lng: language, ns: COMMON });
}

/** A page's `words` object as an i18next namespace of its own (registered once per object). */
const namespaces = new WeakMap<object, string>();
let nextNamespace = 0;
export function namespaceOf(dict: Partial<Record<Language, Record<string, string>>>): string {
  let ns = namespaces.get(dict);
  if (!ns) {
    ns = `page${nextNamespace++}`;
    namespaces.set(dict, ns);
    for (const language of LANGUAGES) {
      const texts = dict[language];
      if (texts) i18next.addResourceBundle(language, ns, texts, true, true);
    }
  }
  return ns;
}

export function translateIn(ns: string, language: Language, key: string, params?: Params): string {
  return i18next.t(key, { ...params, lng: language, ns });
}

/** A fixed value in words (`round`, `signal`, `activity`, `material`, `event`, …); an unknown one as it is. */
export function valueText(language: Language, group: string, code: string | number | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const key = `value.${group}.${String(code).toLowerCase()}`;
  return i18next.exists(key, { lng: language, ns: COMMON }) ? i18next.t(key, { lng: language, ns: COMMON }) : String(code);
}

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };
export const localeOf = (language: Language) => LOCALES[language];

export function formatDate(language: Language, iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(LOCALES[language], withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
}
