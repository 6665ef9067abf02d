import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, admitComplaint, as, orgId } from './support/cases-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Concurrency (issue 6 item 1): every transition and vote on a case locks its row (SELECT … FOR UPDATE) and the
 * unique index allows one vote per seat, so 50 concurrent requests on one case give one consistent outcome.
 */
describe('50 concurrent votes and transitions on one case (art. 49)', () => {
  let t: TestApp;
  let ngo: Api, secretariat: Api;
  const seats: Record<string, Api> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ngo = await as(t, 'groene-keten');
    secretariat = await as(t, 'secretariaat');
    for (const [seat, slug] of [['unions', 'metaalbond'], ['ngos', 'mensenrechten-monitor'], ['branch_orgs', 'branche-metaal'], ['companies', 'staalwerk-twente']]) {
      seats[seat] = await as(t, slug);
    }
  });
  afterAll(() => t?.close());

  async function complaint(): Promise<string> {
    const res = await ngo.post('/api/v1/cases', { type: 'complaint', grounds: 'No progress', companyId: await orgId(t, 'precisie-delft') });
    expect(res.status).toBe(201);
    await admitComplaint(t, res.body.id);
    return res.body.id;
  }

  /** The timeline's transitions form one chain from the initial state, and the version counts every change. */
  async function assertConsistentChain(id: string) {
    const events: Array<{ action: string; from_state: string | null; to_state: string | null }> = await t.db.query(
      `SELECT action, from_state, to_state FROM case_events WHERE case_id = $1 AND to_state IS NOT NULL ORDER BY id`, [id]);
    let current: string | null = null;
    for (const e of events) {
      if (current !== null) expect(e.from_state, JSON.stringify(events)).toBe(current);
      current = e.to_state;
    }
    const [c] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [id]);
    expect(c.state).toBe(current);
    return events;
  }

  it('50 concurrent votes from the four seats: exactly one vote per seat, one decision, the case moved on once', async () => {
    const id = await complaint();
    const order = ['unions', 'ngos', 'branch_orgs', 'companies'];
    // Each seat sends the same choice every time (a 3-1 majority whatever the order): a varying choice could tie 2-2
    // and escalate, after which the same people legitimately vote again, once per party, in the assembly.
    const choice: Record<string, string> = { unions: 'for', ngos: 'for', branch_orgs: 'against', companies: 'for' };
    const requests = Array.from({ length: 50 }, (_, i) => {
      const seat = order[i % 4];
      return seats[seat].post(`/api/v1/cases/${id}/votes`, { vote: choice[seat] });
    });
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s === 409)).toHaveLength(46);
    expect(responses.filter((r) => r.status === 201 && r.body.status === 'decided')).toHaveLength(1);

    const votes: Array<{ seat: string; vote: string }> = await t.db.query(
      `SELECT v.seat, v.vote FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE r.case_id = $1`, [id]);
    expect(votes.map((v) => v.seat).sort()).toEqual([...order].sort());
    expect(votes.every((v) => v.vote === choice[v.seat])).toBe(true);
    const forCount = votes.filter((v) => v.vote === 'for').length;
    const against = votes.length - forCount;
    const [ruling] = await t.db.query(`SELECT stage, outcome, basis, tally FROM rulings WHERE case_id = $1`, [id]);
    // The recorded outcome is what the recorded votes decide (decision-rule.ts), nothing else.
    if (forCount === against) expect(ruling.stage).toBe('assembly');
    else {
      expect(ruling.outcome).toBe(forCount > against ? 'approved' : 'rejected');
      expect(ruling.basis).toBe(forCount === 4 || against === 4 ? 'consensus' : 'majority');
      expect(ruling.tally.kerngroep).toMatchObject({ for: forCount, against });
    }
    const events = await assertConsistentChain(id);
    expect(events.filter((e) => e.action.startsWith('ruling-'))).toHaveLength(ruling.outcome ? 1 : 0);
    const [{ n: deadlines }] = await t.db.query(`SELECT count(*)::int AS n FROM case_deadlines WHERE case_id = $1 AND kind <> 'vote'`, [id]);
    expect(deadlines).toBe(ruling.outcome === 'approved' ? 1 : 0);
    const [{ n: audits }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'kerngroep.vote'`, [id]);
    expect(audits).toBe(4);
  });

  it('50 concurrent votes that tie 2-2: one escalation, then at most one assembly vote per party', async () => {
    const id = await complaint();
    const order = ['unions', 'ngos', 'branch_orgs', 'companies'];
    const choice: Record<string, string> = { unions: 'for', ngos: 'against', branch_orgs: 'for', companies: 'against' };
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => seats[order[i % 4]].post(`/api/v1/cases/${id}/votes`, { vote: choice[order[i % 4]] })));
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const rows: Array<{ stage: string; seat: string | null; organisation_id: string }> = await t.db.query(
      `SELECT v.stage, v.seat, v.organisation_id FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE r.case_id = $1`, [id]);
    expect(rows.filter((r) => r.stage === 'kerngroep').map((r) => r.seat).sort()).toEqual([...order].sort());
    const assembly = rows.filter((r) => r.stage === 'assembly').map((r) => r.organisation_id);
    expect(new Set(assembly).size).toBe(assembly.length);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(rows.length);
    expect(responses.filter((r) => r.body.status === 'escalated')).toHaveLength(1);
    const [ruling] = await t.db.query(`SELECT stage, tally FROM rulings WHERE case_id = $1`, [id]);
    expect(ruling.stage).toBe('assembly'); // eleven parties; four voted at most
    expect(ruling.tally.kerngroep).toMatchObject({ for: 2, against: 2 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND action = 'ruling.escalated'`, [id]);
    expect(n).toBe(1);
  });

  it('50 concurrent withdrawals: one applies, 49 answer 409, one event and one audit entry', async () => {
    const id = await complaint();
    const responses = await Promise.all(Array.from({ length: 50 }, () => ngo.post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw' })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(49);
    const events = await assertConsistentChain(id);
    // art. 83: the complaint was declared admissible before it went before the Kerngroep
    expect(events.map((e) => e.action)).toEqual(['filed', 'declare-admissible', 'withdraw']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'cases.transition'`, [id]);
    expect(n).toBe(1);
    const [c] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [id]);
    expect(c.version).toBe(3);
  });

  it('50 concurrent mixed moves (end the improvement period / close) and votes on a decided case: one consistent chain', async () => {
    const id = await complaint();
    for (const seat of Object.values(seats)) await seat.post(`/api/v1/cases/${id}/votes`, { vote: 'for' });
    const [{ version: before }] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [id]);
    const requests = Array.from({ length: 50 }, (_, i) =>
      i % 5 === 4
        ? seats.unions.post(`/api/v1/cases/${id}/votes`, { vote: 'against' })
        : secretariat.post(`/api/v1/cases/${id}/transitions`, { action: i % 2 === 0 ? 'end-improvement-period' : 'close' }),
    );
    const responses = await Promise.all(requests);
    const ok = responses.filter((r) => r.status === 200);
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(2);
    const events = await assertConsistentChain(id);
    const moves = events.slice(events.findIndex((e) => e.to_state === 'improvement_period') + 1);
    expect(moves).toHaveLength(ok.length);
    expect(moves.at(-1)!.to_state).toBe('closed');
    const [{ version }] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [id]);
    expect(version).toBe(before + ok.length);
    const [{ n: votes }] = await t.db.query(`SELECT count(*)::int AS n FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE r.case_id = $1`, [id]);
    expect(votes).toBe(4);
  });

  it('a stale version answers 409 and changes nothing (optimistic check on top of the lock)', async () => {
    const id = await complaint();
    const [{ version }] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [id]);
    const stale = await ngo.post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw', version: version + 1 });
    expect(stale.status).toBe(409);
    expect((await t.db.query(`SELECT state FROM cases WHERE id = $1`, [id]))[0].state).toBe('awaiting_ruling');
    // An action a complaint does not have is bad input naming the field; one that exists but not now is 409.
    const unknown = await ngo.post(`/api/v1/cases/${id}/transitions`, { action: 'open-access' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('action');
    expect((await secretariat.post(`/api/v1/cases/${id}/transitions`, { action: 'close' })).status).toBe(409);
    expect((await t.db.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version).toBe(version);
    const ok = await ngo.post(`/api/v1/cases/${id}/transitions`, { action: 'withdraw', version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
