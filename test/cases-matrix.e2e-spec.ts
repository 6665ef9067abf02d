import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, admitComplaint, as, confirmEachBrokered, entryIds, orgId, signDisclosureClause, uploadList } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The policy matrix for cases (issue 6 item 7; issue 4 "the matrix"): every organisation kind, role and Kerngroep
 * position of the demo sector × every case action × the caller's part in the case, at each phase of one art-22 case
 * and of a complaint. The expectations are written down here from the agreement, never derived from policies/.
 *
 * Parts: requester (local partner), sponsor (its NGO, also the NGO seat), Kerngroep fixed and deputy members,
 * the chair, companies concerned (in scope; the companies seat holder and its deputy, recused), the substitute,
 * a company that becomes a dialogue participant through the blind index, bystanders of every kind, a supporter,
 * another local partner, the secretariat, and a party member without admin role.
 */
const YEAR = 2036;
const DENIED = [403, 404];

type Phase = 'ruling' | 'substituted' | 'consent' | 'access' | 'dialogue' | 'closed';
const PHASES: Phase[] = ['ruling', 'substituted', 'consent', 'access', 'dialogue', 'closed'];
const from = (p: Phase) => PHASES.slice(PHASES.indexOf(p));

interface Who {
  slug: string;
  /** phases in which the caller reads the case (and finds it in GET /cases) */
  reads: Phase[];
  /** sees the full deliberation (art. 48: Kerngroep, chair, secretariat) */
  deliberation?: boolean;
  /** sees every company's consent answer (only the secretariat) */
  consents?: boolean;
  /** sees its own consent answer */
  myConsent?: boolean;
  /** takes part in the dialogue (art. 22 step 8) */
  dialogue?: boolean;
  /**
   * holds a Kerngroep seat (fixed or deputy, recused or not) or is the substitute: on a decided ruling the vote route
   * answers "no vote is open" (409); who may vote on an open ruling is tested branch by branch in kerngroep-rulings
   */
  votes?: boolean;
  /** reports findings */
  reports?: boolean;
  /** moves the case on (some transition is theirs) */
  moves?: boolean;
  /** answers consent */
  consents_?: boolean;
}

const KERNGROEP = { deliberation: true, votes: true } as const;
const CALLERS: Who[] = [
  { slug: 'secretariaat', reads: PHASES, deliberation: true, consents: true, dialogue: true, moves: true },
  { slug: 'voorzitter', reads: PHASES, deliberation: true, moves: true },
  { slug: 'kivu-mining-watch', reads: PHASES, dialogue: true, reports: true, moves: true },
  { slug: 'mensenrechten-monitor', reads: PHASES, ...KERNGROEP, dialogue: true, reports: true },
  { slug: 'metaalbond', reads: PHASES, ...KERNGROEP },
  // Art. 47: the deputies are people of the seat-holding organisations (issue 13; before, other organisations were).
  { slug: 'metaalbond-2@demo.ketenkluis.test', reads: PHASES, deliberation: true, votes: true }, // deputy: votes only when the fixed member is absent
  { slug: 'mensenrechten-monitor-2@demo.ketenkluis.test', reads: PHASES, ...KERNGROEP, dialogue: true, reports: true }, // deputy; its organisation sponsors
  { slug: 'vakbond-industrie', reads: [] }, // a union party without a seat
  { slug: 'groene-keten', reads: [] }, // an NGO party without a seat
  { slug: 'branche-metaal', reads: PHASES, ...KERNGROEP },
  { slug: 'branche-metaal-2@demo.ketenkluis.test', reads: PHASES, deliberation: true, votes: true }, // deputy, member role only
  // Issue 11 changed this rule (art. 84): an art-22 request recuses nobody, so the companies' seat holders, whose lists
  // are in scope, rule on it like every seat; before, they were recused and Metaalbouw Brabant stood in for them.
  { slug: 'staalwerk-twente', reads: PHASES, ...KERNGROEP, myConsent: true, dialogue: true, consents_: true }, // companies seat
  { slug: 'staalwerk-twente-2@demo.ketenkluis.test', reads: PHASES, ...KERNGROEP, myConsent: true, dialogue: true, consents_: true }, // deputy
  { slug: 'gieterij-de-hoop', reads: from('consent'), myConsent: true, dialogue: true, consents_: true }, // concerned, no seat
  { slug: 'metaalbouw-brabant', reads: [] }, // no substitute is appointed
  { slug: 'precisie-delft', reads: from('dialogue'), dialogue: true }, // lists the reported supplier (blind index)
  { slug: 'koperwerk-zeeland', reads: [] },
  { slug: 'eerlijk-erts', reads: [] },
  { slug: 'sindicato-potosi', reads: [] },
  { slug: 'kenniscentrum-metalen', reads: [] },
];

