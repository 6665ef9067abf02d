import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, type Api, as, orgId, snapshot } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every branch of the Kerngroep decision rule through HTTP (art. 46-50, 84; decision-rule.ts), on complaints
 * (art. 83-84): consensus, 3-1, 2-1 with an abstention, 2-2 escalated to the Sectormodule Vergadering and decided
 * there by majority, the chair and supporters who cannot vote, a recused member and its substitute, the deputy when
 * the fixed member is absent, and the double vote.
 */
describe('Kerngroep rulings through HTTP (art. 46-50, 83-84)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const who: Record<string, Api> = {};
  const SLUGS = ['metaalbond', 'vakbond-industrie', 'mensenrechten-monitor', 'groene-keten', 'eerlijk-erts', 'branche-metaal', 'staalwerk-twente',
    'gieterij-de-hoop', 'metaalbouw-brabant', 'recycling-rijnmond', 'precisie-delft', 'koperwerk-zeeland', 'voorzitter', 'secretariaat',
    'kenniscentrum-metalen', 'kivu-mining-watch', 'metaalbond-2@demo.ketenkluis.test', 'mensenrechten-monitor-2@demo.ketenkluis.test',
    'staalwerk-twente-2@demo.ketenkluis.test'];
  // The deputies, people of the seat-holding organisation (art. 47).
  const DEPUTY = { unions: 'metaalbond-2@demo.ketenkluis.test', ngos: 'mensenrechten-monitor-2@demo.ketenkluis.test', companies: 'staalwerk-twente-2@demo.ketenkluis.test' } as const;
  // The fixed representatives of the four seats (demo sector, art. 46-47).
  const FIXED = { unions: 'metaalbond', ngos: 'mensenrechten-monitor', branch_orgs: 'branche-metaal', companies: 'staalwerk-twente' } as const;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    for (const s of SLUGS) who[s] = await as(t, s);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A party complains about a participating company's lack of progress (art. 83). */
  const complaint = (about: string, by = 'groene-keten') => admittedComplaint(t, who[by], about);
  const vote = (slug: string, id: string, v: string) => who[slug].post(`/api/v1/cases/${id}/votes`, { vote: v });
  const state = async (id: string) => (await t.db.query(`SELECT c.state, r.stage, r.outcome, r.basis FROM cases c JOIN rulings r ON r.case_id = c.id WHERE c.id = $1`, [id]))[0];

  it('consensus: all four seats for → approved on consensus; the complaint gets its improvement period; parties are mailed', async () => {
    const id = await complaint('precisie-delft');
    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal']) expect((await vote(slug, id, 'for')).body.status).toBe('recorded');
    const last = await vote('staalwerk-twente', id, 'for');
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'consensus', seat: 'companies', capacity: 'fixed' });
    expect(await state(id)).toEqual({ state: 'improvement_period', stage: 'decided', outcome: 'approved', basis: 'consensus' });
    const c = await who['secretariaat'].get(`/api/v1/cases/${id}`);
    expect(c.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['improvement-period']);
    await sink.waitFor((m) => m.to.includes('precisie-delft@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('besluit'));
    await sink.waitFor((m) => m.to.includes('groene-keten@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('besluit'));
  });

  it('3-1: a majority of the votes cast approves', async () => {
    const id = await complaint('precisie-delft');
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'for');
    await vote('branche-metaal', id, 'against');
    const last = await vote('staalwerk-twente', id, 'for');
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'majority' });
    const minutes = await who['secretariaat'].get(`/api/v1/cases/${id}`);
    expect(minutes.body.deliberation.tally.kerngroep).toEqual({ for: 3, against: 1, abstain: 0 });
  });

  it('1-3: a majority against rejects; the complaint is dismissed', async () => {
    const id = await complaint('precisie-delft');
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'against');
    await vote('branche-metaal', id, 'against');
    const last = await vote('staalwerk-twente', id, 'against');
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'rejected', basis: 'majority' });
    expect((await state(id)).state).toBe('dismissed');
  });

  it('2-1 with an abstention: the abstention is no vote cast; the majority of 2-1 approves', async () => {
    const id = await complaint('precisie-delft');
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'abstain');
    await vote('branche-metaal', id, 'for');
    const last = await vote('staalwerk-twente', id, 'against');
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'majority' });
    const minutes = await who['metaalbond'].get(`/api/v1/cases/${id}`);
    expect(minutes.body.deliberation.tally.kerngroep).toEqual({ for: 2, against: 1, abstain: 1 });
  });

  it('2-2: no majority → the Sectormodule Vergadering; every party votes once, majority decides; not supporters, the chair or local partners', async () => {
    const id = await complaint('precisie-delft');
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'against');
    await vote('branche-metaal', id, 'for');
    const last = await vote('staalwerk-twente', id, 'against');
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ status: 'escalated' });
    expect(await state(id)).toMatchObject({ state: 'awaiting_ruling', stage: 'assembly', outcome: null });
    // Every party is called to the assembly by mail (art. 49), the concerned company not (art. 84).
    await sink.waitFor((m) => m.to.includes('eerlijk-erts@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('Sectormodule'));
    expect(sink.messages.some((m) => m.to.includes('precisie-delft@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('Sectormodule'))).toBe(false);
    // Headline minutes (art. 48) show the escalation, not the votes.
    const headline = (await who['eerlijk-erts'].get('/api/v1/kerngroep/rulings')).body.items.find((h: { caseId: string }) => h.caseId === id);
    expect(headline).toMatchObject({ stage: 'assembly', escalated: true });
    expect(headline.tally).toBeUndefined();

    for (const [slug, status] of [['kenniscentrum-metalen', 403], ['voorzitter', 403], ['kivu-mining-watch', 403], ['precisie-delft', 403]] as const) {
      const before = await snapshot(t, id);
      expect((await vote(slug, id, 'for')).status, slug).toBe(status);
      expect(await snapshot(t, id)).toBe(before);
    }
    // A party called to the assembly sees the matter it votes on (which company), not the Kerngroep's deliberation.
    const matter = await who['eerlijk-erts'].get(`/api/v1/cases/${id}`);
    expect(matter.status).toBe(200);
    expect(matter.body.subjectCompany.name).toBe('Precisietechniek Delft B.V.');
    expect(matter.body.deliberation).toBeUndefined();
    expect(matter.body.timeline).toBeUndefined();
    expect(matter.body.myVote).toBeNull(); // not voted yet
    // Eleven parties may vote (twelve minus the company concerned); six for, five against.
    const ballot: Array<[string, string]> = [
      ['metaalbond', 'for'], ['vakbond-industrie', 'for'], ['mensenrechten-monitor', 'for'], ['groene-keten', 'for'], ['eerlijk-erts', 'for'],
      ['branche-metaal', 'against'], ['staalwerk-twente', 'against'], ['gieterij-de-hoop', 'against'], ['metaalbouw-brabant', 'against'],
      ['recycling-rijnmond', 'against'],
    ];
    for (const [slug, v] of ballot) {
      const r = await vote(slug, id, v);
      expect(r.status, `${slug} ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body).toMatchObject({ status: 'recorded', capacity: 'party' });
    }
    expect((await vote('metaalbond', id, 'against')).status).toBe(409); // one vote per party
    // ...and the party sees its organisation's vote, though not the deliberation (so no second ballot is offered)
    const voted = await who['eerlijk-erts'].get(`/api/v1/cases/${id}`);
    expect(voted.body.myVote).toMatchObject({ stage: 'assembly', vote: 'for' });
    expect(voted.body.deliberation).toBeUndefined();
    expect((await who['precisie-delft'].get(`/api/v1/cases/${id}`)).body.myVote).toBeUndefined(); // the company concerned
    const decisive = await vote('koperwerk-zeeland', id, 'for');
    expect(decisive.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'assembly' });
    expect(await state(id)).toEqual({ state: 'improvement_period', stage: 'decided', outcome: 'approved', basis: 'assembly' });
    const minutes = await who['secretariaat'].get(`/api/v1/cases/${id}`);
    expect(minutes.body.deliberation.tally).toMatchObject({ kerngroep: { for: 2, against: 2 }, assembly: { for: 6, against: 5 } });
  });

  // Issue 11 changed this rule (art. 49): the chair closes the assembly's vote only once every party voted or its
  // deadline passed; before, the chair could close it at any time. The deadline is moved into the past here.
  it('2-2 and the chair closes the assembly vote at its deadline: a tie there is no majority for the proposal: rejected', async () => {
    const id = await complaint('precisie-delft');
    for (const [slug, v] of [['metaalbond', 'for'], ['mensenrechten-monitor', 'for'], ['branche-metaal', 'against'], ['staalwerk-twente', 'against']]) await vote(slug, id, v);
    await vote('eerlijk-erts', id, 'for');
    await vote('gieterij-de-hoop', id, 'against');
    expect((await who['secretariaat'].post(`/api/v1/cases/${id}/transitions`, { action: 'close-vote' })).status).toBe(403);
    const early = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'close-vote' });
    expect(early.status).toBe(403);
    expect(early.body.decidedBy).toEqual([{ policy: 'cases.yaml', rule: 'chair-closes-vote', article: '49, 50' }]);
    expect(early.body.message).toMatch(/art\. 49/);
    await t.db.query(`UPDATE rulings SET vote_due_at = now() - interval '1 minute' WHERE case_id = $1`, [id]);
    const close = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'close-vote', reasons: 'assembly of 2026-11-26' });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    expect(close.body.ruling).toMatchObject({ outcome: 'rejected', basis: 'assembly' });
    expect(close.body.state).toBe('dismissed');
  });

  it('the chair has no vote; a supporter and a non-member party have none in the Kerngroep; double vote → 409', async () => {
    const id = await complaint('precisie-delft');
    // Issue 11, section 2: a party that is no Kerngroep member may not see the complaint, so its vote answers the same
    // 404 as an unknown case would — since issue 13 that includes Vakbond Industrie, which holds no seat any more
    // (the unions seat and its deputy are Metaalbond's). Those who see it, and callers no rule lets vote at all (a
    // supporter, a local partner), are refused with 403.
    const unknown = await vote('eerlijk-erts', '00000000-0000-4000-8000-000000000001', 'for');
    expect(unknown.status).toBe(404);
    const refused = { voorzitter: 403, 'kenniscentrum-metalen': 403, 'eerlijk-erts': 404, 'vakbond-industrie': 404, secretariaat: 403, 'kivu-mining-watch': 403 };
    for (const [slug, status] of Object.entries(refused)) {
      const before = await snapshot(t, id);
      const r = await vote(slug, id, 'for');
      expect(r.status, slug).toBe(status);
      if (status === 404) expect(r.text, slug).toBe(unknown.text);
      expect(await snapshot(t, id)).toBe(before);
    }
    // Art. 50: the chair's vote is refused by the deny rule itself, not merely for want of a seat.
    const chair = await vote('voorzitter', id, 'for');
    expect(chair.body.decidedBy).toEqual([{ policy: 'cases.yaml', rule: 'chair-has-no-vote', article: '50' }]);
    expect((await vote('metaalbond', id, 'for')).status).toBe(201);
    const before = await snapshot(t, id);
    const again = await vote('metaalbond', id, 'against');
    expect(again.status).toBe(409);
    expect(await snapshot(t, id)).toBe(before);
    // The deputy cannot vote for a seat whose fixed member is present.
    expect((await vote(DEPUTY.unions, id, 'for')).status).toBe(403);
  });

  it('deputy: the chair records the fixed member absent, the deputy votes for the seat (art. 47)', async () => {
    const id = await complaint('precisie-delft');
    expect((await vote(DEPUTY.ngos, id, 'for')).status).toBe(403);
    const absent = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'record-absence', seat: 'ngos' });
    expect(absent.status, JSON.stringify(absent.body)).toBe(200);
    // Only the chair records absences.
    expect((await who['metaalbond'].post(`/api/v1/cases/${id}/transitions`, { action: 'record-absence', seat: 'unions' })).status).toBe(403);
    const deputy = await vote(DEPUTY.ngos, id, 'for');
    expect(deputy.status).toBe(201);
    expect(deputy.body).toMatchObject({ seat: 'ngos', capacity: 'deputy' });
    expect((await vote('mensenrechten-monitor', id, 'for')).status).toBe(409); // the seat has voted
    await vote('metaalbond', id, 'for');
    await vote('branche-metaal', id, 'for');
    expect((await vote('staalwerk-twente', id, 'for')).body).toMatchObject({ outcome: 'approved', basis: 'consensus' });
    const minutes = await who['metaalbond'].get(`/api/v1/cases/${id}`);
    expect(minutes.body.deliberation.votes.find((v: { seat: string }) => v.seat === 'ngos')).toMatchObject({ capacity: 'deputy', organisation: 'Stichting Mensenrechten Monitor' });
  });

  it('recusal: a complaint about the companies seat holder; neither it nor the deputy votes until the chair appoints a substitute (art. 84)', async () => {
    const id = await complaint(FIXED.companies);
    // The recused organisation neither votes nor sees the deliberation.
    expect((await vote('staalwerk-twente', id, 'for')).status).toBe(403);
    const recused = await who['staalwerk-twente'].get(`/api/v1/cases/${id}`);
    expect(recused.status).toBe(200); // it is the company the complaint is about …
    expect(recused.body.deliberation).toBeUndefined(); // … but sees no deliberation
    expect((await vote(DEPUTY.companies, id, 'for')).status).toBe(403); // the seat awaits its substitute
    // The chair appoints another party of the same constituency, never the concerned one or another constituency.
    const wrong = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'eerlijk-erts') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('organisationId');
    const notRecused = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'appoint-substitute', seat: 'unions', organisationId: await orgId(t, 'vakbond-industrie') });
    expect(notRecused.status).toBe(409);
    const ok = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'appoint-substitute', seat: 'companies', organisationId: await orgId(t, 'koperwerk-zeeland') });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await sink.waitFor((m) => m.to.includes('koperwerk-zeeland@demo.ketenkluis.test') && m.text.includes(id));
    // The substitute now sees the matter and votes for the seat.
    expect((await who['koperwerk-zeeland'].get(`/api/v1/cases/${id}`)).body.deliberation).toBeDefined();
    const sub = await vote('koperwerk-zeeland', id, 'against');
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ seat: 'companies', capacity: 'substitute' });
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'for');
    expect((await vote('branche-metaal', id, 'for')).body).toMatchObject({ outcome: 'approved', basis: 'majority' });
  });

  it('the proposal changes only before the first vote; a decided ruling takes no vote and no chair action (409, nothing changed)', async () => {
    const id = await complaint('precisie-delft');
    const p = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'propose', proposal: { improvementPeriodDays: 60 } });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const bad = await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'propose', proposal: { improvementPeriodDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('proposal.improvementPeriodDays');
    for (const slug of Object.values(FIXED)) await vote(slug, id, 'for');
    const before = await snapshot(t, id);
    expect((await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'propose', proposal: { improvementPeriodDays: 30 } })).status).toBe(409);
    expect((await vote(DEPUTY.ngos, id, 'for')).status).toBe(409);
    expect((await who['groene-keten'].post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw' })).status).toBe(409);
    expect(await snapshot(t, id)).toBe(before);
    const [d] = await t.db.query(`SELECT due_at - now() AS left FROM case_deadlines WHERE case_id = $1 AND kind = 'improvement-period'`, [id]);
    expect(d.left.days).toBeGreaterThanOrEqual(59);
  });
});
