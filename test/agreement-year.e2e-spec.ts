import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, email, orgId, until, uploadList } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The agreement's year (issue 15, items 1-2) through HTTP on the real app, PostgreSQL and a real SMTP server.
 * The calendar comes from the configuration (2025-10-16 to 2029-12-31, lists due 30 June, reminders 30 days ahead);
 * the clock is moved by updating a deadline's `remind_at` / `due_at` in PostgreSQL, never by sleeping for it.
 */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Deadline { companyId: string; companyName: string; kind: string; period: string; dueOn: string; remindOn: string; state: string }

describe("the agreement's year: calendar, reminders, overdue states (art. 9-10, 17-18, 66-67)", () => {
  let sink: SmtpSink;
  let t: TestApp;
  let extra: TestApp | undefined;
  let secretariat: Api;
  let staalwerk: Api;
  let gieterij: Api;
  let ngo: Api;
  let staalwerkId: string;
  let gieterijId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url, LIST_REMINDER_DAYS: '30', MONITORING_REMINDER_DAYS: '21' } });
    secretariat = await as(t, 'secretariaat');
    staalwerk = await as(t, 'staalwerk-twente');
    gieterij = await as(t, 'gieterij-de-hoop');
    ngo = await as(t, 'mensenrechten-monitor');
    staalwerkId = await orgId(t, 'staalwerk-twente');
    gieterijId = await orgId(t, 'gieterij-de-hoop');
    // the scheduler brings every company's deadlines in line with the calendar on its first poll
    await until(async () => (await t.db.query(`SELECT count(*)::int AS n FROM company_deadlines WHERE company_id = $1`, [staalwerkId]))[0].n > 0);
  });
  afterAll(async () => {
    await extra?.close();
    await t?.close();
    await sink?.close();
  });

  const people = async (companyId: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM people WHERE organisation_id = $1 AND disabled_at IS NULL`, [companyId]))[0].n as number;
  const outbox = async (template: string, companyId: string) =>
    (await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE template = $1 AND to_address IN (SELECT email FROM people WHERE organisation_id = $2)`,
      [template, companyId],
    ))[0].n as number;
  /** Moves the clock for one deadline: its reminder day reached, or its due day passed. */
  const move = (companyId: string, kind: string, period: string, to: 'reminder' | 'past') =>
    t.db.query(
      to === 'reminder'
        ? `UPDATE company_deadlines SET remind_at = now() - interval '1 second', due_at = now() + interval '10 days' WHERE company_id = $1 AND kind = $2 AND period = $3`
        : `UPDATE company_deadlines SET remind_at = now() - interval '2 days', due_at = now() - interval '1 second' WHERE company_id = $1 AND kind = $2 AND period = $3`,
      [companyId, kind, period],
    );
  const deadlines = async (who: Api, path = '/api/v1/agreement-calendar/deadlines'): Promise<Deadline[]> => {
    const res = await who.get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  };
  const one = (items: Deadline[], companyId: string, kind: string, period: string) => items.find((d) => d.companyId === companyId && d.kind === kind && d.period === period);

  it("art. 66-67: the calendar shows the agreement's period, its four years, the lists and the rounds, to everyone", async () => {
    for (const who of [staalwerk, ngo]) {
      const res = await who.get('/api/v1/agreement-calendar');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ startsOn: '2025-10-16', endsOn: '2029-12-31', listReminderDays: 30, monitoringReminderDays: 21 });
      expect(res.body.years.map((y: { number: number; endsOn: string }) => [y.number, y.endsOn])).toEqual([[1, '2026-10-15'], [2, '2027-10-15'], [3, '2028-10-15'], [4, '2029-12-31']]);
      expect(res.body.lists.map((l: { period: string; dueOn: string }) => `${l.period}:${l.dueOn}`)).toEqual(['2026:2026-06-30', '2027:2027-06-30', '2028:2028-06-30', '2029:2029-06-30']);
      expect(res.body.rounds.map((r: { period: string; dueOn: string; remindOn: string }) => `${r.period}:${r.dueOn}:${r.remindOn}`)).toEqual([
        'baseline:2026-10-15:2026-09-24', 'year2:2027-10-15:2027-09-24', 'year4:2029-12-31:2029-12-10',
      ]);
    }
  });

  it("each company's deadlines follow from its signing date (membership's joined_at): a company sees its own, the secretariat everyone's", async () => {
    const [{ signed }] = await t.db.query(`SELECT to_char(joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS signed FROM organisations WHERE id = $1`, [staalwerkId]);
    const own = await deadlines(staalwerk);
    expect(new Set(own.map((d) => d.companyId))).toEqual(new Set([staalwerkId]));
    // only what falls due on or after signing; the baseline twelve months after signing at the earliest (art. 9)
    for (const d of own) expect(d.dueOn >= signed, `${d.kind} ${d.period}`).toBe(true);
    expect(own.filter((d) => d.kind === 'list').map((d) => d.period)).toEqual(['2027', '2028', '2029'].filter((y) => `${y}-06-30` >= signed));
    expect(one(own, staalwerkId, 'monitoring', 'baseline')!.state).toBe('met'); // the demo stored every baseline
    const all = await deadlines(secretariat);
    expect(new Set(all.map((d) => d.companyName)).size).toBe(6);
    // another company's deadlines: the one 404; an NGO has none to read
    const other = await staalwerk.get(`/api/v1/agreement-calendar/deadlines/${gieterijId}`);
    const unknown = await staalwerk.get(`/api/v1/agreement-calendar/deadlines/00000000-0000-4000-8000-00000000dead`);
    expect(other.status).toBe(404);
    expect(other.text).toBe(unknown.text);
    expect((await ngo.get('/api/v1/agreement-calendar/deadlines')).status).toBe(403);
    expect((await secretariat.get(`/api/v1/agreement-calendar/deadlines/${gieterijId}`)).status).toBe(200);
  });

  it('art. 17-18: a reminder before the list is due, then the overdue state the secretariat sees, each mail once; the list coming in ends it', async () => {
    await move(staalwerkId, 'list', '2027', 'reminder');
    const reminder = await sink.waitFor((m) => m.to.includes(email('staalwerk-twente')) && m.subject.includes('productielocatielijst 2027 uiterlijk'));
    expect(reminder.text).toMatch(/https?:\/\//);
    await until(async () => (await outbox('agreement-year.list-reminder', staalwerkId)) === (await people(staalwerkId)));
    expect(one(await deadlines(staalwerk), staalwerkId, 'list', '2027')!.state).toBe('due-soon');
    expect(one(await deadlines(secretariat), staalwerkId, 'list', '2027')!.state).toBe('due-soon');
    // the to-do list: the 2027 list with its deadline
    const tasks = (await staalwerk.get('/api/v1/me/tasks')).body.items as Array<{ kind: string; year?: number; dueAt: string | null; deadlineKind: string | null }>;
    const task = tasks.find((x) => x.kind === 'upload-list' && x.year === 2027);
    expect(task).toMatchObject({ deadlineKind: 'list' });
    expect(task!.dueAt).not.toBeNull();

    await move(staalwerkId, 'list', '2027', 'past');
    await sink.waitFor((m) => m.to.includes(email('staalwerk-twente')) && m.subject.includes('productielocatielijst 2027 is te laat'));
    expect(one(await deadlines(secretariat), staalwerkId, 'list', '2027')!.state).toBe('overdue');
    const [audit] = await t.db.query(`SELECT actor_person_id, details FROM audit_log WHERE action = 'agreement-year.overdue' AND details->>'period' = '2027'`);
    expect(audit).toMatchObject({ actor_person_id: null, details: { kind: 'list', period: '2027' } });
    await pause(500); // more polls: nothing is sent twice
    expect(await outbox('agreement-year.list-reminder', staalwerkId)).toBe(await people(staalwerkId));
    expect(await outbox('agreement-year.list-overdue', staalwerkId)).toBe(await people(staalwerkId));

    await uploadList(t, staalwerk, 2027, ['Delta Smelter,Weg 1,,Lubumbashi,CD,,smelting,cobalt,2,,']);
    expect(one(await deadlines(secretariat), staalwerkId, 'list', '2027')!.state).toBe('met');
    const after = (await staalwerk.get('/api/v1/me/tasks')).body.items as Array<{ kind: string; year?: number }>;
    expect(after.some((x) => x.kind === 'upload-list' && x.year === 2027)).toBe(false);
  });

  it('art. 17: a company whose list is in is neither reminded nor overdue', async () => {
    await uploadList(t, gieterij, 2028, ['Epsilon Foundry,Weg 2,,Lyon,FR,,processing,copper,1,,']);
    await move(gieterijId, 'list', '2028', 'reminder');
    await move(staalwerkId, 'list', '2028', 'reminder'); // the control: its list is not in
    await sink.waitFor((m) => m.to.includes(email('staalwerk-twente')) && m.subject.includes('productielocatielijst 2028 uiterlijk'));
    await move(gieterijId, 'list', '2028', 'past');
    await pause(500);
    expect(await outbox('agreement-year.list-reminder', gieterijId)).toBe(0);
    expect(await outbox('agreement-year.list-overdue', gieterijId)).toBe(0);
    expect(one(await deadlines(gieterij), gieterijId, 'list', '2028')!.state).toBe('met');
  });

  it('art. 9-10: a monitoring round due soon is on the secretariat\'s to-do list; overdue once passed; the stored result ends it', async () => {
    await move(gieterijId, 'monitoring', 'year4', 'reminder');
    await sink.waitFor((m) => m.to.includes(email('gieterij-de-hoop')) && m.subject.includes('monitoringronde "meting jaar 4" uiterlijk'));
    const tasks = (await secretariat.get('/api/v1/me/tasks')).body.items as Array<{ kind: string; companyId?: string; round?: string; dueAt: string; perform: { method: string; path: string } }>;
    const task = tasks.find((x) => x.kind === 'store-result' && x.companyId === gieterijId);
    expect(task).toMatchObject({ round: 'year4', perform: { method: 'PUT', path: `/api/v1/monitoring/results/${gieterijId}/year4` } });

    await move(gieterijId, 'monitoring', 'year4', 'past');
    await sink.waitFor((m) => m.to.includes(email('gieterij-de-hoop')) && m.subject.includes('monitoringronde "meting jaar 4" is te laat'));
    expect(one(await deadlines(secretariat), gieterijId, 'monitoring', 'year4')!.state).toBe('overdue');
    const sections = [1, 2, 3, 4, 5, 6].map((step) => ({ step, score: 70, advice: 'ok' }));
    const stored = await t.http().put(task!.perform.path).set('authorization', `Bearer ${secretariat.token}`).send({ finalScore: 70, signal: 'green', advice: 'Good', sections });
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(one(await deadlines(secretariat), gieterijId, 'monitoring', 'year4')!.state).toBe('met');
  });

  it("the secretariat moves a date inside the agreement's period; outside it is a 422 naming dueOn and nothing changes; others may not", async () => {
    const before = (await staalwerk.get('/api/v1/agreement-calendar')).body;
    const put = (who: Api, path: string, body: unknown) => t.http().put(path).set('authorization', `Bearer ${who.token}`).send(body as object);
    for (const dueOn of ['2030-01-15', '2025-10-01']) {
      const res = await put(secretariat, '/api/v1/agreement-calendar/lists/2029', { dueOn });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ field: 'dueOn', problem: "must lie within the agreement's period, 2025-10-16 to 2029-12-31 (art. 66-67)" }]);
    }
    const bad = await put(secretariat, '/api/v1/agreement-calendar/rounds/year4', { dueOn: '2029-02-30' });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].field).toBe('dueOn');
    expect((await put(secretariat, '/api/v1/agreement-calendar/rounds/year3', { dueOn: '2029-01-30' })).status).toBe(400);
    const refused = await put(staalwerk, '/api/v1/agreement-calendar/lists/2029', { dueOn: '2029-03-31' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/art\./);
    expect((await staalwerk.get('/api/v1/agreement-calendar')).body).toEqual(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM agreement_due_dates`))[0].n).toBe(0);

    const ok = await put(secretariat, '/api/v1/agreement-calendar/lists/2029', { dueOn: '2029-03-31' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.lists.find((l: { period: string }) => l.period === '2029')).toMatchObject({ dueOn: '2029-03-31', remindOn: '2029-03-01', isSet: true });
    // every company's deadline follows at once
    const all = (await deadlines(secretariat)).filter((d) => d.kind === 'list' && d.period === '2029');
    expect(all.length).toBe(6);
    for (const d of all) expect(d).toMatchObject({ dueOn: '2029-03-31', remindOn: '2029-03-01' });
  });

  it('two instances polling one database send each reminder and each overdue notice exactly once', async () => {
    extra = await startTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url } });
    const slugs = ['metaalbouw-brabant', 'recycling-rijnmond', 'precisie-delft', 'koperwerk-zeeland'];
    const ids = await Promise.all(slugs.map((s) => orgId(t, s)));
    for (const id of ids) await move(id, 'list', '2028', 'reminder');
    const reminded = `SELECT count(*)::int AS n FROM company_deadlines WHERE company_id = ANY($1::uuid[]) AND kind = 'list' AND period = '2028'`;
    await until(async () => (await t.db.query(`${reminded} AND reminded_at IS NOT NULL`, [ids]))[0].n === ids.length);
    for (const id of ids) await move(id, 'list', '2028', 'past');
    await until(async () => (await t.db.query(`${reminded} AND overdue_at IS NOT NULL`, [ids]))[0].n === ids.length);
    await pause(600); // a few more polls of both instances
    for (const id of ids) {
      expect(await outbox('agreement-year.list-reminder', id)).toBe(await people(id));
      expect(await outbox('agreement-year.list-overdue', id)).toBe(await people(id));
    }
  });
});
