import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMatrixCallers,
  inBatches,
  type MatrixCaller,
  matrixSituations,
  PolicyMatrix,
} from './support/policy-matrix.js';
import { SUBJECTS } from '../src/policies/subjects.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The policy matrix of issue 4: every organisation kind × role × action × data class × state of the art-13 NDA
 * (none, active, expired, revoked, older text version) × module participation, checked through HTTP. The
 * expectations below are written from the agreement (articles cited), not read from policies/*.yaml.
 */

// Issue 11 changed this rule (art. 13): a CSO party sees the risk and plan-of-action sections only, no final score,
// signal or overall advice (before, it saw those three too).
const CSO_FIELDS = ['companyId', 'companyName', 'id', 'round', 'sections'];
const ALL_FIELDS = [...CSO_FIELDS, 'advice', 'finalScore', 'signal', 'improvementPeriods', 'updatedAt'].sort();

// ---- the expected outcomes, per article -------------------------------------------------------------------------
const isSecretariat = (c: MatrixCaller) => c.kind === 'secretariat';
const isStaff = (c: MatrixCaller) => isSecretariat(c) && c.roles.includes('secretariat_staff');
const isCsoParty = (c: MatrixCaller) => (c.kind === 'ngo' || c.kind === 'union') && c.isParty;
/** Art. 13: a CSO party that takes part in a module and holds an active (current, unexpired, unrevoked) monitoring NDA. */
const csoUnderNda = (c: MatrixCaller) => isCsoParty(c) && c.inModule && c.ndaActive('cso-monitoring');
/** What a 403 should name as missing for a CSO party (art. 13). */
const csoMissing = (c: MatrixCaller) => [...(c.ndaActive('cso-monitoring') ? [] : ['nda:cso-monitoring']), ...(c.inModule ? [] : ['module:any'])].sort();

/** Another company's result: art. 9-10 secretariat whole, art. 13 CSO partly, a company 404 (not its own), others 403. */
function readOtherResult(c: MatrixCaller): { status: number; fields?: 'all' | 'cso'; missing?: string[] } {
  if (isSecretariat(c)) return { status: 200, fields: 'all' };
  if (csoUnderNda(c)) return { status: 200, fields: 'cso' };
  if (c.kind === 'company') return { status: 404 };
  if (isCsoParty(c)) return { status: 403, missing: csoMissing(c) };
  return { status: 403, missing: [] };
}

function fieldProblem(body: Record<string, unknown>, fields: 'all' | 'cso'): string | undefined {
  const keys = Object.keys(body).sort();
  const want = fields === 'all' ? ALL_FIELDS : CSO_FIELDS;
  if (JSON.stringify(keys) !== JSON.stringify(want)) return `keys ${keys.join(',')}`;
  const sections = body.sections as Array<{ reportsOn: string }>;
  if (fields === 'all' && sections.length !== 6) return `${sections.length} sections`;
  if (fields === 'cso') {
    // Art. 13: only the parts that report on risks and on the plan of action.
    if (sections.some((s) => s.reportsOn !== 'risks' && s.reportsOn !== 'planOfAction')) return `section ${sections.map((s) => s.reportsOn)}`;
    if (sections.length !== 3) return `${sections.length} sections`;
  }
  return undefined;
}

