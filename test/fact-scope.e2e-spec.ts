import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/common/caller.js';
import { seedDemoCases } from '../src/database/seed/demo-cases.seed.js';
import { CallerAbility } from '../src/policies/ability.js';
import { ALL_FACTS, type FactScope, PoliciesService } from '../src/policies/policies.service.js';
import { SUBJECTS } from '../src/policies/subjects.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 18, "an indexed lookup of the grants the route needs": a route about one case reads the caller's case grants
 * on that case only (plus, per kind, whether the caller holds it anywhere), a route whose rules use no grant reads
 * none of them. That shortcut is only sound if every decision such a request can make comes out as it would with
 * every grant. Checked here against the real SQL after random changes to who plays which part in which case: for
 * every person, every case and every action, the ability from the scoped facts allows, refuses and field-filters
 * exactly as the ability from all facts, and decides every route's "may ever" (the guard) the same.
 */
describe('a request scoped to its case decides exactly as one with every grant (property)', () => {
  let t: TestApp;
  let policies: PoliciesService;
  let callers: Caller[];
  let orgs: Array<{ id: string; kind: string }>;

  const callersFromDb = async (): Promise<Caller[]> => {
    const rows = await t.db.query(
      `SELECT p.id AS person_id, p.email, p.name, p.language, p.roles,
              EXISTS (SELECT 1 FROM kerngroep_chair kc WHERE kc.person_id = p.id) AS chair,
              ks.constituency AS seat, CASE WHEN ks.fixed_person_id = p.id THEN 'fixed' WHEN ks.deputy_person_id = p.id THEN 'deputy' END AS position,
              o.id AS org_id, o.slug, o.name AS org_name, o.kind, o.is_party, o.constituency, o.affiliated_to
         FROM people p JOIN organisations o ON o.id = p.organisation_id
         LEFT JOIN kerngroep_seats ks ON p.id IN (ks.fixed_person_id, ks.deputy_person_id)
        WHERE p.disabled_at IS NULL ORDER BY p.email`,
    );
    return rows.map((r: Record<string, never>) => ({
      personId: r.person_id, sessionId: 'property', email: r.email, name: r.name, language: r.language, roles: r.roles,
      isKerngroepChair: r.chair, kerngroepSeat: r.seat && r.position ? { constituency: r.seat, position: r.position } : null,
      organisation: { id: r.org_id, slug: r.slug, name: r.org_name, kind: r.kind, isParty: r.is_party, constituency: r.constituency, affiliatedTo: r.affiliated_to },
    }));
  };

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoCases(t.app, t.config);
    policies = t.app.get(PoliciesService);
    callers = await callersFromDb();
    orgs = await t.db.query(`SELECT id, kind FROM organisations ORDER BY slug`);
  }, 240_000);
  afterAll(() => t?.close());

  const ability = async (caller: Caller, scope: FactScope) => new CallerAbility(caller, await policies.factsFor(caller, scope), policies.policies);

  /** Compares, for every caller, every case and every action, the scoped and the full ability; returns the checks made. */
  const compare = async (): Promise<number> => {
    const cases: string[] = (await t.db.query(`SELECT id FROM cases ORDER BY id`)).map((r: { id: string }) => r.id);
    const unknown = '7b0c3a52-9d7e-4c1a-8f3e-2a6d5b4c3e21';
    let checks = 0;
    for (const caller of callers) {
      const full = await ability(caller, ALL_FACTS);
      const none = await ability(caller, { all: false, ids: [] });
      for (const [subject, def] of Object.entries(SUBJECTS)) {
        // a route about this subject reads only the facts its rules use (`subjects`), on its record only: its "yes"
        // to "may ever" is never a false one (the guard decides a "no" again with every fact)
        const only = await ability(caller, { all: false, ids: [], subjects: [subject] });
        for (const action of def.actions) {
          const what = `${caller.email} may ever ${action} ${subject}`;
          expect(none.canEver(action, subject), what).toBe(full.canEver(action, subject));
          if (only.canEver(action, subject)) expect(full.canEver(action, subject), what).toBe(true);
          checks += 2;
        }
      }
      for (const id of [...cases, unknown]) {
        // every fact on this case; the case route's facts (the rules of Case only); the disclosed locations' (and the case's)
        const scopes = [
          [{ all: false, ids: [id] }, ['Case', 'DisclosedLocation']],
          [{ all: false, ids: [id], subjects: ['Case'] }, ['Case']],
          [{ all: false, ids: [id], subjects: ['DisclosedLocation', 'Case'] }, ['Case', 'DisclosedLocation']],
        ] as const;
        for (const [scope, subjects] of scopes) {
          const scoped = await ability(caller, scope);
          for (const [subject, record] of [['Case', { id }], ['DisclosedLocation', { caseId: id }]] as const) {
            if (!(subjects as readonly string[]).includes(subject)) continue;
            for (const action of SUBJECTS[subject]!.actions) {
              const what = `${caller.email} ${action} ${subject} ${id} (${JSON.stringify(scope)})`;
              expect(scoped.can(action, subject, record), what).toBe(full.can(action, subject, record));
              if (!('subjects' in scope)) expect(scoped.canEver(action, subject), what).toBe(full.canEver(action, subject));
              else if (scoped.canEver(action, subject)) expect(full.canEver(action, subject), what).toBe(true);
              if (full.can(action, subject, record)) {
                expect(scoped.permittedFields(action, subject, record).sort(), what).toEqual(full.permittedFields(action, subject, record).sort());
                expect(scoped.grantUsed(action, subject, record), what).toEqual(full.grantUsed(action, subject, record));
              } else {
                expect(scoped.refusal(action, subject, record), what).toEqual(full.refusal(action, subject, record));
              }
              checks += 2;
            }
          }
        }
      }
    }
    return checks;
  };

  // One random change to who plays which part in which case, made behind the API (any combination the schema allows).
  const change = fc.record({
    kind: fc.constantFrom('consent', 'broker', 'sponsor', 'subject', 'behalf', 'escalate', 'concern', 'substitute', 'access', 'nda', 'module'),
    caseIndex: fc.nat(),
    orgIndex: fc.nat(),
  });

  const apply = async (c: { kind: string; caseIndex: number; orgIndex: number }) => {
    const cases: Array<{ id: string }> = await t.db.query(`SELECT id FROM cases ORDER BY id`);
    const caseId = cases[c.caseIndex % cases.length]!.id;
    const org = orgs[c.orgIndex % orgs.length]!;
    const ruling = async () => (await t.db.query(`SELECT id FROM rulings WHERE case_id = $1`, [caseId]))[0]?.id as string | undefined;
    switch (c.kind) {
      case 'consent':
        await t.db.query(`INSERT INTO case_consents (case_id, company_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [caseId, org.id]);
        break;
      case 'broker':
        await t.db.query(
          `INSERT INTO case_brokered_companies (case_id, company_id, confirmed_at) VALUES ($1, $2, now())
           ON CONFLICT (case_id, company_id) DO UPDATE SET confirmed_at = CASE WHEN case_brokered_companies.confirmed_at IS NULL THEN now() END`,
          [caseId, org.id],
        );
        break;
      case 'sponsor':
        await t.db.query(`UPDATE cases SET sponsor_organisation_id = $2 WHERE id = $1`, [caseId, org.id]);
        break;
      case 'subject':
        await t.db.query(`UPDATE cases SET subject_organisation_id = $2 WHERE id = $1`, [caseId, org.id]);
        break;
      case 'behalf':
        await t.db.query(`UPDATE cases SET on_behalf_of = CASE WHEN on_behalf_of = $2 THEN NULL ELSE $2::uuid END WHERE id = $1`, [caseId, org.id]);
        break;
      case 'escalate':
        if (!(await ruling())) await t.db.query(`INSERT INTO rulings (case_id) VALUES ($1)`, [caseId]);
        await t.db.query(`UPDATE rulings SET escalated_at = CASE WHEN escalated_at IS NULL THEN now() END WHERE case_id = $1`, [caseId]);
        break;
      case 'concern':
        await t.db.query(
          `UPDATE rulings SET concerned_organisation_ids = CASE WHEN $2 = ANY(concerned_organisation_ids)
             THEN array_remove(concerned_organisation_ids, $2::uuid) ELSE concerned_organisation_ids || $2::uuid END WHERE case_id = $1`,
          [caseId, org.id],
        );
        break;
      case 'substitute':
        await t.db.query(`UPDATE ruling_seats SET substitute_organisation_id = $2 WHERE ruling_id = (SELECT id FROM rulings WHERE case_id = $1)`, [caseId, org.id]);
        break;
      case 'nda': {
        // signs (or revokes) the current text of one NDA kind for the organisation, as one of its people
        const texts: Array<{ id: string; kind: string }> = await t.db.query(
          `SELECT DISTINCT ON (kind) id, kind FROM nda_texts ORDER BY kind, version DESC, language`,
        );
        const text = texts[c.caseIndex % texts.length]!;
        const [person] = await t.db.query(`SELECT id FROM people WHERE organisation_id = $1 ORDER BY id LIMIT 1`, [org.id]);
        if (!person) break;
        const revoked = await t.db.query(
          `WITH u AS (UPDATE nda_signatures s SET revoked_at = now(), revoked_by = $3 FROM nda_texts t
                       WHERE t.id = s.text_id AND t.kind = $2 AND s.organisation_id = $1 AND s.revoked_at IS NULL RETURNING s.id) SELECT id FROM u`,
          [org.id, text.kind, person.id],
        );
        if (revoked.length === 0) {
          await t.db.query(
            `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, expires_at, language)
             SELECT id, $2, $3, 'Property', now() + interval '30 days', language FROM nda_texts WHERE id = $1`,
            [text.id, org.id, person.id],
          );
        }
        break;
      }
      case 'module': {
        // enrols the organisation in one module, or ends its participation
        const modules: Array<{ slug: string }> = await t.db.query(`SELECT slug FROM modules ORDER BY slug`);
        const slug = modules[c.caseIndex % modules.length]!.slug;
        const left = await t.db.query(
          `WITH u AS (UPDATE module_participations SET left_at = greatest(now(), joined_at)
                       WHERE organisation_id = $1 AND module = $2 AND left_at IS NULL RETURNING id) SELECT id FROM u`,
          [org.id, slug],
        );
        if (left.length === 0) await t.db.query(`INSERT INTO module_participations (organisation_id, module) VALUES ($1, $2)`, [org.id, slug]);
        break;
      }
      case 'access':
        await t.db.query(
          `UPDATE cases SET state = 'access_open', access_opened_at = now(),
                  access_closes_at = CASE WHEN access_closes_at > now() THEN now() - interval '1 day' ELSE now() + interval '30 days' END
            WHERE id = $1 AND type = 'disclosure'`,
          [caseId],
        );
        break;
    }
  };

  it('on the demo cases, and after every step of random changes to the parts people play in them', async () => {
    // some organisations hold NDAs and take part in modules from the start (the demo cases' seed gives none an NDA)
    for (let i = 0; i < 4; i++) {
      await apply({ kind: 'nda', caseIndex: i, orgIndex: i * 3 });
      await apply({ kind: 'module', caseIndex: i, orgIndex: i * 5 + 1 });
    }
    let checks = await compare();
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 4 }), async (steps) => {
        for (const step of steps) {
          await apply(step);
          checks += await compare();
        }
      }),
      { numRuns: 6 },
    );
    console.log(`fact scope: ${checks} decisions compared`);
    expect(checks).toBeGreaterThan(10_000);
  }, 600_000);

  it('a route about one case reads one case and answers as before; another case asked in the same request is decided with every grant', async () => {
    const D = 'demo.ketenkluis.test';
    const token = await t.login(`kivu-mining-watch@${D}`);
    const list = await t.http().get('/api/v1/cases').set({ Authorization: `Bearer ${token}` });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items as Array<{ id: string; state: string }>) {
      const one = await t.http().get(`/api/v1/cases/${item.id}`).set({ Authorization: `Bearer ${token}` });
      expect(one.status, JSON.stringify(one.body)).toBe(200);
      expect(one.body.state).toBe(item.state);
    }
    // a case of someone else: the identical 404 of an unknown id, as with every grant
    const [other] = await t.db.query(
      `SELECT c.id FROM cases c WHERE NOT (c.id = ANY($1::uuid[])) LIMIT 1`,
      [(list.body.items as Array<{ id: string }>).map((x) => x.id)],
    );
    if (other) {
      const theirs = await t.http().get(`/api/v1/cases/${other.id}`).set({ Authorization: `Bearer ${token}` });
      const unknown = await t.http().get('/api/v1/cases/7b0c3a52-9d7e-4c1a-8f3e-2a6d5b4c3e21').set({ Authorization: `Bearer ${token}` });
      expect([theirs.status, theirs.body]).toEqual([unknown.status, unknown.body]);
    }
  });
});
