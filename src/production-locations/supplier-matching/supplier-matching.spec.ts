import { describe, expect, it } from 'vitest';
import { corpusPairs, MATCH_CORPUS } from '../../../test/support/supplier-match-corpus.js';
import { evaluatePairs } from './match-evaluation.js';
import { MATCH_KEY_KINDS, matchKeyInputs, MatchKeyring, sharedKeys } from './match-keys.js';
import { normaliseOsId, osIdProblem, profileOf } from './match-profile.js';
import { scorePair } from './match-score.js';

const keyring = new MatchKeyring(new Uint8Array(32).fill(7));
const thresholds = { auto: 88, review: 70 };
/** a distinct pronounceable word per number (consonant-vowel syllables), so the phonetic key differs too */
const word = (n: number) => {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor(x / 100)) s += 'bdfgklmnprstvz'[x % 14] + 'aeiou'[Math.floor(x / 14) % 5] + 'bdfgklmnprstvz'[Math.floor(x / 70) % 14];
  return s[0].toUpperCase() + s.slice(1);
};

describe('finding the same supplier however it is spelled (issue 16)', () => {
  it('art. 22: on the corpus of spelling variants, recall and precision stay above their floors; no wrong proposal', () => {
    const e = evaluatePairs(corpusPairs(), keyring, thresholds);
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    console.log(`supplier matching on ${MATCH_CORPUS.length} suppliers, ${e.outcomes.length} pairs: recall ${pct(e.recall)}, precision ${pct(e.precision)}; proposed at once: recall ${pct(e.autoRecall)}, precision ${pct(e.autoPrecision)}`);
    const missed = e.outcomes.filter((o) => o.same && o.verdict === 'no-match').map((o) => o.label);
    const wrong = e.outcomes.filter((o) => !o.same && o.verdict !== 'no-match').map((o) => `${o.label} (${o.score})`);
    expect(e.recall, `missed: ${missed.join('; ')}`).toBeGreaterThanOrEqual(0.95);
    expect(e.precision, `wrong: ${wrong.join('; ')}`).toBeGreaterThanOrEqual(0.95);
    // a proposal above the upper threshold is never another supplier: the uncertain ones go to a person
    expect(e.autoPrecision).toBe(1);
    expect(e.autoRecall).toBeGreaterThanOrEqual(0.85);
  });

  it.each([
    ['Acme Foundry Ltd', 'Industrieweg No. 12', null, 'Acme Foundry B.V.', 'Industrieweg 12', '7521 AB'],
    ['Tata Precision Castings', 'MIDC Bhosari, Plot #12', '411026', 'Tata Precision Castings Pvt. Ltd.', 'Plot 12, MIDC Bhosari', '411026'],
  ])('%s, %s is the same supplier as %s, %s', (n1, a1, p1, n2, a2, p2) => {
    const a = profileOf({ name: n1, address: a1, postcode: p1, city: 'X', country: 'NL' });
    const b = profileOf({ name: n2, address: a2, postcode: p2, city: 'X', country: 'NL' });
    expect(a.houseNumber).toBe('12');
    expect(sharedKeys(keyring.keysOf(a), keyring.keysOf(b))).toBeGreaterThanOrEqual(2);
    expect(scorePair(a, b).score).toBeGreaterThanOrEqual(thresholds.auto);
  });

  it('the same name and street in another country is never a candidate (every index includes the country)', () => {
    const nl = profileOf({ name: 'Acme Foundry B.V.', address: 'Industrieweg 12', postcode: null, city: 'Enschede', country: 'NL' });
    const be = profileOf({ name: 'Acme Foundry NV', address: 'Industrieweg 12', postcode: null, city: 'Enschede', country: 'BE' });
    expect(sharedKeys(keyring.keysOf(nl), keyring.keysOf(be))).toBe(0);
    expect(scorePair(nl, be).score).toBe(0);
  });

  it('each index keeps 16 bits: over 100,000 different suppliers many values are shared by unrelated ones', () => {
    const profiles = Array.from({ length: 100_000 }, (_, i) => {
      const w = word(i);
      return profileOf({ name: `${w} Metal`, address: `${w}street ${i}`, postcode: `${i}`, city: `${w}ville`, country: 'NL' });
    });
    for (const kind of MATCH_KEY_KINDS) {
      const inputs = new Set(profiles.map((p) => matchKeyInputs(p)[kind]));
      const values = new Set(profiles.map((p) => keyring.keysOf(p)[kind]));
      // n distinct inputs thrown into 2^16 buckets fill 65,536 × (1 − e^(−n/65,536)) of them when the hash spreads
      // evenly (100,000 inputs: ≈ 51,290, so about a third of the entries share their value with another supplier).
      const expected = 65_536 * (1 - Math.exp(-inputs.size / 65_536));
      expect(values.size, kind).toBeLessThanOrEqual(65_536);
      expect(Math.abs(values.size - expected) / expected, `${kind}: ${values.size} values of ${inputs.size} inputs`).toBeLessThan(0.02);
    }
  });

  it('the indexes depend on the key: another key gives other values', () => {
    const p = profileOf({ name: 'Acme Foundry', address: 'Industrieweg 12', postcode: '7521 AB', city: 'Enschede', country: 'NL' });
    const other = new MatchKeyring(new Uint8Array(32).fill(8));
    const a = keyring.keysOf(p);
    const b = other.keysOf(p);
    expect(MATCH_KEY_KINDS.filter((k) => a[k] === b[k]).length).toBeLessThan(2);
    expect(keyring.osIdIndex('CN2019303BQ3FZPX')!.equals(other.osIdIndex('CN2019303BQ3FZPX')!)).toBe(false);
  });

  it('different OS IDs keep even a near-identical pair below the upper threshold (a person decides)', () => {
    const a = profileOf({ name: 'Acme Foundry', address: 'Industrieweg 12', postcode: null, city: 'Enschede', country: 'NL', osId: 'NL2021005ABCDEF1' });
    const b = profileOf({ name: 'Acme Foundry', address: 'Industrieweg 12', postcode: null, city: 'Enschede', country: 'NL', osId: 'NL2021005ABCDEF2' });
    expect(scorePair(a, b, thresholds.auto).score).toBe(thresholds.auto - 1);
  });

  it.each([
    ['CN2019303BQ3FZPX', null],
    ['cn 2019303 bq3fzpx', null],
    ['NL-2021005-ABCDEF1', null],
    ['CN2019303BQ3FZP', 'is not an Open Supply Hub ID (2-letter country, 7 digits, 7 letters or digits)'],
    ['1N2019303BQ3FZPX', 'is not an Open Supply Hub ID (2-letter country, 7 digits, 7 letters or digits)'],
    ['CN2019400BQ3FZPX', 'is not an Open Supply Hub ID (its date part is not a day since 2017)'],
    ['CN1999100BQ3FZPX', 'is not an Open Supply Hub ID (its date part is not a day since 2017)'],
    ['CN2019303BQ3FZP!', 'is not an Open Supply Hub ID (2-letter country, 7 digits, 7 letters or digits)'],
  ])('OS ID %s → %s', (raw, problem) => {
    expect(osIdProblem(raw)).toBe(problem);
    if (problem === null) expect(normaliseOsId(raw)).toMatch(/^[A-Z]{2}\d{7}[A-Z0-9]{7}$/);
  });
});