describe('the policy matrix (issue 4)', () => {
  let t: TestApp;
  let callers: MatrixCaller[];
  const m = new PolicyMatrix('issue 4: monitoring, plans of action, NDAs, audit, organisations, people, explain');
  let target: { companyId: string; planId: string; signatureId: string; totalResults: number; totalPlans2025: number; totalSignatures: number };

  beforeAll(async () => {
    t = await startTestApp();
    // Plus CSO parties that hold OTHER NDA kinds (art. 21, 22) but not the art-13 one: those grant nothing here.
    const otherKinds = matrixSituations('cso-monitoring', { 'company-region': 'active', disclosure: 'active' })
      .filter((s) => (s.kind === 'ngo' || s.kind === 'union') && s.ndas['cso-monitoring'] === 'none');
    callers = await createMatrixCallers(t, [...matrixSituations('cso-monitoring'), ...otherKinds]);
    // Every matrix company has its own baseline result and plan (copies of a demo company's), so "own" can be checked.
    const [demo] = await t.db.query(`SELECT r.id, r.company_id FROM monitoring_results r JOIN organisations o ON o.id = r.company_id WHERE o.slug = 'gieterij-de-hoop' AND r.round = 'baseline'`);
    for (const c of callers.filter((x) => x.kind === 'company')) {
      const [r] = await t.db.query(
        `INSERT INTO monitoring_results (company_id, round, final_score, signal, advice) SELECT $2, round, final_score, signal, advice FROM monitoring_results WHERE id = $1 RETURNING id`,
        [demo.id, c.organisationId],
      );
      await t.db.query(`INSERT INTO monitoring_result_sections (result_id, step, score, advice) SELECT $2, step, score, advice FROM monitoring_result_sections WHERE result_id = $1`, [demo.id, r.id]);
      await t.db.query(`INSERT INTO monitoring_follow_ups (result_id, company_id, kind) VALUES ($1, $2, 'signal-talk')`, [r.id, c.organisationId]);
      await t.db.query(`INSERT INTO plans_of_action (company_id, year, measures) SELECT $2, year, measures FROM plans_of_action WHERE company_id = $1`, [demo.company_id, c.organisationId]);
    }
    const [plan] = await t.db.query(`SELECT id FROM plans_of_action WHERE company_id = $1`, [demo.company_id]);
    // Another organisation's signature (a demo NGO's) for the "someone else's id" checks.
    const [text] = await t.db.query(`SELECT id FROM nda_texts WHERE kind = 'cso-monitoring' ORDER BY version DESC LIMIT 1`);
    const [ngo] = await t.db.query(`SELECT o.id AS org, p.id AS person FROM organisations o JOIN people p ON p.organisation_id = o.id WHERE o.slug = 'groene-keten'`);
    const [sig] = await t.db.query(
      `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, expires_at) VALUES ($1, $2, $3, 'Gijs Groen', now() + interval '1 year') RETURNING id`,
      [text.id, ngo.org, ngo.person],
    );
    const [{ results }] = await t.db.query(`SELECT count(*)::int AS results FROM monitoring_results`);
    const [{ plans }] = await t.db.query(`SELECT count(*)::int AS plans FROM plans_of_action WHERE year = 2025`);
    const [{ sigs }] = await t.db.query(`SELECT count(*)::int AS sigs FROM nda_signatures`);
    target = { companyId: demo.company_id, planId: plan.id, signatureId: sig.id, totalResults: results, totalPlans2025: plans, totalSignatures: sigs };
  }, 240_000);
  afterAll(() => t?.close());

  it('every caller situation gets exactly what the agreement allows, through HTTP', async () => {
    const bogus = '00000000-0000-4000-8000-000000000000';
    await inBatches(callers, 6, async (c) => {
      const http = () => t.http();
      // MonitoringResult (art. 9-13) -----------------------------------------------------------------------------
      const other = readOtherResult(c);
      await m.check(c, 'read MonitoringResult of another company', () => http().get(`/api/v1/monitoring/results/${target.companyId}/baseline`).set(c.auth), { status: other.status }, (b) =>
        other.fields ? fieldProblem(b, other.fields) : other.missing && JSON.stringify([...(b.missing ?? [])].sort()) !== JSON.stringify(other.missing) ? `missing ${b.missing}` : undefined,
      );
      if (c.kind === 'company') {
        await m.check(c, 'read MonitoringResult own (art. 10)', () => http().get(`/api/v1/monitoring/results/${c.organisationId}/baseline`).set(c.auth), { status: 200 }, (b) => fieldProblem(b, 'all'));
      }
      await m.check(c, 'read MonitoringResult absent', () => http().get(`/api/v1/monitoring/results/${bogus}/baseline`).set(c.auth), {
        status: readOtherResult(c).status === 200 || c.kind === 'company' ? 404 : 403,
      });
      await m.check(c, 'list MonitoringResult (visible rows and fields only)', () => http().get('/api/v1/monitoring/results?round=baseline&pageSize=100').set(c.auth), { status: 200 }, (b) => {
        const items = b.items as Array<Record<string, unknown>>;
        if (isSecretariat(c)) return b.total === target.totalResults && items.every((i) => !fieldProblem(i, 'all')) ? undefined : `secretariat total ${b.total}`;
        if (c.kind === 'company') return b.total === 1 && items[0].companyId === c.organisationId && !fieldProblem(items[0], 'all') ? undefined : `company total ${b.total}`;
        if (csoUnderNda(c)) return b.total === target.totalResults && items.every((i) => !fieldProblem(i, 'cso')) ? undefined : `cso ${b.total} ${items.map((i) => fieldProblem(i, 'cso')).find(Boolean)}`;
        return b.total === 0 && items.length === 0 ? undefined : `saw ${b.total}`;
      });
      await m.check(c, 'store MonitoringResult (art. 9, 55)', () => http().put(`/api/v1/monitoring/results/${target.companyId}/year4`).set(c.auth).send({}), { status: isStaff(c) ? 400 : 403 });
      // MonitoringFollowUp (art. 10-11) ---------------------------------------------------------------------------
      await m.check(c, 'list MonitoringFollowUp', () => http().get('/api/v1/monitoring/follow-ups').set(c.auth), { status: isSecretariat(c) || c.kind === 'company' ? 200 : 403 }, (b) => {
        if (c.kind === 'company') return b.length === 1 && b[0].companyId === c.organisationId ? undefined : `company saw ${b.length}`;
        return undefined; // secretariat: every open follow-up; others: 403
      });
      await m.check(c, 'complete MonitoringFollowUp', () => http().post(`/api/v1/monitoring/follow-ups/${bogus}/complete`).set(c.auth), { status: isSecretariat(c) ? 404 : 403 });
      // PlanOfAction (art. 12) ------------------------------------------------------------------------------------
      await m.check(c, 'submit PlanOfAction', () => http().post('/api/v1/plans-of-action').set(c.auth).send({}), { status: c.kind === 'company' ? 400 : 403 });
      await m.check(c, 'read PlanOfAction of another company', () => http().get(`/api/v1/plans-of-action/${target.planId}`).set(c.auth), {
        status: isSecretariat(c) ? 200 : c.kind === 'company' ? 404 : 403,
      });
      if (c.kind === 'company') {
        const [ownPlan] = await t.db.query(`SELECT id FROM plans_of_action WHERE company_id = $1`, [c.organisationId]);
        await m.check(c, 'read PlanOfAction own', () => http().get(`/api/v1/plans-of-action/${ownPlan.id}`).set(c.auth), { status: 200 }, (b) =>
          b.companyId === c.organisationId && Array.isArray(b.measures) ? undefined : 'not the whole own plan',
        );
      }
      await m.check(c, 'list PlanOfAction', () => http().get('/api/v1/plans-of-action?year=2025').set(c.auth), { status: isSecretariat(c) || c.kind === 'company' ? 200 : 403 }, (b) => {
        if (isSecretariat(c)) return b.length === target.totalPlans2025 ? undefined : `secretariat saw ${b.length}`;
        if (c.kind !== 'company') return undefined; // 403 checked by status
        return b.length === 1 && b[0].companyId === c.organisationId ? undefined : `company saw ${b.length}`;
      });
      // AggregatedPlanOfAction (art. 12): all parties and the secretariat; not supporters or local partners.
      await m.check(c, 'read AggregatedPlanOfAction', () => http().get('/api/v1/plans-of-action/aggregated?year=2025').set(c.auth), {
        status: c.isParty || isSecretariat(c) ? 200 : 403,
      });
      // NdaText (art. 13, 21, 22, 56) -----------------------------------------------------------------------------
      await m.check(c, 'list NdaText', () => http().get('/api/v1/ndas/texts').set(c.auth), { status: 200 }, (b) => (b.length === 5 ? undefined : `${b.length} texts`));
      await m.check(c, 'publish NdaText', () => http().post('/api/v1/ndas/texts').set(c.auth).send({}), { status: isStaff(c) ? 400 : 403 });
      // NdaSignature --------------------------------------------------------------------------------------------
      const wrongHash = 'f'.repeat(64);
      const signs: Record<string, boolean> = {
        'cso-monitoring': isCsoParty(c), // art. 13
        'company-region': isCsoParty(c), // art. 21
        disclosure: isCsoParty(c) || c.kind === 'local_partner', // art. 22
        'supporters-protocol': c.kind === 'supporter', // annex
        'secretariat-obligation': isSecretariat(c), // art. 56
      };
      for (const [kind, may] of Object.entries(signs)) {
        // 409: allowed, but the hash is not the current text; 403: this organisation does not sign this kind.
        await m.check(c, `sign NdaSignature # ${kind}`, () => http().post('/api/v1/ndas/signatures').set(c.auth).send({ kind, sha256: wrongHash, signerName: 'Matrix signer' }), { status: may ? 409 : 403 });
      }
      await m.check(c, 'list NdaSignature', () => http().get('/api/v1/ndas/signatures').set(c.auth), { status: 200 }, (b) => {
        const own = Object.keys(c.signatureIds).length;
        if (isSecretariat(c)) return b.length >= target.totalSignatures ? undefined : `secretariat saw ${b.length}`;
        return b.length === own && b.every((s: { organisationId: string }) => s.organisationId === c.organisationId) ? undefined : `saw ${b.length}, own ${own}`;
      });
      await m.check(c, 'read NdaSignature of another organisation', () => http().get(`/api/v1/ndas/signatures/${target.signatureId}`).set(c.auth), { status: isSecretariat(c) ? 200 : 404 });
      const own = c.signatureIds['cso-monitoring'];
      if (own) {
        const status = { active: 'active', expired: 'expired', revoked: 'revoked', 'older-version': 'superseded' }[c.ndas['cso-monitoring'] as string];
        await m.check(c, 'read NdaSignature own', () => http().get(`/api/v1/ndas/signatures/${own}`).set(c.auth), { status: 200 }, (b) => (b.status === status ? undefined : `status ${b.status}`));
      }
      await m.check(c, 'revoke NdaSignature', () => http().post(`/api/v1/ndas/signatures/${target.signatureId}/revoke`).set(c.auth).send({ reason: 5 }), { status: isStaff(c) ? 400 : 403 });
      // AuditEntry (art. 55-56): secretariat staff only --------------------------------------------------------
      await m.check(c, 'list AuditEntry', () => http().get('/api/v1/audit').set(c.auth), { status: isStaff(c) ? 200 : 403 });
      await m.check(c, 'verify AuditEntry chain', () => http().get('/api/v1/audit/verification').set(c.auth), { status: isStaff(c) ? 200 : 403 });
      // Organisation and Person (art. 40, 47, 55, 69-72; API.md "Identity") ------------------------------------
      await m.check(c, 'list Organisation (art. 40: every signed-in person sees who takes part)', () => http().get('/api/v1/organisations').set(c.auth), { status: 200 });
      await m.check(c, 'read Organisation of another organisation', () => http().get(`/api/v1/organisations/${target.companyId}`).set(c.auth), { status: 200 });
      await m.check(c, 'create Organisation (art. 69-72: secretariat staff register accessions)', () => http().post('/api/v1/organisations').set(c.auth).send({}), { status: isStaff(c) ? 400 : 403 });
      const admin = c.roles.includes('org_admin');
      await m.check(c, 'list Person of own organisation (art. 47: its admins)', () => http().get(`/api/v1/organisations/${c.organisationId}/people`).set(c.auth), { status: isStaff(c) || admin ? 200 : 403 });
      await m.check(c, 'list Person of another organisation', () => http().get(`/api/v1/organisations/${target.companyId}/people`).set(c.auth), { status: isStaff(c) ? 200 : admin ? [403, 404] : 403 });
      await m.check(c, 'invite Person into another organisation', () => http().post(`/api/v1/organisations/${target.companyId}/people`).set(c.auth).send({ name: 'Matrix Invitee', email: `invitee-${c.personId}@matrix.test` }), {
        status: isStaff(c) ? 201 : admin ? [403, 404] : 403,
      });
      if (isSecretariat(c)) {
        // Issue 11, art. 55-56: only secretariat staff make someone secretariat staff (people.yaml#secretariat-staff-appoint-staff)
        await m.check(c, 'invite secretariat staff into the own secretariat', () => http().post(`/api/v1/organisations/${c.organisationId}/people`).set(c.auth).send({ name: 'Matrix Staff', email: `staff-${c.personId}@matrix.test`, roles: ['member', 'secretariat_staff'] }), {
          status: isStaff(c) ? 201 : 403,
        }, (b) => (!isStaff(c) && admin && !(b.decidedBy ?? []).some((d: { rule: string }) => d.rule === 'secretariat-staff-appoint-staff') ? `decidedBy ${JSON.stringify(b.decidedBy)}` : undefined));
      }
      // Authorization: explain agrees with the routes --------------------------------------------------------
      await m.check(c, 'explain read MonitoringResult', () => http().get('/api/v1/authz/explain?action=read&subject=MonitoringResult').set(c.auth), { status: 200 }, (b) => {
        const allowed = isSecretariat(c) || c.kind === 'company' || csoUnderNda(c);
        if (b.allowed !== allowed) return `allowed ${b.allowed}`;
        const missing = !allowed && isCsoParty(c) ? csoMissing(c) : [];
        if (JSON.stringify([...b.missing].sort()) !== JSON.stringify(missing)) return `missing ${b.missing}`;
        if (allowed && !b.decidedBy.every((d: { article: string }) => /\d/.test(d.article))) return 'a deciding rule without article';
        return undefined;
      });
    });
    m.report();
    expect(callers.length).toBe(158);
    expect(m.cases).toBeGreaterThan(3000);
    expect(m.mismatches).toEqual([]);
  }, 300_000);
  // Issue 11: GET /authz/explain names a deciding rule with its article for EVERY subject and action, also those no
  // rule names (the documented deny-by-default rule, art. 19 and 56), and `missing` names only what this caller could
  // obtain itself: an NDA its organisation may sign (art. 13, 21, 22, 56, annex), a module (not the secretariat, art. 55).
  it('explain names a rule for every subject and action, and never suggests what the caller cannot obtain', async () => {
    const e = new PolicyMatrix('issue 11: explain for every subject and action');
    const plain = callers.filter((c) => !c.inModule && Object.values(c.ndas).every((n) => n === 'none' || n === 'expired'));
    const actions = Object.entries(SUBJECTS).flatMap(([subject, d]) => d.actions.map((action) => ({ subject, action })));
    await inBatches(plain, 6, async (c) => {
      const signs = (kind: string) =>
        ({
          'cso-monitoring': (c.kind === 'ngo' || c.kind === 'union') && c.isParty,
          'company-region': (c.kind === 'ngo' || c.kind === 'union') && c.isParty,
          disclosure: ((c.kind === 'ngo' || c.kind === 'union') && c.isParty) || c.kind === 'local_partner',
          'supporters-protocol': c.kind === 'supporter',
          'secretariat-obligation': c.kind === 'secretariat',
        })[kind] === true;
      for (const { subject, action } of actions) {
        await e.check(c, `explain ${action} ${subject}`, () => t.http().get(`/api/v1/authz/explain?action=${encodeURIComponent(action)}&subject=${subject}`).set(c.auth), { status: 200 }, (b) => {
          const decided = b.decidedBy as Array<{ policy: string; rule: string; article: string }>;
          if (!decided.length) return 'decidedBy: []';
          if (!decided.every((d) => d.policy && d.rule && /\d|annex/.test(d.article))) return `a deciding rule without article: ${JSON.stringify(decided)}`;
          if (b.allowed && b.missing.length) return `allowed, yet missing ${b.missing}`;
          const bad = (b.missing as string[]).filter((m) => !(m.startsWith('nda:') ? signs(m.slice(4)) : m === 'module:any' && c.kind !== 'secretariat'));
          return bad.length ? `suggests ${bad}` : undefined;
        });
      }
    });
    // actions no rule names are refused by the default rule (e.g. update on Organisation)
    const staff = plain.find((c) => c.kind === 'secretariat' && c.roles.includes('secretariat_staff'))!;
    const none = await t.http().get('/api/v1/authz/explain?action=update&subject=Organisation').set(staff.auth);
    expect(none.body).toEqual({ allowed: false, decidedBy: [{ policy: 'README.md', rule: 'deny-by-default', article: '19, 56' }], missing: [] });
    e.report();
    expect(e.cases).toBeGreaterThan(1000);
    expect(e.mismatches).toEqual([]);
  }, 300_000);
});
