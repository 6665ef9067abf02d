import { doubleMetaphone } from 'double-metaphone';
import { fold, supplierNameWords } from '../../crypto/blind-index.js';

/**
 * The normalised shape of one supplier entry that the fuzzy match keys and the score are computed from (issue 16).
 * Pure: no key, no database. Normalisation goes further than the exact blind index (src/crypto/blind-index.ts),
 * because here a false candidate costs only a decryption inside the secretariat's process, never a wrong match:
 * every candidate is scored and every uncertain one is decided by a person.
 */
export interface SupplierFields {
  name: string;
  address: string;
  postcode: string | null;
  city: string;
  country: string;
  osId?: string | null;
}

export interface MatchProfile {
  country: string;
  /** name words without legal forms, stemmed (plural → singular), sorted: word order does not count */
  nameTokens: string[];
  /** the sorted name tokens written together: "Shen Zhen" and "Shenzhen" agree */
  nameJoined: string;
  /** Double Metaphone (primary) of `nameJoined`: "Mueller" and "Müller", "Stahlwerk" and "Staalwerk" agree */
  namePhonetic: string;
  /** the first house / plot number of the address, digits only ("Plot 12", "No. 12", "#12", "12a" → "12") */
  houseNumber: string | null;
  /** street words without numbers and fillers (plot, no, unit, …), abbreviations written out, sorted */
  streetTokens: string[];
  /** the same words in their own order, written together: "Bao An Road" and "Baoan Road" agree */
  streetJoined: string;
  /** postcode, letters and digits only, upper case; null when missing */
  postcode: string | null;
  /** city written together, folded */
  city: string;
  osId: string | null;
}

/** Letters NFKD does not decompose; written as their usual transliteration. */
const EXTRA_FOLD: Record<string, string> = { ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ı: 'i', þ: 'th', Þ: 'th', '#': ' no ' };
const EXTRA_FOLD_RE = /[øØæÆœŒłŁđĐıþÞ#]/g;
// one pass, and none at all for the (usual) text without such letters
const preFold = (s: string) => (/[øØæÆœŒłŁđĐıþÞ#]/.test(s) ? s.replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLD[c]) : s);
/** An address also splits "No.88" and "No:9" into a word and its number. */
const preFoldAddress = (s: string) => preFold(s).replace(/[.:]/g, ' ').replace(/(\p{L})(\d)/gu, '$1 $2');

/** Words that say where in a street, not which street. */
const ADDRESS_FILLERS = new Set([
  'no', 'nr', 'nro', 'num', 'number', 'nummer', 'plot', 'lot', 'unit', 'building', 'bldg', 'block', 'blk', 'floor', 'fl',
  'suite', 'ste', 'km', 'kav', 'kavling', 'the', 'of', 'and', 'en', 'de', 'la', 'el', 'del', 'di', 'da', 'do', 'dos',
]);
/** Abbreviations companies write for the same street word. */
const ADDRESS_WORDS: Record<string, string> = {
  rd: 'road', st: 'street', str: 'strasse', stra: 'strasse', av: 'avenue', ave: 'avenue', blvd: 'boulevard',
  jl: 'jalan', jln: 'jalan', dr: 'drive', ln: 'lane', hwy: 'highway', ind: 'industrial', indl: 'industrial',
  est: 'estate', pk: 'park', zone: 'zone', ctr: 'centre', center: 'centre', sq: 'square', pl: 'place',
};
/** Words in a supplier's name that say what it does, not who it is; dropped before stemming. */
const NAME_FILLERS = new Set(['persero', 'sociedad', 'anonima', 'the', 'and', 'en', 'und', 'et', 'y', 'of', 'co', 'company', 'ltd', 'limited', 'bv', 'nv', 'gmbh', 'inc', 'llc', 'plc', 'sa', 'pvt', 'private', 'pt', 'tbk', 'sdn', 'bhd']);

/** A street word written out ("rd" → "road"), also at the end of a compound ("Hafenstr" → "hafenstrasse"). */
function streetWord(w: string): string {
  const whole = ADDRESS_WORDS[w];
  if (whole) return whole;
  if (w.length > 5 && w.endsWith('str')) return `${w}asse`;
  return stem(w);
}

/** Plural to singular, so "Foundries" meets "Foundry" and "Metals" meets "Metal". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|us|is)$/.test(word)) return word;
  if (word.length > 3 && word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Open Supply Hub facility ID (formerly OAR ID), upper case without spaces or hyphens; see `osIdProblem`. */
export function normaliseOsId(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * Why a value is not an Open Supply Hub ID, or null when it is one. An OS ID is 16 characters: the 2-letter
 * country code, the date the facility first appeared in the registry as year and day of the year (7 digits,
 * YYYYDDD), and a 7-character identifier with its check character (letters and digits), e.g. `CN2019303BQ3FZP`
 * plus one. (GS1 US Data Hub, "Open Apparel Registry (OAR) ID": country code, origin date, general ID, check ID.)
 */
export function osIdProblem(raw: string): string | null {
  const id = normaliseOsId(raw);
  const m = /^([A-Z]{2})(\d{4})(\d{3})([A-Z0-9]{7})$/.exec(id);
  if (!m) return 'is not an Open Supply Hub ID (2-letter country, 7 digits, 7 letters or digits)';
  const year = Number(m[2]);
  const day = Number(m[3]);
  if (year < 2017 || day < 1 || day > 366) return 'is not an Open Supply Hub ID (its date part is not a day since 2017)';
  return null;
}

export function profileOf(s: SupplierFields): MatchProfile {
  const allNameWords = supplierNameWords(preFold(s.name));
  const nameWords = allNameWords.filter((w) => !NAME_FILLERS.has(w));
  const nameTokens = [...new Set((nameWords.length > 0 ? nameWords : allNameWords).map(stem))].sort();
  const nameJoined = nameTokens.join('');
  const addressWords = fold(preFoldAddress(s.address)).split(' ').filter(Boolean);
  const numberWord = addressWords.find((w) => /^\d/.test(w));
  const houseNumber = numberWord ? numberWord.replace(/\D.*$/, '') : null;
  const streetWords = addressWords.filter((w) => !/\d/.test(w) && !ADDRESS_FILLERS.has(w)).map(streetWord);
  const streetTokens = [...new Set(streetWords)].sort();
  const postcode = s.postcode ? fold(s.postcode).replace(/\s+/g, '').toUpperCase() || null : null;
  return {
    country: s.country.trim().toUpperCase(),
    nameTokens,
    nameJoined,
    namePhonetic: nameJoined ? doubleMetaphone(nameJoined)[0] : '',
    houseNumber,
    streetTokens,
    streetJoined: streetWords.join(''),
    postcode,
    city: fold(preFold(s.city)).replace(/\s+/g, ''),
    osId: s.osId ? normaliseOsId(s.osId) : null,
  };
}
