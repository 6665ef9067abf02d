import { sodium } from './sodium.js';

/**
 * Blind index of a supplier's identity (issue 5 item 3; DESIGN.md "Blind index"): a keyed BLAKE2b
 * (`crypto_generichash` with the separate blind-index key) of the normalised name, address and country,
 * truncated to 16 bytes. Equal suppliers under spelling variants get equal indexes, so the secretariat finds
 * every company that sources from one production location without decrypting any list.
 *
 * Normalisation (pure, tested in blind-index.spec.ts):
 * - Unicode NFKD, combining accents removed, `ß` → `ss`, lower case;
 * - dots removed (so `B.V.` and `BV` agree), every other non-letter/non-digit becomes a space, spaces collapsed;
 * - name only: trailing legal-form words removed (`bv`, `nv`, `gmbh`, `ltd`, `sa`, `sarl`, `inc`, … see
 *   LEGAL_FORMS), repeatedly, and a leading `pt`/`cv` form (Indonesian PT, …) likewise;
 * - country: ISO 3166-1 alpha-2, upper case. Postcode and city are not part of the identity (their formats vary
 *   too much between companies' lists); the street address with its number is.
 *
 * Leakage: anyone holding the table (not the key) learns which entries, across companies and years, point to
 * the same normalised supplier — how many companies share a supplier, never who it is. Without the key nothing
 * is guessable offline (it is a keyed hash, so a dictionary of known smelters cannot be tried). 16 bytes make an
 * accidental collision negligible (~2^-64 at a billion entries), so a match is a real match.
 */
export const BLIND_INDEX_BYTES = 16;

const LEGAL_FORMS = new Set([
  'bv', 'nv', 'vof', 'cv', 'cooperatie', 'ua', 'gmbh', 'ag', 'kg', 'ohg', 'ug', 'ltd', 'limited', 'llc', 'llp', 'lp',
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'plc', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl',
  'slu', 'sro', 'as', 'asa', 'ab', 'oy', 'oyj', 'aps', 'pty', 'pvt', 'bhd', 'sdn', 'tbk', 'pt', 'lda', 'ltda',
  'cia', 'sac', 'saa', 'de', 'cv', 'jsc', 'ojsc', 'pjsc', 'ooo', 'kk', 'nl', 'sprl', 'bvba', 'group', 'holding',
]);
// Words that are legal forms only at the very start of a name.
const LEADING_FORMS = new Set(['pt', 'cv', 'ooo', 'pjsc', 'jsc']);

/** Unicode fold shared by every supplier index (accents off, lower case, dots dropped, other marks to spaces). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `name` folded and split, without legal forms (kept as words for the match keys). */
export function supplierNameWords(name: string): string[] {
  const words = fold(name).split(' ').filter(Boolean);
  // Keep at least one word: a company called "Holding" stays "holding".
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  while (words.length > 1 && LEADING_FORMS.has(words[0])) words.shift();
  return words;
}

export function normaliseSupplierName(name: string): string {
  return supplierNameWords(name).join(' ');
}

export function normaliseAddress(address: string): string {
  return fold(address);
}

export interface SupplierIdentity {
  name: string;
  address: string;
  country: string;
}

export function normaliseSupplierIdentity(s: SupplierIdentity): string {
  return `v1\0${normaliseSupplierName(s.name)}\0${normaliseAddress(s.address)}\0${s.country.trim().toUpperCase()}`;
}

export function supplierBlindIndex(key: Uint8Array, s: SupplierIdentity): Buffer {
  return Buffer.from(sodium.crypto_generichash(BLIND_INDEX_BYTES, normaliseSupplierIdentity(s), key));
}
