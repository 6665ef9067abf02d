import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, admitComplaint, as, entryIds, orgId, signDisclosureClause, until, uploadList } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Deadlines and reminders (issue 6 item 6): consent deadline, access-window end, improvement period. The clock is
 * moved by updating the deadline rows in PostgreSQL; the scheduler (SCHEDULER_POLL_MS=100 in tests) sends the
 * reminder before and acts at expiry, exactly once however many instances poll, and after a restart.
 */
const YEAR = 2035;

describe('case deadlines and the scheduler (art. 19, 22, 83-84)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let extra: TestApp | undefined;
  let kivu: Api, metaalbouw: Api, recycling: Api;
  const seats: Api[] = [];
  let caseId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    [kivu, metaalbouw, recycling] = await Promise.all(['kivu-mining-watch', 'metaalbouw-brabant', 'recycling-rijnmond'].map((s) => as(t, s)));
    for (const s of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) seats.push(await as(t, s));
    await uploadList(t, metaalbouw, YEAR, ['Katanga Ore,Mine Road 1,,Likasi,CD,Haut-Katanga,mining,copper,3+,,']);
    await uploadList(t, recycling, YEAR, ['Likasi Scrap,Depot 2,,Likasi,CD,Haut-Katanga,recycling,copper,1,,']);
  });
  afterAll(async () => {
    await extra?.close();
    await t?.close();
    await sink?.close();
  });

  const state = async (id: string) => (await t.db.query(`SELECT state FROM cases WHERE id = $1`, [id]))[0].state as string;
  const moveClock = (id: string, kind: string, column: 'remind_at' | 'due_at') =>
    t.db.query(`UPDATE case_deadlines SET ${column} = now() - interval '1 second' WHERE case_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL`, [id, kind]);
  const voteAll = async (id: string) => {
    for (const s of seats) expect((await s.post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(201);
  };

  it('consent deadline: a reminder before it to the companies that have not answered, silence at expiry', async () => {
    const res = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'An unsafe tailings dam reported above villages near Kolwezi', scope: { countries: ['CD'], rawMaterials: ['copper'], year: YEAR } });
    caseId = res.body.id;
    await voteAll(caseId);
    expect(await state(caseId)).toBe('awaiting_consent');
    const [d] = await t.db.query(`SELECT due_at, remind_at FROM case_deadlines WHERE case_id = $1 AND kind = 'consent'`, [caseId]);
    expect(new Date(d.due_at).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000); // CONSENT_DEADLINE_DAYS = 14
    expect(new Date(d.due_at).getTime() - new Date(d.remind_at).getTime()).toBe(2 * 86_400_000);

    expect((await metaalbouw.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' })).status).toBe(201);
    await moveClock(caseId, 'consent', 'remind_at');
    const reminder = await sink.waitFor((m) => m.to.includes('recycling-rijnmond@demo.ketenkluis.test') && m.subject.includes('herinnering'));
    expect(reminder.text).toContain(caseId);
    await until(async () => (await t.db.query(`SELECT reminded_at FROM case_deadlines WHERE case_id = $1 AND kind = 'consent'`, [caseId]))[0].reminded_at);
    expect(sink.messages.some((m) => m.to.includes('metaalbouw-brabant@demo.ketenkluis.test') && m.subject.includes('herinnering'))).toBe(false);
    expect(await state(caseId)).toBe('awaiting_consent');

    await moveClock(caseId, 'consent', 'due_at');
    await until(async () => (await state(caseId)) === 'awaiting_access');
    const [consent] = await t.db.query(`SELECT status FROM case_consents WHERE case_id = $1 AND company_id = $2`, [caseId, await orgId(t, 'recycling-rijnmond')]);
    expect(consent.status).toBe('silent');
    await sink.waitFor((m) => m.to.includes('kivu-mining-watch@demo.ketenkluis.test') && m.text.includes(caseId) && /clause de confidentialité/.test(m.subject)); // Kivu reads French (demo seed, issue 14 item 6)
    const [event] = await t.db.query(`SELECT actor_person_id, details FROM case_events WHERE case_id = $1 AND action = 'close-consent'`, [caseId]);
    expect(event).toMatchObject({ actor_person_id: null, details: { reason: 'consent deadline passed', silent: 1 } });
  });

  it('access window: a reminder before it ends; at its end the scheduler closes it and the requester sees nothing more', async () => {
    await signDisclosureClause(kivu, 'Amani Kivu');
    expect((await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' })).status).toBe(200);
    const seen = await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`);
    expect(seen.status).toBe(200);
    // Issue 11 (art. 19): the silent company's entry is no row, only counted; one company is below the threshold.
    expect(seen.body.items.map((e: { level: string; supplierName: string | null }) => [e.level, e.supplierName]).sort()).toEqual([['full', 'Katanga Ore']]);
    expect(seen.body.aggregated).toEqual({ minCompanies: 3, cells: [] });

    // The clause must hold on every view, not only when access opened: revoked, the data is gone; signed again, back.
    const sigs = await kivu.get('/api/v1/ndas/signatures');
    const sig = sigs.body.find((x: { kind: string; status: string }) => x.kind === 'disclosure' && x.status === 'active');
    const secretariat = await as(t, 'secretariaat');
    expect((await secretariat.post(`/api/v1/ndas/signatures/${sig.id}/revoke`, { reason: 'test' })).status).toBe(200);
    const revoked = await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`);
    expect(revoked.status).toBe(403);
    expect(revoked.body.missing).toContain('nda:disclosure');
    await signDisclosureClause(kivu, 'Amani Kivu');
    expect((await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`)).status).toBe(200);

    await moveClock(caseId, 'access-window', 'remind_at');
    await sink.waitFor((m) => m.to.includes('kivu-mining-watch@demo.ketenkluis.test') && /l’accès se ferme le/.test(m.subject));
    expect(await state(caseId)).toBe('access_open');

    await moveClock(caseId, 'access-window', 'due_at');
    await until(async () => (await state(caseId)) === 'access_closed');
    await sink.waitFor((m) => m.to.includes('kivu-mining-watch@demo.ketenkluis.test') && /fenêtre d’accès fermée/.test(m.subject));
    const after = await kivu.get(`/api/v1/cases/${caseId}/disclosed-locations`);
    // Issue 11: the local partner after its window closed is refused with the rule and article that refuse it.
    expect(after.status).toBe(403);
    expect(after.body.decidedBy).toEqual([{ policy: 'disclosed-locations.yaml', rule: 'beneficiary-views-while-access-open', article: '19, 22' }]);
    expect(after.body.message).toContain('art. 19, 22');
    expect(JSON.stringify(after.body)).not.toContain('Katanga');
    // The case itself stays visible to the requester, who may still report what it found (art. 22).
    const c = await kivu.get(`/api/v1/cases/${caseId}`);
    expect(c.body.state).toBe('access_closed');
    expect(c.body.deadlines).toEqual([]);
  });

  it('nobody in the approved scope: the consent round ends at once, without a consent deadline', async () => {
    const res = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Toxic dust reported around a copper smelter near Kitwe, Zambia', scope: { countries: ['ZM'], rawMaterials: ['copper'], year: YEAR } });
    expect(res.status).toBe(201);
    await voteAll(res.body.id);
    expect(await state(res.body.id)).toBe('awaiting_access');
    expect(await t.db.query(`SELECT kind FROM case_deadlines WHERE case_id = $1 AND kind <> 'vote'`, [res.body.id])).toEqual([]);
    const events = await t.db.query(`SELECT action FROM case_events WHERE case_id = $1 AND to_state IS NOT NULL ORDER BY id`, [res.body.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['filed', 'ruling-approved', 'close-consent']);
  });

  async function upheldComplaint(): Promise<string> {
    const res = await seats[1].post('/api/v1/cases', { type: 'complaint', grounds: 'No plan of action', companyId: await orgId(t, 'precisie-delft') });
    expect(res.status).toBe(201);
    await admitComplaint(t, res.body.id);
    await voteAll(res.body.id);
    expect(await state(res.body.id)).toBe('improvement_period');
    return res.body.id;
  }

  it('improvement period: reminder before, follow-up by the secretariat at its end', async () => {
    const id = await upheldComplaint();
    await moveClock(id, 'improvement-period', 'remind_at');
    await sink.waitFor((m) => m.to.includes('precisie-delft@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('verbetertermijn loopt af'));
    await moveClock(id, 'improvement-period', 'due_at');
    await until(async () => (await state(id)) === 'follow_up');
    await sink.waitFor((m) => m.to.includes('secretariaat@demo.ketenkluis.test') && m.text.includes(id) && m.subject.includes('verstreken'));
  });

  it('two instances polling one database act on each due deadline exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await upheldComplaint());
    extra = await startTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url } });
    await t.db.query(`UPDATE case_deadlines SET remind_at = now() - interval '1 second', due_at = now() - interval '1 second'
                       WHERE case_id = ANY($1::uuid[]) AND fired_at IS NULL AND cancelled_at IS NULL`, [ids]);
    await until(async () => (await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND state = 'follow_up'`, [ids]))[0].n === ids.length);
    await new Promise((r) => setTimeout(r, 500)); // a few more polls of both instances
    const events = await t.db.query(`SELECT case_id, count(*)::int AS n FROM case_events WHERE case_id = ANY($1::uuid[]) AND action = 'end-improvement-period' GROUP BY case_id`, [ids]);
    expect(events).toHaveLength(ids.length);
    expect(events.every((e: { n: number }) => e.n === 1)).toBe(true);
    // One mail to the company concerned and one to the secretariat per case, whatever the number of instances.
    for (const id of ids) {
      const [mails] = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE template = 'cases.improvement-ended' AND body_text LIKE $1`, [`%${id}%`]);
      expect(mails.n, id).toBe(2);
    }
  });

  it('deadlines survive a restart: a deadline that fell due while no instance ran is acted on at start', async () => {
    const id = await upheldComplaint();
    await extra!.close();
    extra = undefined;
    const url = t.databaseUrl;
    await t.close();
    // While nothing runs, the period ends.
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query(`UPDATE case_deadlines SET due_at = now() - interval '1 hour' WHERE case_id = $1 AND kind = 'improvement-period'`, [id]);
    await pg.end();
    t = await startTestApp({ databaseUrl: url, env: { SMTP_URL: sink.url } });
    await until(async () => (await state(id)) === 'follow_up');
    const [row] = await t.db.query(`SELECT fired_at IS NOT NULL AS fired, attempts FROM case_deadlines WHERE case_id = $1 AND kind = 'improvement-period'`, [id]);
    expect(row).toEqual({ fired: true, attempts: 0 });
  });
});

describe('an instance started with SCHEDULER=off leaves deadlines to the others', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER: 'off' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a due consent deadline is not acted on while only that instance runs', async () => {
    const kivu = await as(t, 'kivu-mining-watch');
    const metaalbouw = await as(t, 'metaalbouw-brabant');
    await uploadList(t, metaalbouw, YEAR, ['Katanga Ore,Mine Road 1,,Likasi,CD,Haut-Katanga,mining,copper,3+,,']);
    const res = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'An unsafe tailings dam reported above villages near Kolwezi', scope: { countries: ['CD'], rawMaterials: ['copper'], year: YEAR } });
    expect(res.status).toBe(201);
    for (const s of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
      expect((await (await as(t, s)).post(`/api/v1/cases/${res.body.id}/votes`, { vote: 'for' })).status).toBe(201);
    }
    await t.db.query(`UPDATE case_deadlines SET remind_at = now() - interval '1 second', due_at = now() - interval '1 second' WHERE case_id = $1`, [res.body.id]);
    await new Promise((r) => setTimeout(r, 1000)); // ten poll intervals of an instance that would poll
    const [c] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [res.body.id]);
    expect(c.state).toBe('awaiting_consent');
    const [d] = await t.db.query(`SELECT fired_at, reminded_at FROM case_deadlines WHERE case_id = $1 AND kind = 'consent'`, [res.body.id]);
    expect(d).toEqual({ fired_at: null, reminded_at: null });
  });
});
