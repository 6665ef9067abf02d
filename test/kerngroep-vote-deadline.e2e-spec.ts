import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, type Api, as, snapshot, until } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 11, art. 49 (closing a vote), through HTTP: every vote has a deadline set when the matter goes to the vote
 * (`KERNGROEP_VOTE_DAYS`, 3 here), shown to the seats and reminded before it passes (outbox + scheduler). A Kerngroep
 * vote is decided when every seat has voted (abstaining counts as having voted) or when its deadline has passed; the
 * chair can close it only then, and the case says which seats have not voted. Before that the chair records
 * absences so the deputy votes (art. 47). The outcome counts the votes cast. The same for the assembly, where every
 * party votes, including one whose withdrawal has not yet taken effect (art. 73-75). The chair never votes (art. 50).
 * The clock is moved by updating the deadline rows; the scheduler polls every 100 ms in tests.
 */
const DAY = 86_400_000;

describe('Kerngroep vote deadlines and closing a vote (art. 47, 49, 50, 73-75)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const who: Record<string, Api> = {};
  // Art. 47: the deputies are people of the seat-holding organisations themselves (issue 13's seat history).
  const SLUGS = ['metaalbond', 'metaalbond-2@demo.ketenkluis.test', 'mensenrechten-monitor', 'mensenrechten-monitor-2@demo.ketenkluis.test', 'groene-keten',
    'eerlijk-erts', 'branche-metaal', 'staalwerk-twente', 'staalwerk-twente-2@demo.ketenkluis.test', 'koperwerk-zeeland', 'voorzitter', 'secretariaat'];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url, KERNGROEP_VOTE_DAYS: '3' } });
    for (const s of SLUGS) who[s] = await as(t, s);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const complaint = (about = 'precisie-delft') => admittedComplaint(t, who['groene-keten'], about);
  const vote = (slug: string, id: string, v: string) => who[slug].post(`/api/v1/cases/${id}/votes`, { vote: v });
  const close = (id: string) => who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'close-vote' });
  const moveClock = async (id: string, column: 'remind_at' | 'due_at') => {
    await t.db.query(`UPDATE case_deadlines SET ${column} = now() - interval '1 second' WHERE case_id = $1 AND kind = 'vote' AND fired_at IS NULL AND cancelled_at IS NULL`, [id]);
    if (column === 'due_at') await t.db.query(`UPDATE rulings SET vote_due_at = now() - interval '1 second' WHERE case_id = $1`, [id]);
  };

  it('the deadline is set when the matter goes to the vote and shown to the seats and the chair', async () => {
    const before = Date.now();
    const id = await complaint();
    for (const slug of ['metaalbond', 'metaalbond-2@demo.ketenkluis.test', 'voorzitter', 'secretariaat']) {
      const c = await who[slug].get(`/api/v1/cases/${id}`);
      expect(c.status, slug).toBe(200);
      expect(c.body.deadlines.map((d: { kind: string }) => d.kind), slug).toEqual(['vote']);
      expect(c.body.nextDeadline, slug).toEqual(c.body.deadlines[0]);
      expect(c.body.ruling.voteDueAt, slug).toBe(c.body.deadlines[0].dueAt);
      const due = Date.parse(c.body.ruling.voteDueAt);
      expect(due).toBeGreaterThanOrEqual(before + 3 * DAY - 1000);
      expect(due).toBeLessThanOrEqual(Date.now() + 3 * DAY + 1000);
    }
    // the headline minutes every party sees name the vote's deadline too (art. 48: the agenda)
    const headline = (await who['eerlijk-erts'].get('/api/v1/kerngroep/rulings')).body.items.find((h: { caseId: string }) => h.caseId === id);
    expect(headline.voteDueAt).toBeTruthy();
  });

  it('before the deadline the chair cannot close while seats have not voted; the case names them; the chair records an absence so the deputy votes', async () => {
    const id = await complaint();
    expect((await vote('metaalbond', id, 'for')).status).toBe(201);
    expect((await vote('branche-metaal', id, 'abstain')).status).toBe(201);
    const asChair = await who['voorzitter'].get(`/api/v1/cases/${id}`);
    expect(asChair.body.deliberation).toMatchObject({ notVoted: ['ngos', 'companies'], closable: false });
    const before = await snapshot(t, id);
    expect(asChair.body.availableActions).not.toContain('close-vote');
    // issue 11: the refusal is the rule's (fact vote-decided), a 403 naming it and art. 49; explain says the same
    const early = await close(id);
    expect(early.status).toBe(403);
    expect(early.body.decidedBy).toEqual([{ policy: 'cases.yaml', rule: 'chair-closes-vote', article: '49, 50' }]);
    expect(early.body.message).toMatch(/art\. 49/);
    const why = await who['voorzitter'].get(`/api/v1/authz/explain?action=transition:close-vote&subject=Case&id=${id}`);
    expect(why.body).toEqual({ allowed: false, decidedBy: [{ policy: 'cases.yaml', rule: 'chair-closes-vote', article: '49, 50' }], missing: [] });
    expect(await snapshot(t, id)).toBe(before);
    // art. 47: the deputy votes once the chair recorded the fixed member absent
    expect((await vote('mensenrechten-monitor-2@demo.ketenkluis.test', id, 'for')).status).toBe(403);
    expect((await who['voorzitter'].post(`/api/v1/cases/${id}/transitions`, { action: 'record-absence', seat: 'ngos' })).status).toBe(200);
    expect((await vote('mensenrechten-monitor-2@demo.ketenkluis.test', id, 'for')).body).toMatchObject({ status: 'recorded', seat: 'ngos', capacity: 'deputy' });
    expect((await who['metaalbond'].get(`/api/v1/cases/${id}`)).body.deliberation.notVoted).toEqual(['companies']);
    // an abstention counts as having voted: the fourth seat's abstention decides it, 2-0 on the votes cast
    const last = await vote('staalwerk-twente', id, 'abstain');
    expect(last.body).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'majority' });
    const decided = await who['voorzitter'].get(`/api/v1/cases/${id}`);
    expect(decided.body.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('vote');
    expect(decided.body.ruling.voteDueAt).toBeNull();
  });

  it('the chair has no vote (art. 50): the refusal names the article', async () => {
    const id = await complaint();
    const res = await vote('voorzitter', id, 'for');
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/art\. 50/);
  });

  it('a reminder before the deadline goes to the holders of the seats that have not voted, once', async () => {
    const id = await complaint();
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'for');
    await moveClock(id, 'remind_at');
    const reminder = await sink.waitFor((m) => m.to.includes('staalwerk-twente@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('herinnering'));
    expect(reminder.subject).toContain('stem');
    await sink.waitFor((m) => m.to.includes('staalwerk-twente-2@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('herinnering')); // the deputy too
    await sink.waitFor((m) => m.to.includes('branche-metaal@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('herinnering'));
    await until(async () => (await t.db.query(`SELECT reminded_at FROM case_deadlines WHERE case_id = $1 AND kind = 'vote'`, [id]))[0].reminded_at);
    const reminded = (slug: string) => sink.messages.filter((m) => m.to.includes(`${slug}@demo.ketenkluis.test`) && m.text.includes(id) && m.subject.includes('herinnering'));
    expect(reminded('metaalbond')).toEqual([]); // voted already
    expect(reminded('mensenrechten-monitor')).toEqual([]);
    expect(reminded('mensenrechten-monitor-2')).toEqual([]); // the deputy of a seat that voted
    expect(reminded('staalwerk-twente')).toHaveLength(1);
  });

  it('once the deadline passed the chair is told, the case says it can be closed, and closing counts the votes cast', async () => {
    const id = await complaint();
    await vote('metaalbond', id, 'for');
    await vote('mensenrechten-monitor', id, 'against');
    await vote('branche-metaal', id, 'for');
    await moveClock(id, 'due_at');
    const passed = await sink.waitFor((m) => m.to.includes('voorzitter@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('stemtermijn'));
    expect(passed.text).toContain('art. 49');
    const passedView = (await who['voorzitter'].get(`/api/v1/cases/${id}`)).body;
    expect(passedView.deliberation).toMatchObject({ notVoted: ['companies'], closable: true });
    expect(passedView.availableActions).toContain('close-vote');
    const why = await who['voorzitter'].get(`/api/v1/authz/explain?action=transition:close-vote&subject=Case&id=${id}`);
    expect(why.body).toMatchObject({ allowed: true, decidedBy: [{ policy: 'cases.yaml', rule: 'chair-closes-vote', article: '49, 50' }] });
    const closed = await close(id);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.ruling).toMatchObject({ stage: 'decided', outcome: 'approved', basis: 'majority' });
    const minutes = await who['secretariaat'].get(`/api/v1/cases/${id}`);
    expect(minutes.body.deliberation.tally.kerngroep).toEqual({ for: 2, against: 1, abstain: 0 });
  });

  it('the assembly gets its own deadline; every party votes until it passes, a withdrawing party included (art. 73-75)', async () => {
    // Koperwerk Zeeland announced its withdrawal, which has not yet taken effect: it is still a party.
    await t.db.query(`UPDATE organisations SET status = 'withdrawing' WHERE slug = 'koperwerk-zeeland'`);
    try {
      const id = await complaint();
      for (const [slug, v] of [['metaalbond', 'for'], ['mensenrechten-monitor', 'for'], ['branche-metaal', 'against'], ['staalwerk-twente', 'against']]) await vote(slug, id, v);
      const escalated = await who['voorzitter'].get(`/api/v1/cases/${id}`);
      expect(escalated.body.ruling.stage).toBe('assembly');
      expect(escalated.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['vote']);
      expect(Date.parse(escalated.body.ruling.voteDueAt)).toBeGreaterThan(Date.parse(escalated.body.ruling.escalatedAt) + 3 * DAY - 1000);
      expect(escalated.body.deliberation.partiesNotVoted).toBeGreaterThan(5);
      const withdrawing = await vote('koperwerk-zeeland', id, 'for');
      expect(withdrawing.status, JSON.stringify(withdrawing.body)).toBe(201);
      await vote('eerlijk-erts', id, 'against');
      // the chair cannot cut the assembly's vote short
      const early = await close(id);
      expect(early.status).toBe(403);
      expect(early.body.message).toMatch(/art\. 49/);
      await moveClock(id, 'due_at');
      const closed = await close(id);
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(closed.body.ruling).toMatchObject({ stage: 'decided', basis: 'assembly', outcome: 'rejected' }); // 1-1: no majority for it
    } finally {
      await t.db.query(`UPDATE organisations SET status = 'active' WHERE slug = 'koperwerk-zeeland'`);
    }
  });
});
