import { MatchKeyring, MIN_SHARED_KEYS, sharedKeys } from './match-keys.js';
import { profileOf, type SupplierFields } from './match-profile.js';
import { scorePair, verdictOf } from './match-score.js';

export interface PairOutcome {
  label: string;
  same: boolean;
  shared: number;
  candidate: boolean;
  score: number;
  verdict: 'match' | 'review' | 'no-match';
}

export interface Evaluation {
  outcomes: PairOutcome[];
  /** share of true pairs found (proposed or sent to review) */
  recall: number;
  /** share of found pairs (proposed or review) that are true */
  precision: number;
  /** share of proposed matches (above the upper threshold) that are true */
  autoPrecision: number;
  /** share of true pairs proposed at once, without review */
  autoRecall: number;
}

/**
 * Runs the whole pipeline — fuzzy blind indexes, the candidate rule, the score, the thresholds — over labelled pairs
 * (the corpus of the tests and the benchmark). Pure: the expected answers come with the pairs.
 */
export function evaluatePairs(
  pairs: Array<{ a: SupplierFields; b: SupplierFields; same: boolean; label: string }>,
  keyring: MatchKeyring,
  thresholds: { auto: number; review: number },
): Evaluation {
  const outcomes = pairs.map(({ a, b, same, label }) => {
    const pa = profileOf(a);
    const pb = profileOf(b);
    const osSame = pa.osId !== null && pa.osId === pb.osId;
    const shared = sharedKeys(keyring.keysOf(pa), keyring.keysOf(pb));
    const candidate = osSame || shared >= MIN_SHARED_KEYS;
    const score = osSame ? 100 : candidate ? scorePair(pa, pb, thresholds.auto).score : 0;
    return { label, same, shared, candidate, score, verdict: candidate ? verdictOf(score, thresholds) : ('no-match' as const) };
  });
  const found = outcomes.filter((o) => o.verdict !== 'no-match');
  const auto = outcomes.filter((o) => o.verdict === 'match');
  const trues = outcomes.filter((o) => o.same);
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    outcomes,
    recall: ratio(found.filter((o) => o.same).length, trues.length),
    precision: ratio(found.filter((o) => o.same).length, found.length),
    autoPrecision: ratio(auto.filter((o) => o.same).length, auto.length),
    autoRecall: ratio(auto.filter((o) => o.same).length, trues.length),
  };
}
