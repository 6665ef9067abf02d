import { randomBytes, randomUUID } from 'node:crypto';
import { supplierBlindIndex } from '../../src/crypto/blind-index.js';
import { sealLocationFields } from '../../src/production-locations/location-fields.js';
import { LocationDisclosureService } from '../../src/production-locations/location-disclosure.service.js';
import type { LocationInput } from '../../src/production-locations/location.types.js';
import { ProductionLocationsService } from '../../src/production-locations/production-locations.service.js';
import { SupplierMatchingService } from '../../src/production-locations/supplier-matching.service.js';
import { evaluatePairs } from '../../src/production-locations/supplier-matching/match-evaluation.js';
import { MatchKeyring } from '../../src/production-locations/supplier-matching/match-keys.js';
import { profileOf } from '../../src/production-locations/supplier-matching/match-profile.js';
import { corpusPairs, MATCH_CORPUS } from '../support/supplier-match-corpus.js';
import type { Bench } from './harness.js';

/**
 * Issue 16 benchmarks: recall and precision on the hand-written corpus; matching one reported entry against 100k
 * entries of 200 companies, and its full review queue, each as a ratio to today's exact blind-index lookup; and
 * what the fuzzy indexes add to the upload path (CPU per row).
 */
const COUNTRIES = ['CD', 'BO', 'PE', 'ID', 'CN', 'DE', 'NL', 'BE', 'ZA', 'CL'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'ba', 'de', 'fu', 'go', 'hi', 'ju', 'pe', 'so'];
const word = (n: number) => {
  let s = '';
  for (let x = n + 7; x > 0; x = Math.floor(x / 16)) s += SYLLABLES[x % 16];
  return s[0].toUpperCase() + s.slice(1);
};
/** how company `c` writes supplier `s`: one of the real-world spelling patterns of the corpus */
function spelling(s: number, c: number): Pick<LocationInput, 'supplierName' | 'address' | 'postcode' | 'city'> {
  const name = `${word(s)} ${['Metal', 'Mining', 'Foundry', 'Castings'][s % 4]}`;
  const street = `${word(s * 7 + 3)}weg`;
  const n = 1 + (s % 300);
  const postcode = `${1000 + (s % 8999)}`;
  const city = `${word(s % 5000)}stad`;
  switch (c % 5) {
    case 0: return { supplierName: `${name} B.V.`, address: `${street} ${n}`, postcode, city };
    case 1: return { supplierName: `${name.toUpperCase()} LTD`, address: `${street} No. ${n}`, postcode: null, city };
    case 2: return { supplierName: `${name}s`, address: `Plot ${n}, ${street}`, postcode, city };
    case 3: return { supplierName: name.split(' ').reverse().join(' '), address: `${street} #${n}`, postcode, city };
    default: return { supplierName: `${name.slice(0, 3)}${name.slice(4, 5)}${name.slice(3, 4)}${name.slice(5)} SA`, address: `${street} ${n}`, postcode, city }; // a typo
  }
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export const benches: Bench[] = [
  {
    name: 'supplier-matching: recall and precision on the corpus',
    async run(ctx) {
      const e = evaluatePairs(corpusPairs(), new MatchKeyring(randomBytes(32)), { auto: 88, review: 70 });
      ctx.report(`corpus of ${MATCH_CORPUS.length} suppliers, ${e.outcomes.length} pairs: recall (proposed or to review)`, 100 * e.recall, '%');
      ctx.report('corpus: precision (proposed or to review)', 100 * e.precision, '%');
      ctx.report('corpus: precision of proposals above the upper threshold', 100 * e.autoPrecision, '%');
    },
  },
  {
    name: 'supplier-matching: one reported entry against 100k entries of 200 companies',
    async run(ctx) {
      const app = await ctx.startApp();
      try {
        const db = app.db;
        await db.query(
          `INSERT INTO organisations (slug, name, kind, is_party, constituency, country)
           SELECT 'match-co-' || g, 'Match Company ' || g, 'company', true, 'companies', 'NL' FROM generate_series(1, 200) g`,
        );
        const companies: Array<{ id: string }> = await db.query(`SELECT id FROM organisations WHERE slug LIKE 'match-co-%' ORDER BY slug`);
        // 20,000 suppliers; each company lists 500 of them, so a supplier is listed by ~5 companies, each in its own spelling.
        const SUPPLIERS = 20_000;
        const service = app.app.get(ProductionLocationsService);
        const truth = new Map<number, Set<string>>();
        const started = process.hrtime.bigint();
        for (const [c, co] of companies.entries()) {
          const inputs: LocationInput[] = [];
          for (let i = 0; i < 500; i++) {
            const s = (c * 500 + i * 41) % SUPPLIERS;
            if (!truth.has(s)) truth.set(s, new Set());
            truth.get(s)!.add(co.id);
            // each company that lists a supplier writes it in another of the five patterns
            inputs.push({ ...spelling(s, c + Math.floor(c / 40)), country: COUNTRIES[s % COUNTRIES.length], region: null, activityType: 'mining', rawMaterials: ['tin'], tier: 1, volume: null, contractNotes: null });
          }
          await db.transaction((m) => service.storeList(m, { organisationId: co.id, year: 2047, format: 'seed', uploadedBy: null, inputs }));
        }
        ctx.report('setup: 100k entries sealed and indexed through storeList', Number(process.hrtime.bigint() - started) / 1e9, 's');
        await db.query('ANALYZE production_locations');
        // Reported: the supplier company 0 lists first; who else lists it is the expected answer.
        const [reported] = await db.query(`SELECT id FROM production_locations WHERE organisation_id = $1 AND year = 2047 AND row_number = 1`, [companies[0].id]);
        const expected = truth.get(0)!;
        const exact = app.app.get(LocationDisclosureService);
        const matching = app.app.get(SupplierMatchingService);
        const audit = { actor: null, grant: { type: 'bench', id: 'supplier-matching' } };
        const exactRuns: number[] = [];
        const fuzzyRuns: number[] = [];
        const queueRuns: number[] = [];
        let found: Awaited<ReturnType<SupplierMatchingService['candidatesFor']>> = [];
        let exactCompanies = 0;
        for (let i = 0; i < 11; i++) {
          const e = await timedAsync(() => exact.companiesListingSameSupplier([reported.id]));
          exactCompanies = e.value[0]?.organisationIds.length ?? 0;
          const f = await timedAsync(() => db.transaction((m) => matching.candidatesFor(m, [reported.id], audit)));
          found = f.value;
          const q = await timedAsync(() => db.transaction(async (m) => {
            const c = await matching.candidatesFor(m, [reported.id], audit);
            return matching.sideBySide(m, [reported.id, ...c.map((x) => x.candidateId)], audit);
          }));
          if (i > 0) {
            exactRuns.push(e.seconds);
            fuzzyRuns.push(f.seconds);
            queueRuns.push(q.seconds);
          }
        }
        const base = med(exactRuns);
        ctx.report("today's exact blind-index lookup of one entry's buyers (median of 10)", base * 1000, 'ms');
        ctx.report(`fuzzy candidates + decrypt + score of one entry (${found.length} candidates, median of 10)`, med(fuzzyRuns) * 1000, 'ms', { value: med(fuzzyRuns) / base, to: 'the exact lookup (slowdown factor)' });
        ctx.report('full review queue of that entry (candidates, scores, both sides decrypted, audited; median of 10)', med(queueRuns) * 1000, 'ms', { value: med(queueRuns) / base, to: 'the exact lookup (slowdown factor)' });
        const others = new Set([...expected].filter((x) => x !== companies[0].id));
        const foundCompanies = new Set(found.map((f) => f.companyId));
        const proposed = new Set(found.filter((f) => f.verdict === 'match').map((f) => f.companyId));
        const hit = [...foundCompanies].filter((x) => others.has(x)).length;
        ctx.report(`recall over the companies listing the reported supplier (${others.size} others, each its own spelling; the exact lookup finds ${exactCompanies - 1})`,
          (100 * hit) / Math.max(1, others.size), '%');
        ctx.report(`precision over the companies found, proposed or to review (${foundCompanies.size})`, (100 * hit) / Math.max(1, foundCompanies.size), '%');
        ctx.report(`precision of the proposals above the upper threshold (${proposed.size})`, (100 * [...proposed].filter((x) => others.has(x)).length) / Math.max(1, proposed.size), '%');
      } finally {
        await app.close();
      }
    },
  },
  {
    name: 'supplier-matching: cost of the fuzzy indexes on the upload path (10k rows, before/after)',
    async run(ctx) {
      // "before" is the upload path's CPU per row until issue 16: seal the fields + the exact blind index; "after"
      // adds the profile, six fuzzy indexes and the OS ID index, alternating rounds so both see the same load.
      const key = { version: 1, key: new Uint8Array(randomBytes(32)) };
      const blindKey = new Uint8Array(randomBytes(32));
      const keyring = new MatchKeyring(blindKey);
      const org = '0b6f3c2e-1d4a-4f1b-8c7e-2a9d5e6f7a8b';
      const inputs: LocationInput[] = Array.from({ length: 10_000 }, (_, i) => ({
        ...spelling(i, i), country: 'NL', region: null, activityType: 'mining', rawMaterials: ['tin'], tier: 1, volume: i % 4 ? null : `${i} t`, contractNotes: null,
      }));
      const ids = inputs.map(() => randomUUID());
      const before = () => inputs.forEach((x, i) => {
        sealLocationFields(key, ids[i], org, x);
        supplierBlindIndex(blindKey, { name: x.supplierName, address: x.address, country: x.country });
      });
      const fuzzy = () => inputs.forEach((x) => {
        const p = profileOf({ name: x.supplierName, address: x.address, postcode: x.postcode, city: x.city, country: x.country, osId: null });
        keyring.keysOf(p);
        keyring.osIdIndex(p.osId);
      });
      const time = (f: () => void) => {
        const start = process.hrtime.bigint();
        f();
        return Number(process.hrtime.bigint() - start) / 1e9;
      };
      before();
      fuzzy();
      const b: number[] = [];
      const a: number[] = [];
      for (let r = 0; r < 3; r++) {
        b.push(time(before));
        a.push(time(before) + time(fuzzy));
      }
      ctx.report('upload path CPU for 10k rows before issue 16 (seal + exact index, best of 3)', Math.min(...b) * 1000, 'ms');
      ctx.report('upload path CPU for 10k rows with the fuzzy indexes (best of 3)', Math.min(...a) * 1000, 'ms', { value: Math.min(...a) / Math.min(...b), to: 'before (slowdown factor)' });
    },
  },
];