describe('policy matrix: cases (art. 19, 22, 40, 46-50, 84)', () => {
  let t: TestApp;
  const api: Record<string, Api> = {};
  let caseId: string;
  let reported: string;
  const mismatches: string[] = [];
  let checks = 0;
  const check = (label: string, ok: boolean, got: unknown) => {
    checks++;
    if (!ok) mismatches.push(`${label}: got ${JSON.stringify(got)}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const c of CALLERS) api[c.slug] = await as(t, c.slug);
    await uploadList(t, api['staalwerk-twente'], YEAR, ['Cobalt Co-op,Mine 1,,Kolwezi,CD,Lualaba,mining,cobalt,3+,,']);
    await uploadList(t, api['gieterij-de-hoop'], YEAR, ['Cobalt Co-op,Mine 1,,Kolwezi,CD,Lualaba,mining,cobalt,3+,,']);
    await uploadList(t, api['precisie-delft'], YEAR, ['Cobalt Co-op,Mine 1,,Kolwezi,CD,Lualaba,trading,tin,1,,']);
    reported = (await entryIds(t, api['staalwerk-twente'], YEAR))['Cobalt Co-op'];
  });
  afterAll(() => t?.close());

  async function readMatrix(phase: Phase) {
    for (const c of CALLERS) {
      const label = `${phase} ${c.slug}`;
      const res = await api[c.slug].get(`/api/v1/cases/${caseId}`);
      const reads = c.reads.includes(phase);
      check(`${label} GET case`, reads ? res.status === 200 : DENIED.includes(res.status), res.status);
      if (reads && res.status === 200) {
        check(`${label} deliberation`, (res.body.deliberation !== undefined) === !!c.deliberation, res.body.deliberation !== undefined);
        check(`${label} consents`, (res.body.consents !== undefined) === !!c.consents, res.body.consents !== undefined);
        const mine = res.body.myConsent !== undefined && res.body.myConsent !== null;
        check(`${label} myConsent`, mine === (!!c.myConsent && phase !== 'ruling' && phase !== 'substituted'), mine);
        if (!c.consents) {
          // Companies never see each other's consent; requesters never see which company consented to what.
          const others = JSON.stringify(res.body.timeline ?? []);
          check(`${label} no consent events`, !others.includes('"consent"'), others.includes('"consent"'));
        }
      }
      const list = await api[c.slug].get('/api/v1/cases');
      const listed = list.status === 200 && list.body.items.some((i: { id: string }) => i.id === caseId);
      check(`${label} GET /cases lists it`, listed === reads, { status: list.status, listed });
      const disclosed = await api[c.slug].get(`/api/v1/cases/${caseId}/disclosed-locations`);
      const sees = c.slug === 'kivu-mining-watch' && phase === 'access';
      check(`${label} disclosed-locations`, sees ? disclosed.status === 200 : DENIED.includes(disclosed.status), disclosed.status);
    }
  }

  it('art-22 case: who reads it, its deliberation, consents and disclosed entries, at every phase', async () => {
    const res = await api['kivu-mining-watch'].post('/api/v1/cases', { type: 'disclosure', grounds: 'Unsafe pits and child labour reported at cobalt sites in Kivu', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR } });
    expect(res.status).toBe(201);
    caseId = res.body.id;
    await readMatrix('ruling');

    // No seat is recused (art. 84): the chair has no substitute to appoint.
    const sub = await api['voorzitter'].post(`/api/v1/cases/${caseId}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'metaalbouw-brabant') });
    expect(sub.status).toBe(409);
    await readMatrix('substituted');

    for (const s of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
      expect((await api[s].post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(201);
    }
    await readMatrix('consent');

    expect((await api['staalwerk-twente'].post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' })).status).toBe(201);
    expect((await api['gieterij-de-hoop'].post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' })).status).toBe(201);
    await signDisclosureClause(api['kivu-mining-watch'], 'Amani Kivu');
    // The sponsor signing the clause too does not open the data to it: the data is for the local partner (art. 22).
    await signDisclosureClause(api['mensenrechten-monitor'], 'Mira Monitor');
    expect((await api['kivu-mining-watch'].post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' })).status).toBe(200);
    await readMatrix('access');

    expect((await api['kivu-mining-watch'].post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [reported], description: 'pits flooded' })).status).toBe(201);
    // Art. 22 (issue 11): the secretariat confirms each company found, one at a time.
    expect(await confirmEachBrokered(t, api['secretariaat'], caseId)).toEqual(['Gieterij De Hoop B.V.', 'Precisietechniek Delft B.V.', 'Staalwerk Twente B.V.']);
    await readMatrix('dialogue');

    expect((await api['secretariaat'].post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-no-agreement' })).status).toBe(200);
    await readMatrix('closed');
    expect(mismatches).toEqual([]);
  });

  it('art-22 case, closed: every write action — allowed callers reach the state machine (409), everyone else is refused (403/404)', async () => {
    mismatches.length = 0;
    for (const c of CALLERS) {
      const a = api[c.slug];
      const label = `closed ${c.slug}`;
      const msg = await a.post(`/api/v1/cases/${caseId}/messages`, { body: 'hello' });
      check(`${label} message`, c.dialogue ? msg.status === 409 : DENIED.includes(msg.status), msg.status);
      const vote = await a.post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
      check(`${label} vote`, c.votes ? vote.status === 409 : vote.status === 403, vote.status);
      const consent = await a.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' });
      check(`${label} consent`, c.consents_ ? consent.status === 409 : DENIED.includes(consent.status), consent.status);
      const report = await a.post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [reported], description: 'again' });
      check(`${label} report`, c.reports ? report.status === 409 : DENIED.includes(report.status), report.status);
      const move = await a.post(`/api/v1/cases/${caseId}/transitions`, { action: 'withdraw' });
      check(`${label} transition`, c.moves ? move.status === 409 : DENIED.includes(move.status), move.status);
    }
    const [c] = await t.db.query(`SELECT state, version FROM cases WHERE id = $1`, [caseId]);
    expect(c.state).toBe('closed_no_agreement');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM case_messages WHERE case_id = $1`, [caseId]))[0].n).toBe(0);
    expect(mismatches).toEqual([]);
  });

  it('GET /authz/explain says which rule and article let the caller see the case, and what is missing otherwise', async () => {
    const mine = await api['kivu-mining-watch'].get(`/api/v1/authz/explain?action=read&subject=Case&id=${caseId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.allowed).toBe(true);
    expect(mine.body.decidedBy).toContainEqual({ policy: 'cases.yaml', rule: 'requester-follows-own-case', article: '22, 23, 83' });
    const member = await api['metaalbond'].get(`/api/v1/authz/explain?action=read&subject=Case&id=${caseId}`);
    expect(member.body.decidedBy.map((d: { rule: string }) => d.rule)).toEqual(['kerngroep-rules-on-case']);
    const bystander = await api['koperwerk-zeeland'].get(`/api/v1/authz/explain?action=read&subject=Case&id=${caseId}`);
    expect(bystander.body.allowed).toBe(false);
    const partner = await api['sindicato-potosi'].get(`/api/v1/authz/explain?action=list&subject=DisclosedLocation`);
    expect(partner.body).toMatchObject({ allowed: false });
    // Issue 11: a denial names its deciding rule, and `missing` only what the caller could obtain itself (the clause it
    // may sign), never a grant such as an open access window, which is the case's state.
    expect(partner.body.missing).toEqual(['nda:disclosure']);
    expect(partner.body.decidedBy).toEqual([{ policy: 'disclosed-locations.yaml', rule: 'beneficiary-views-while-access-open', article: '19, 22' }]);
    expect(bystander.body.decidedBy.length).toBeGreaterThan(0);
    expect(bystander.body.missing).toEqual([]);
  });

  it('complaint: the complainant, the company concerned, the Kerngroep, the chair and the secretariat read it; nobody else', async () => {
    const res = await api['eerlijk-erts'].post('/api/v1/cases', { type: 'complaint', grounds: 'No progress', companyId: await orgId(t, 'koperwerk-zeeland') });
    expect(res.status).toBe(201);
    const id = res.body.id;
    await admitComplaint(t, id);
    mismatches.length = 0;
    const seats = ['metaalbond', 'metaalbond-2@demo.ketenkluis.test', 'mensenrechten-monitor', 'mensenrechten-monitor-2@demo.ketenkluis.test', 'branche-metaal',
      'branche-metaal-2@demo.ketenkluis.test', 'staalwerk-twente', 'staalwerk-twente-2@demo.ketenkluis.test'];
    const readers = new Set(['eerlijk-erts', 'koperwerk-zeeland', 'secretariaat', 'voorzitter', ...seats]);
    const kerngroep = new Set(['voorzitter', 'secretariaat', ...seats]);
    for (const c of [...CALLERS.map((x) => x.slug), 'eerlijk-erts']) {
      const a = api[c] ?? (api[c] = await as(t, c));
      const r = await a.get(`/api/v1/cases/${id}`);
      check(`complaint ${c} GET`, readers.has(c) ? r.status === 200 : DENIED.includes(r.status), r.status);
      if (r.status === 200) check(`complaint ${c} deliberation`, (r.body.deliberation !== undefined) === kerngroep.has(c), r.body.deliberation !== undefined);
    }
    // Only a party files a complaint (art. 83): not a supporter, not a local partner, not the secretariat.
    for (const c of ['kenniscentrum-metalen', 'sindicato-potosi', 'secretariaat']) {
      const r = await api[c].post('/api/v1/cases', { type: 'complaint', grounds: 'x', companyId: await orgId(t, 'koperwerk-zeeland') });
      check(`complaint filed by ${c}`, r.status === 403, r.status);
    }
    console.log(`cases policy matrix: ${checks} checks`);
    expect(mismatches).toEqual([]);
  });
});
