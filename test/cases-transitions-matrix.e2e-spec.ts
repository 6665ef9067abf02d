import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Api, admitComplaint, as, confirmEachBrokered, entryIds, orgId, signDisclosureClause, snapshot, uploadList } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11, "one place for who and when": every case transition is a policy action in policies/cases.yaml. This
 * matrix takes the transitions FROM the policy file (a new one without an expectation below fails), and checks every
 * caller (organisation kind, role, Kerngroep position) × transition × case state × the caller's part in the case
 * (grant) against expectations written from the articles, through HTTP, three ways that must agree:
 * `availableActions` on the case, `GET /authz/explain?action=transition:<step>&id=` and the transition route itself
 * (403 naming the deciding rule and its article, nothing changed; 409 when the step does not apply in the state).
 */
const YEAR = 2038;

/** What a caller is, in the case at hand (its grants) and in the agreement (kind, role, chair). */
interface Part {
  slug: string;
  /** its organisation filed the case (art. 22, 23, 83: the filer withdraws) */
  filer?: boolean;
  /** the local partner the art-22 data is for (art. 22: opens access after signing the clause) */
  beneficiary?: boolean;
  /** secretariat staff (art. 22, 55: consent round, access window, brokering, closing; art. 83-84 follow-up) */
  staff?: boolean;
  /** the Kerngroep chair (art. 47, 50, 84: absences, substitutes, the proposal, closing the vote) */
  chair?: boolean;
  /** sees the case at all (else every step answers as for an unknown case) */
  reads: (state: string) => boolean;
}

const always = () => true;
const never = () => false;
const PARTS: Part[] = [
  { slug: 'secretariaat', staff: true, reads: always },
  { slug: 'voorzitter', chair: true, reads: always },
  { slug: 'mensenrechten-monitor', filer: true, reads: always }, // files for its partner; also the NGO seat
  { slug: 'kivu-mining-watch', beneficiary: true, reads: always },
  { slug: 'metaalbond', reads: always }, // unions seat
  { slug: 'branche-metaal-2@demo.ketenkluis.test', reads: always }, // deputy, member role only
  // companies seat; an art-22 request recuses nobody (art. 84), so it rules on the request, then is asked for consent
  { slug: 'staalwerk-twente', reads: always },
  { slug: 'koperwerk-zeeland', reads: never }, // a company not concerned
  { slug: 'eerlijk-erts', reads: never }, // an NGO party without a part
  { slug: 'sindicato-potosi', reads: never }, // another local partner
  { slug: 'kenniscentrum-metalen', reads: never }, // a supporter
];

/** Written from the articles, not from policies/: who may take each step (whatever the state). */
const WHO: Record<string, (p: Part, ctx: { clauseSigned: boolean; voteDecided: boolean }) => boolean> = {
  withdraw: (p) => !!p.filer, // art. 22, 23, 83
  'open-access': (p, ctx) => !!p.beneficiary && ctx.clauseSigned, // art. 22: after signing the standard clause
  'close-consent': (p) => !!p.staff, // art. 19, 22, 55
  'close-access': (p) => !!p.staff, // art. 22, 55
  'confirm-brokering': (p) => !!p.staff, // art. 22: the secretariat brings the companies into the dialogue
  'close-resolved': (p) => !!p.staff,
  'close-joint-project': (p) => !!p.staff,
  'close-no-agreement': (p) => !!p.staff,
  'end-improvement-period': (p) => !!p.staff, // art. 83-84
  close: (p) => !!p.staff,
  'record-absence': (p) => !!p.chair, // art. 47, 50
  'appoint-substitute': (p) => !!p.chair, // art. 50, 84
  propose: (p) => !!p.chair, // art. 22, 24, 50
  'close-vote': (p, ctx) => !!p.chair && ctx.voteDecided, // art. 49, 50: once every seat voted or the deadline passed
};
const CHAIR_STEPS = ['record-absence', 'appoint-substitute', 'propose', 'close-vote'];

/** Which steps apply in which state (the state machines' from-states, restated from DOMAIN.md steps 1-8 and art. 83-84). */
const APPLIES: Record<string, Record<string, string[]>> = {
  disclosure: {
    // the chair's steps are offered while the ruling is open; whether one fits (a recused seat to fill, a proposal
    // before the first vote) the step's own check answers, 409 or 400 (an art-22 request recuses nobody, art. 84)
    awaiting_ruling: ['withdraw', ...CHAIR_STEPS],
    awaiting_consent: ['withdraw', 'close-consent'],
    awaiting_access: ['withdraw', 'open-access'],
    access_open: ['close-access'],
    reported: ['confirm-brokering'],
    in_dialogue: ['confirm-brokering', 'close-resolved', 'close-joint-project', 'close-no-agreement'],
    closed_no_agreement: [],
  },
  complaint: {
    // art. 83: declared admissible or not through POST /cases/:id/admissibility, never a bare transition
    awaiting_admissibility: ['withdraw'],
    awaiting_ruling: ['withdraw', ...CHAIR_STEPS],
    improvement_period: ['end-improvement-period', 'close'],
    follow_up: ['close'],
  },
};

