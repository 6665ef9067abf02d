import * as fuzzball from 'fuzzball';
import type { MatchProfile } from './match-profile.js';

/**
 * How alike two decrypted supplier entries are, 0-100 (issue 16 item 2). Computed only inside the secretariat's
 * process, on candidates the blind indexes found. String similarity is fuzzball (a port of TheFuzz, the library
 * open registries use for this job): `token_sort_ratio` ignores word order, `ratio` on the words written together
 * ignores spacing ("Shen Zhen" / "Shenzhen"). The parts:
 * - name (55 %): the better of the two on the normalised name words;
 * - address (45 %): house number (equal, different, or one missing), street words, postcode and city, each
 *   weighted only when both entries give it (a missing postcode neither helps nor hurts).
 * Another country is 0. Two different OS IDs cap the score below `capBelow` (a person decides); equal OS IDs are
 * decided before scoring (an "at once" match).
 */
export interface ScoreParts {
  score: number;
  name: number;
  address: number;
}

const { ratio, token_sort_ratio: tokenSortRatio } = fuzzball;
const opts = { full_process: false } as const;

function nameScore(a: MatchProfile, b: MatchProfile): number {
  if (!a.nameJoined || !b.nameJoined) return 0;
  return Math.max(tokenSortRatio(a.nameTokens.join(' '), b.nameTokens.join(' '), opts), ratio(a.nameJoined, b.nameJoined, opts));
}

function addressScore(a: MatchProfile, b: MatchProfile): number {
  const parts: Array<[number, number]> = [];
  if (a.houseNumber && b.houseNumber) parts.push([0.4, a.houseNumber === b.houseNumber ? 100 : 0]);
  else parts.push([0.4, 50]);
  if (a.streetTokens.length && b.streetTokens.length) {
    const sa = a.streetTokens.join(' ');
    const sb = b.streetTokens.join(' ');
    parts.push([0.3, Math.max(tokenSortRatio(sa, sb, opts), ratio(sa.replace(/ /g, ''), sb.replace(/ /g, ''), opts))]);
  }
  if (a.postcode && b.postcode) parts.push([0.15, a.postcode === b.postcode ? 100 : ratio(a.postcode, b.postcode, opts) >= 80 ? 60 : 0]);
  if (a.city && b.city) parts.push([0.15, ratio(a.city, b.city, opts)]);
  const weight = parts.reduce((s, [w]) => s + w, 0);
  return parts.reduce((s, [w, v]) => s + w * v, 0) / weight;
}

export function scorePair(a: MatchProfile, b: MatchProfile, capBelow = 100): ScoreParts {
  if (a.country !== b.country) return { score: 0, name: 0, address: 0 };
  const name = nameScore(a, b);
  const address = addressScore(a, b);
  let score = Math.round(0.55 * name + 0.45 * address);
  if (a.osId && b.osId && a.osId !== b.osId) score = Math.min(score, capBelow - 1);
  return { score, name: Math.round(name), address: Math.round(address) };
}

export type MatchVerdict = 'match' | 'review' | 'no-match';

/** Above (or at) `auto` a proposed match; from `review` up to it the secretariat's review queue; below, nothing. */
export function verdictOf(score: number, thresholds: { auto: number; review: number }): MatchVerdict {
  return score >= thresholds.auto ? 'match' : score >= thresholds.review ? 'review' : 'no-match';
}
