import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixCallers, type MatrixCaller, matrixSituations } from './support/policy-matrix.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Property (issue 4, "Tests that must exist"): list endpoints never return a row or a field that the single-object
 * endpoint would refuse the same caller. fast-check picks the caller's situation (kind, roles, NDA state, module),
 * stores random results first (companies, rounds, signals, section scores), and picks the list's filter and paging.
 */
describe('lists never show more than the single-object routes (property)', () => {
  let t: TestApp;
  let callers: MatrixCaller[];
  let companies: string[];
  let secretariat: string;

  beforeAll(async () => {
    t = await startTestApp();
    callers = await createMatrixCallers(t, matrixSituations('cso-monitoring'));
    // Matrix companies get a plan so "own" rows exist for them as well.
    for (const c of callers.filter((x) => x.kind === 'company')) {
      await t.db.query(`INSERT INTO plans_of_action (company_id, year, measures) VALUES ($1, 2026, '[{"step":2,"theme":"audits","description":"x"}]')`, [c.organisationId]);
    }
    companies = [
      ...(await t.db.query(`SELECT id FROM organisations WHERE kind = 'company' AND slug NOT LIKE 'mx-%' ORDER BY slug`)).map((r: { id: string }) => r.id),
      ...callers.filter((c) => c.kind === 'company').slice(0, 4).map((c) => c.organisationId),
    ];
    secretariat = await t.login('secretariaat@demo.ketenkluis.test');
  }, 240_000);
  afterAll(() => t?.close());

  const stored = fc.record({
    company: fc.nat(),
    round: fc.constantFrom('baseline', 'year2', 'year4'),
    signal: fc.constantFrom('green', 'orange', 'red'),
    finalScore: fc.integer({ min: 0, max: 100 }),
    scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
  });

  it('monitoring results, plans of action and NDA signatures', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(stored, { minLength: 0, maxLength: 3 }),
        fc.option(fc.constantFrom('baseline', 'year2', 'year4'), { nil: undefined }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 3 }),
        async (who, writes, round, pageSize, page) => {
          const c = callers[who % callers.length];
          for (const w of writes) {
            const res = await t.http().put(`/api/v1/monitoring/results/${companies[w.company % companies.length]}/${w.round}`)
              .set({ Authorization: `Bearer ${secretariat}` })
              .send({ finalScore: w.finalScore, signal: w.signal, advice: 'generated', sections: w.scores.map((score, i) => ({ step: i + 1, score, advice: '' })) });
            expect(res.status).toBe(200);
          }
          const query = `${round ? `round=${round}&` : ''}pageSize=${pageSize}&page=${page}`;
          const list = await t.http().get(`/api/v1/monitoring/results?${query}`).set(c.auth);
          expect(list.status).toBe(200);
          for (const item of list.body.items) {
            const one = await t.http().get(`/api/v1/monitoring/results/${item.companyId}/${item.round}`).set(c.auth);
            expect(one.status, `${c.label}: listed ${item.companyId}/${item.round} but the single read says ${one.status}`).toBe(200);
            expect(item, c.label).toEqual(one.body);
            compared++;
          }
          const plans = await t.http().get('/api/v1/plans-of-action').set(c.auth);
          if (plans.status === 200) {
            for (const p of plans.body) {
              const one = await t.http().get(`/api/v1/plans-of-action/${p.id}`).set(c.auth);
              expect(one.status, c.label).toBe(200);
              expect(p).toEqual(one.body);
              compared++;
            }
          }
          const sigs = await t.http().get('/api/v1/ndas/signatures').set(c.auth);
          expect(sigs.status).toBe(200);
          for (const s of sigs.body.slice(0, 5)) {
            const one = await t.http().get(`/api/v1/ndas/signatures/${s.id}`).set(c.auth);
            expect(one.status, c.label).toBe(200);
            expect(s).toEqual(one.body);
            compared++;
          }
        },
      ),
      { numRuns: 60, seed: 4242 },
    );
    console.log(`property: ${compared} listed objects compared with their single-object read`);
    expect(compared).toBeGreaterThan(50);
  }, 300_000);
});