const policyTransitions = (): string[] => {
  const file = parse(readFileSync(join(import.meta.dirname, '../policies/cases.yaml'), 'utf8')) as { rules: Array<{ action: string | string[] }> };
  return [...new Set(file.rules.flatMap((r) => [r.action].flat()).filter((a) => a.startsWith('transition:')).map((a) => a.slice('transition:'.length)))].sort();
};

describe('policy matrix: case transitions (issue 11; art. 19, 22, 47-50, 55, 83-84)', () => {
  let t: TestApp;
  const api: Record<string, Api> = {};
  const mismatches: string[] = [];
  let checks = 0;
  const check = (label: string, ok: boolean, got: unknown) => {
    checks++;
    if (!ok) mismatches.push(`${label}: got ${JSON.stringify(got)}`);
  };
  const STEPS = policyTransitions();
  const ctx = { clauseSigned: false, voteDecided: false };

  beforeAll(async () => {
    t = await startTestApp();
    for (const p of PARTS) api[p.slug] = await as(t, p.slug);
    await uploadList(t, api['staalwerk-twente'], YEAR, ['Ruashi Pit,Mine 4,,Lubumbashi,CD,Haut-Katanga,mining,cobalt,3+,,']);
  });
  afterAll(() => t?.close());

  it('every transition in policies/cases.yaml has an expectation written from the articles', () => {
    expect(STEPS).toEqual(Object.keys(WHO).sort());
  });

  /** One state: for every caller and every transition of the policy file, the three answers agree with the articles. */
  async function matrix(type: 'disclosure' | 'complaint', caseId: string, state: string) {
    const [row] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [caseId]);
    expect(row.state).toBe(state);
    const applies = APPLIES[type][state];
    for (const p of PARTS) {
      const reads = p.reads(state);
      const view = await api[p.slug].get(`/api/v1/cases/${caseId}`);
      check(`${type}/${state} ${p.slug} reads`, reads ? view.status === 200 : [403, 404].includes(view.status), view.status);
      for (const step of STEPS) {
        const label = `${type}/${state} ${p.slug} ${step}`;
        const may = reads && WHO[step](p, ctx) && !(type === 'complaint' && step === 'open-access');
        const now = may && applies.includes(step);
        if (view.status === 200) {
          check(`${label} availableActions`, view.body.availableActions.includes(step) === now, view.body.availableActions);
        }
        const explain = await api[p.slug].get(`/api/v1/authz/explain?action=transition:${step}&subject=Case&id=${caseId}`);
        const allowed = explain.body.allowed === true;
        // explain answers "who may", whatever the state; only an open-access of the wrong case type differs.
        check(`${label} explain`, allowed === (reads && WHO[step](p, ctx)), explain.body);
        check(`${label} explain names a rule`, explain.body.decidedBy.length > 0 && explain.body.decidedBy.every((d: { article: string }) => /\d/.test(d.article)), explain.body);
        check(`${label} explain suggests no grant`, !explain.body.missing.some((m: string) => m.startsWith('grant:') || m.startsWith('fact:')), explain.body.missing);
        if (now) continue; // taking it would move the case on: the flow below takes the allowed steps
        const before = await snapshot(t, caseId);
        const res = await api[p.slug].post(`/api/v1/cases/${caseId}/transitions`, { action: step, seat: 'unions', organisationId: await orgId(t, 'vakbond-industrie'), proposal: {} });
        let expected: number[];
        if (!reads) expected = [403, 404];
        else if (!STEPS.some((s) => WHO[s](p, ctx))) expected = [403]; // no step of any kind is theirs
        else if (!applies.includes(step) && !CHAIR_STEPS.includes(step)) expected = Object.values(APPLIES[type]).flat().includes(step) ? [409] : [400];
        else if (CHAIR_STEPS.includes(step) && may) expected = [409, 400];
        else expected = [403];
        check(`${label} POST`, expected.includes(res.status), { status: res.status, body: res.body });
        if (res.status === 403 && reads) {
          check(`${label} 403 names rule and article`, Array.isArray(res.body.decidedBy) && res.body.decidedBy.length > 0 && /art\. \d/.test(res.body.message), res.body);
        }
        check(`${label} nothing changed`, (await snapshot(t, caseId)) === before, 'changed');
      }
    }
  }

  it('art-22 case: at every state, every caller and every transition', async () => {
    const filed = await api['mensenrechten-monitor'].post('/api/v1/cases', {
      type: 'disclosure', grounds: 'Flooded pits and missing safety gear reported at cobalt sites', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR }, onBehalfOf: await orgId(t, 'kivu-mining-watch'),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    await matrix('disclosure', id, 'awaiting_ruling');
    // art. 49: once the vote's deadline passed, the chair may close it (and only then); nobody else may
    await t.db.query(`UPDATE rulings SET vote_due_at = now() - interval '1 second' WHERE case_id = $1`, [id]);
    ctx.voteDecided = true;
    await matrix('disclosure', id, 'awaiting_ruling');
    await t.db.query(`UPDATE rulings SET vote_due_at = now() + interval '3 days' WHERE case_id = $1`, [id]);
    ctx.voteDecided = false;

    // art. 84: an art-22 request recuses nobody, so no substitute: the four seat holders vote, the companies seat too
    expect((await api['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'koperwerk-zeeland') })).status).toBe(409);
    const branche = await as(t, 'branche-metaal');
    for (const s of [api['metaalbond'], api['mensenrechten-monitor'], branche, api['staalwerk-twente']]) expect((await s.post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(201);
    await matrix('disclosure', id, 'awaiting_consent');

    expect((await api['staalwerk-twente'].post(`/api/v1/cases/${id}/consents`, { decision: 'approve' })).status).toBe(201);
    await matrix('disclosure', id, 'awaiting_access');
    await signDisclosureClause(api['kivu-mining-watch'], 'Amani Kivu');
    ctx.clauseSigned = true;
    await matrix('disclosure', id, 'awaiting_access');

    expect((await api['kivu-mining-watch'].post(`/api/v1/cases/${id}/transitions`, { action: 'open-access' })).status).toBe(200);
    await matrix('disclosure', id, 'access_open');

    const ref = (await entryIds(t, api['staalwerk-twente'], YEAR))['Ruashi Pit'];
    expect((await api['kivu-mining-watch'].post(`/api/v1/cases/${id}/reports`, { locationRefs: [ref], description: 'flooding' })).status).toBe(201);
    await matrix('disclosure', id, 'reported');
    expect(await confirmEachBrokered(t, api['secretariaat'], id)).toEqual(['Staalwerk Twente B.V.']);
    await matrix('disclosure', id, 'in_dialogue');
    expect((await api['secretariaat'].post(`/api/v1/cases/${id}/transitions`, { action: 'close-no-agreement' })).status).toBe(200);
    await matrix('disclosure', id, 'closed_no_agreement');
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('complaint: at every state, every caller and every transition', async () => {
    mismatches.length = 0;
    // Eerlijk Erts files about Recycling Rijnmond, which holds no seat: nobody here is recused.
    const erts = PARTS.find((p) => p.slug === 'eerlijk-erts')!;
    const monitor = PARTS.find((p) => p.slug === 'mensenrechten-monitor')!;
    Object.assign(erts, { filer: true, reads: always });
    Object.assign(monitor, { filer: false });
    // art. 83-84: the Kerngroep sees a complaint once it is declared admissible (its ruling opens then)
    const ruling = (s: string) => s !== 'awaiting_admissibility';
    for (const slug of ['metaalbond', 'branche-metaal-2@demo.ketenkluis.test', 'staalwerk-twente']) PARTS.find((p) => p.slug === slug)!.reads = ruling;
    monitor.reads = ruling; // the NGO seat; here no filer
    PARTS.find((p) => p.slug === 'kivu-mining-watch')!.reads = never; // a local partner without a part in this complaint
    const filed = await api['eerlijk-erts'].post('/api/v1/cases', { type: 'complaint', grounds: 'No progress', companyId: await orgId(t, 'recycling-rijnmond') });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    await matrix('complaint', id, 'awaiting_admissibility');
    await admitComplaint(t, id);
    await matrix('complaint', id, 'awaiting_ruling');
    const branche = await as(t, 'branche-metaal');
    for (const s of [api['metaalbond'], api['mensenrechten-monitor'], branche, api['staalwerk-twente']]) expect((await s.post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(201);
    await matrix('complaint', id, 'improvement_period');
    expect((await api['secretariaat'].post(`/api/v1/cases/${id}/transitions`, { action: 'end-improvement-period' })).status).toBe(200);
    await matrix('complaint', id, 'follow_up');
    console.log(`case transitions matrix: ${checks} checks`);
    expect(mismatches).toEqual([]);
  }, 600_000);
});
