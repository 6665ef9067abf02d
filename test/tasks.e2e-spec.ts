import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KERNGROEP, DEMO_PEOPLE, demoEmail } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Task {
  kind: string;
  dueAt: string | null;
  deadlineKind: string | null;
  link: string;
  caseId?: string;
  perform: { method: 'POST' | 'PUT'; path: string; action?: string; seat?: string | null; capacity?: string; companyId?: string };
  [k: string]: unknown;
}

/**
 * Issue 14, item 1: every person's to-do list, checked against the API itself — each task offered is accepted when
 * performed, and what a demo person can do appears as a task (what is not offered, the route refuses).
 */
describe('GET /api/v1/me/tasks (issue 14, item 1)', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let caseName: Map<string, string>;
  let caseOf: Record<string, string>;
  beforeAll(async () => {
    // the demo sector with its three demo cases, opened through the API as on a developer's first start
    t = await startTestApp({ database: 'empty', env: { SEED_DEMO: 'auto' } });
    const rows: Array<{ id: string; requester: string }> = await t.db.query(
      `SELECT c.id, o.slug AS requester FROM cases c JOIN organisations o ON o.id = c.requester_organisation_id`,
    );
    const label: Record<string, string> = { 'kivu-mining-watch': 'kivu', 'sindicato-potosi': 'potosi', 'koperwerk-zeeland': 'restriction' };
    caseName = new Map(rows.map((r) => [r.id, label[r.requester]]));
    caseOf = Object.fromEntries(rows.map((r) => [label[r.requester], r.id]));
  });
  afterAll(() => t?.close());

  const token = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return tokens.get(email)!;
  };
  const as = async (email: string) => {
    const bearer = `Bearer ${await token(email)}`;
    return {
      get: (path: string) => t.http().get(path).set('authorization', bearer),
      post: (path: string, body: unknown) => t.http().post(path).set('authorization', bearer).send(body as object),
    };
  };
  const tasksOf = async (email: string): Promise<Task[]> => {
    const res = await (await as(email)).get('/api/v1/me/tasks');
    expect(res.status, `${email}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items;
  };
  const brief = (x: Task) => [x.kind, x.caseId ? caseName.get(x.caseId) : undefined, x.perform.seat ?? undefined].filter(Boolean).join(' ');

  it("matches the README's demo cases: who has something to do on first sign-in", async () => {
    // written down from README "Demo cases", not computed by the code under test
    const expected: Record<string, string[]> = {
      // art. 84: an art-22 request recuses nobody, so the companies' seat votes on Potosí too
      'staalwerk-twente': ['consent kivu', 'vote potosi companies', 'vote restriction companies'],
      // deputy, the fixed member is present (art. 47); a person of a company in scope answers its consent (art. 19)
      'staalwerk-twente-2': ['consent kivu'],
      'gieterij-de-hoop': ['consent kivu'],
      'precisie-delft': ['consent kivu'],
      'metaalbouw-brabant': [],
      'recycling-rijnmond': [],
      'koperwerk-zeeland': [], // the restriction is its own; it holds no seat
      'mensenrechten-monitor': ['vote potosi ngos', 'vote restriction ngos'],
      'mensenrechten-monitor-2': [], // deputy, the fixed member is present (art. 47)
      'groene-keten': [], // holds no seat
      'eerlijk-erts': [],
      metaalbond: ['vote potosi unions', 'vote restriction unions'],
      'metaalbond-2': [], // deputy, the fixed member is present (art. 47)
      'vakbond-industrie': [],
      'branche-metaal': ['vote potosi branch_orgs', 'vote restriction branch_orgs'],
      'branche-metaal-2': [],
      'kivu-mining-watch': [],
      'sindicato-potosi': [],
      'kenniscentrum-metalen': [],
      voorzitter: [], // no seat is recused in the demo cases, so no substitute to appoint (art. 84)
      secretariaat: ['close-consent kivu'],
    };
    expect(Object.keys(expected).length).toBe(DEMO_PEOPLE.length);
    const [{ followUps }] = await t.db.query(`SELECT count(*)::int AS "followUps" FROM monitoring_follow_ups WHERE completed_at IS NULL`);
    expect(followUps).toBeGreaterThan(0);
    for (const [slug, want] of Object.entries(expected)) {
      const tasks = await tasksOf(demoEmail(slug));
      const ofCases = tasks.filter((x) => x.caseId).map(brief).sort();
      expect(ofCases, slug).toEqual([...want].sort());
      // every company still owes this year's plan of action (art. 12); the demo has none yet
      const kind = DEMO_PEOPLE.find((p) => p.email === demoEmail(slug))!;
      const isCompany = ['staalwerk-twente', 'gieterij-de-hoop', 'precisie-delft', 'metaalbouw-brabant', 'recycling-rijnmond', 'koperwerk-zeeland'].includes(kind.organisation);
      expect(tasks.filter((x) => x.kind === 'submit-plan').length, `${kind.email} plan`).toBe(isCompany ? 1 : 0);
      // every company has its list for this year in the demo: no list is due
      expect(tasks.filter((x) => x.kind === 'upload-list'), slug).toEqual([]);
      // the secretariat's follow-ups of orange and red results (art. 10-11), one task each
      expect(tasks.filter((x) => x.kind === 'complete-follow-up').length, slug).toBe(slug === 'secretariaat' ? followUps : 0);
    }
  });

  it('orders by deadline (the consent round first), each task with a link and its deadline', async () => {
    const tasks = await tasksOf(demoEmail('staalwerk-twente'));
    const consent = tasks.find((x) => x.kind === 'consent')!;
    const detail = await (await as(demoEmail('staalwerk-twente'))).get(`/api/v1/cases/${consent.caseId}`);
    expect(consent.dueAt).toBe(detail.body.nextDeadline.dueAt);
    expect(consent.deadlineKind).toBe('consent');
    expect(consent.link).toBe(`/cases/${consent.caseId}`);
    const dated = tasks.filter((x) => x.dueAt).map((x) => Date.parse(x.dueAt!));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    expect(tasks.findIndex((x) => !x.dueAt)).toBeGreaterThanOrEqual(dated.length);
    const secretariat = await tasksOf(demoEmail('secretariaat'));
    const due = secretariat.map((x) => (x.dueAt ? Date.parse(x.dueAt) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });

  it('a transition offered as a task is among the case\'s availableActions for that person', async () => {
    for (const p of DEMO_PEOPLE) {
      for (const task of (await tasksOf(p.email)).filter((x) => x.perform.action)) {
        const res = await (await as(p.email)).get(`/api/v1/cases/${task.caseId}`);
        expect(res.status).toBe(200);
        expect(res.body.availableActions, `${p.email} ${brief(task)}`).toContain(task.perform.action);
      }
    }
  });

  it('what is not offered as a vote or consent task, the route refuses (nothing a person can do is missing)', async () => {
    for (const p of DEMO_PEOPLE) {
      const tasks = await tasksOf(p.email);
      const me = await as(p.email);
      for (const [name, id] of Object.entries(caseOf)) {
        if (!tasks.some((x) => x.kind === 'vote' && x.caseId === id)) {
          const res = await me.post(`/api/v1/cases/${id}/votes`, { vote: 'abstain' });
          expect([403, 404, 409], `${p.email} may vote on ${name} without a task`).toContain(res.status);
        }
        if (!tasks.some((x) => x.kind === 'consent' && x.caseId === id)) {
          const res = await me.post(`/api/v1/cases/${id}/consents`, { decision: 'approve' });
          expect([403, 404, 409], `${p.email} may consent on ${name} without a task`).toContain(res.status);
        }
        // the chair's substitute and the secretariat's consent round: offered exactly when availableActions has them
        const seen = await me.get(`/api/v1/cases/${id}`);
        for (const action of ['appoint-substitute', 'close-consent', 'open-access', 'confirm-brokering']) {
          const offered = tasks.some((x) => x.caseId === id && x.perform.action === action);
          const available = seen.status === 200 && (seen.body.availableActions ?? []).includes(action);
          if (action === 'appoint-substitute') {
            // available while the ruling is open; a task only while a recused seat still waits for its substitute
            if (offered) expect(available, `${p.email} ${name}`).toBe(true);
            continue;
          }
          expect(offered, `${p.email} ${name} ${action}`).toBe(available);
        }
      }
    }
  });

  it('every task offered is accepted when performed, and leaves the list once done', async () => {
    // Art. 84: no demo case recuses a seat (an art-22 request recuses nobody; Koperwerk Zeeland holds no seat), so the
    // companies' seat holder asks to restrict one of its own entries: its seat is recused and the chair appoints a substitute.
    const staalwerk = await as(demoEmail('staalwerk-twente'));
    const own = await staalwerk.get(`/api/v1/production-locations?year=${new Date().getUTCFullYear()}&pageSize=1`);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const restricted = await staalwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'Naming this site would point at the workers who reported', locationIds: [own.body.items[0].id], level: 'country' });
    expect(restricted.status, JSON.stringify(restricted.body)).toBe(201);
    expect((await tasksOf(demoEmail('voorzitter'))).filter((x) => x.caseId === restricted.body.id).map((x) => [x.kind, x.perform.seat])).toEqual([['appoint-substitute', 'companies']]);
    let substituteSlug = '';
    const body = async (task: Task): Promise<unknown> => {
      switch (task.kind) {
        case 'consent':
          return { decision: 'approve' };
        case 'vote':
          return { vote: 'for' };
        case 'appoint-substitute': {
          // art. 84: another party of the recused seat's constituency, not concerned by the matter
          const [{ id, slug }] = await t.db.query(
            `SELECT o.id, o.slug FROM organisations o, rulings r
              WHERE r.case_id = $1 AND o.kind = 'company' AND o.is_party AND o.status = 'active' AND NOT (o.id = ANY(r.concerned_organisation_ids))
              ORDER BY o.slug LIMIT 1`,
            [task.caseId],
          );
          substituteSlug = slug;
          return { action: 'appoint-substitute', seat: task.perform.seat, organisationId: id };
        }
        case 'submit-plan':
          return { year: new Date().getUTCFullYear(), measures: [{ step: 2, theme: 'risk-assessment', description: 'Map the tier-2 suppliers' }] };
        case 'complete-follow-up':
          return {};
        case 'sign-nda':
        case 'renew-nda': {
          const texts = await (await as(task.signer as string)).get('/api/v1/ndas/texts');
          const text = texts.body.find((x: { kind: string }) => x.kind === task.ndaKind);
          return { kind: task.ndaKind, sha256: text.sha256, signerName: 'Demo Signer' };
        }
        default:
          return { action: task.perform.action, ...(task.perform.companyId ? { companyId: task.perform.companyId } : {}) };
      }
    };
    // The secretariat closes the consent round last: before that, the companies' answers are still asked for.
    const order = [...DEMO_PEOPLE.filter((p) => !p.email.startsWith('secretariaat')), ...DEMO_PEOPLE.filter((p) => p.email.startsWith('secretariaat'))];
    let performed = 0;
    for (const p of order) {
      const me = await as(p.email);
      for (const task of await tasksOf(p.email)) {
        const res = await me.post(task.perform.path, await body({ ...task, signer: p.email }));
        expect(res.status, `${p.email} ${brief(task)}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${p.email} ${brief(task)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
        performed++;
        const after = await tasksOf(p.email);
        expect(after.some((x) => x.kind === task.kind && x.perform.path === task.perform.path && (x.perform.seat ?? null) === (task.perform.seat ?? null)), `${p.email} ${brief(task)} still listed`).toBe(false);
      }
    }
    expect(performed).toBeGreaterThan(15);
    // art. 84: once the chair appointed a substitute for the companies' seat, its vote is its task (and it was cast
    // above, in order: the substitute's tasks were read after the chair's)
    expect(substituteSlug).not.toBe('');
    const [{ capacity }] = await t.db.query(
      `SELECT v.capacity FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id JOIN organisations o ON o.id = v.organisation_id
        WHERE r.case_id = $1 AND o.slug = $2`,
      [restricted.body.id, substituteSlug],
    );
    expect(capacity).toBe('substitute');
  });

  it('the art-22 case goes on to the dialogue by the tasks alone: open access, report, confirm, reply (art. 22)', async () => {
    const kivu = caseOf.kivu;
    const doneKinds: string[] = [];
    const bodyFor = async (email: string, task: Task): Promise<unknown> => {
      if (task.kind === 'report') {
        // the entries are the beneficiary's to see (disclosed-locations.yaml); the sponsoring party, which may file the
        // report too (cases.yaml#sponsor-reports), names what its local partner found there
        const beneficiary = demoEmail('kivu-mining-watch');
        const disclosed = await (await as(beneficiary)).get(`/api/v1/cases/${kivu}/disclosed-locations`);
        expect(disclosed.status, `${email}: ${JSON.stringify(disclosed.body)}`).toBe(200);
        return { locationRefs: [disclosed.body.items[0].id], description: 'Children seen carrying ore at the site' };
      }
      if (task.kind === 'reply') return { body: 'We will visit the site with the supplier next month.' };
      if (task.kind === 'sign-nda') {
        const text = (await (await as(email)).get('/api/v1/ndas/texts')).body.find((x: { kind: string }) => x.kind === task.ndaKind);
        return { kind: task.ndaKind, sha256: text.sha256, signerName: 'Amani Kivu' };
      }
      // confirm-brokering: one company per call, the task names it (art. 22)
      return { action: task.perform.action, ...(task.perform.companyId ? { companyId: task.perform.companyId } : {}) };
    };
    const round = async () => {
      let performed = 0;
      for (const p of DEMO_PEOPLE) {
        for (const task of (await tasksOf(p.email)).filter((x) => x.caseId === kivu)) {
          const res = await (await as(p.email)).post(task.perform.path, await bodyFor(p.email, task));
          expect(res.status, `${p.email} ${brief(task)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
          doneKinds.push(task.kind);
          performed++;
        }
      }
      return performed;
    };
    for (let i = 0; i < 5 && (await round()) > 0; i++);
    expect(doneKinds).toEqual(expect.arrayContaining(['open-access', 'report', 'confirm-brokering']));
    const [{ state }] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [kivu]);
    expect(state).toBe('in_dialogue');
    // nobody owes a reply before anyone wrote; once the requester writes, the others in the dialogue do
    const requester = demoEmail('kivu-mining-watch');
    const wrote = await (await as(requester)).post(`/api/v1/cases/${kivu}/messages`, { body: 'What will you do about it?' });
    expect(wrote.status, JSON.stringify(wrote.body)).toBe(201);
    expect((await tasksOf(requester)).some((x) => x.kind === 'reply')).toBe(false);
    const owing = [];
    for (const p of DEMO_PEOPLE) if ((await tasksOf(p.email)).some((x) => x.kind === 'reply' && x.caseId === kivu)) owing.push(p.email);
    expect(owing).toContain(demoEmail('secretariaat'));
    const replier = owing.find((e) => e !== demoEmail('secretariaat')) ?? owing[0];
    const reply = await (await as(replier)).post(`/api/v1/cases/${kivu}/messages`, { body: 'We will visit the site with the supplier next month.' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((await tasksOf(replier)).some((x) => x.kind === 'reply' && x.caseId === kivu)).toBe(false);
    expect((await tasksOf(requester)).some((x) => x.kind === 'reply' && x.caseId === kivu)).toBe(true);
  });

  it('a deputy gets the vote as a task once the chair records the fixed member absent (art. 47)', async () => {
    // art. 47: the ngos seat's deputy is a person of the seat-holding organisation, Mensenrechten Monitor
    const DEPUTY = DEMO_KERNGROEP.ngos.deputy;
    const [{ id }] = await t.db.query(
      `SELECT c.id FROM cases c JOIN rulings r ON r.case_id = c.id JOIN organisations o ON o.id = c.requester_organisation_id
        WHERE c.type = 'restriction' AND r.stage = 'kerngroep' AND o.slug = 'koperwerk-zeeland'
          AND NOT EXISTS (SELECT 1 FROM ruling_votes v WHERE v.ruling_id = r.id AND v.seat = 'ngos') LIMIT 1`,
    ).then((rows: Array<{ id: string }>) => (rows.length ? rows : [{ id: null }]));
    // the restriction case may have been voted on above (and the ngos seat with it); file a fresh one to stay independent
    let caseId = id as string | null;
    if (!caseId) {
      const koperwerk = await as(demoEmail('koperwerk-zeeland'));
      const list = await koperwerk.get(`/api/v1/production-locations?year=${new Date().getUTCFullYear()}&pageSize=1`);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const filed = await koperwerk.post('/api/v1/cases', { type: 'restriction', grounds: 'Stakeholder safety at this site', locationIds: [list.body.items[0].id], level: 'country' });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      caseId = filed.body.id;
    }
    expect((await tasksOf(DEPUTY)).some((x) => x.caseId === caseId)).toBe(false);
    const chair = await as(demoEmail('voorzitter'));
    const absent = await chair.post(`/api/v1/cases/${caseId}/transitions`, { action: 'record-absence', seat: 'ngos' });
    expect(absent.status, JSON.stringify(absent.body)).toBe(200);
    const deputy = (await tasksOf(DEPUTY)).filter((x) => x.caseId === caseId);
    expect(deputy.map((x) => [x.kind, x.perform.seat, x.perform.capacity])).toEqual([['vote', 'ngos', 'deputy']]);
    const vote = await (await as(DEPUTY)).post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
    expect(vote.status, JSON.stringify(vote.body)).toBe(201);
  });

  it('an agreement that runs out within 60 days is a task to sign it again', async () => {
    const email = demoEmail('metaalbond');
    expect((await tasksOf(email)).some((x) => x.kind === 'renew-nda')).toBe(false);
    const kind = 'company-region';
    const current = (await (await as(email)).get('/api/v1/ndas/texts')).body.find((x: { kind: string }) => x.kind === kind);
    const first = await (await as(email)).post('/api/v1/ndas/signatures', { kind, sha256: current.sha256, signerName: 'Mo Metaal' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await tasksOf(email)).some((x) => x.kind === 'renew-nda')).toBe(false);
    const sig = { id: first.body.id as string, kind };
    await t.db.query(`UPDATE nda_signatures SET expires_at = now() + interval '10 days' WHERE id = $1`, [sig.id]);
    const renew = (await tasksOf(email)).filter((x) => x.kind === 'renew-nda');
    expect(renew.map((x) => [x.ndaKind, x.deadlineKind, x.link])).toEqual([[sig.kind, 'nda-expiry', '/my']]);
    // the route accepts it: the current text, signed again
    const texts = await (await as(email)).get('/api/v1/ndas/texts');
    const text = texts.body.find((x: { kind: string }) => x.kind === sig.kind);
    const signed = await (await as(email)).post('/api/v1/ndas/signatures', { kind: sig.kind, sha256: text.sha256, signerName: 'Mo Metaal' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect((await tasksOf(email)).some((x) => x.kind === 'renew-nda')).toBe(false);
  });

  it('the read is audited with its count, naming no case (which cases a person takes part in is confidential)', async () => {
    const email = demoEmail('precisie-delft');
    const count = (await tasksOf(email)).length;
    const [entry] = await t.db.query(
      `SELECT a.details FROM audit_log a JOIN people p ON p.id = a.actor_person_id WHERE a.action = 'tasks.list' AND p.email = $1 ORDER BY a.seq DESC LIMIT 1`,
      [email],
    );
    expect(entry?.details).toMatchObject({ count });
  });

  it('without a token: 401', async () => {
    expect((await t.http().get('/api/v1/me/tasks')).status).toBe(401);
  });
});
