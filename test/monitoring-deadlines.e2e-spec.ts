import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, email, orgId, until } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Improvement periods of monitoring results (art. 11; issue 6, item 6) in the deadline scheduler: a reminder mail to
 * the company 14 days before the deadline, and at the deadline an `improvement-period-ended` follow-up and a mail for
 * the secretariat; each exactly once, also with two instances on one database. The clock is moved by updating the
 * period's `deadline_at` in PostgreSQL; the scheduler polls every 100 ms in tests.
 */
const sections = (scores: number[]) => scores.map((score, i) => ({ step: i + 1, score, advice: `advice ${i + 1}` }));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('monitoring improvement periods and the scheduler (art. 11)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let extra: TestApp | undefined;
  let secretariat: Api;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    secretariat = await as(t, 'secretariaat');
  });
  afterAll(async () => {
    await extra?.close();
    await t?.close();
    await sink?.close();
  });

  /** Stores a result through the API as the secretariat; returns the result id. */
  const store = async (slug: string, round: string, scores: number[]): Promise<string> => {
    const res = await t
      .http()
      .put(`/api/v1/monitoring/results/${await orgId(t, slug)}/${round}`)
      .set('authorization', `Bearer ${secretariat.token}`)
      .send({ finalScore: 45, signal: 'orange', advice: 'Improve', sections: sections(scores) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id;
  };
  const periods = (resultId: string) =>
    t.db.query(`SELECT id, step, deadline_at, reminded_at, fired_at, completed_at FROM monitoring_follow_ups WHERE result_id = $1 AND kind = 'improvement-period' ORDER BY step`, [resultId]);
  /** Moves the clock: the deadline inside the reminder window (14 days), or past. */
  const moveDeadline = (resultIds: string[], to: 'reminder-window' | 'past') =>
    t.db.query(
      `UPDATE monitoring_follow_ups SET deadline_at = now() + ${to === 'past' ? `interval '-1 second'` : `interval '13 days'`}
        WHERE result_id = ANY($1::uuid[]) AND kind = 'improvement-period'`,
      [resultIds],
    );
  const outboxCount = async (template: string, to?: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE template = $1 AND ($2::text IS NULL OR to_address = $2)`, [template, to ?? null]))[0].n as number;
  const secretariatStaff = async () =>
    (await t.db.query(
      `SELECT count(*)::int AS n FROM people p JOIN organisations o ON o.id = p.organisation_id
        WHERE o.kind = 'secretariat' AND p.disabled_at IS NULL AND ('secretariat_staff' = ANY(p.roles) OR 'org_admin' = ANY(p.roles))`,
    ))[0].n as number;
  const endedFollowUps = async (resultId: string) => {
    const res = await secretariat.get('/api/v1/monitoring/follow-ups');
    expect(res.status).toBe(200);
    return (res.body as Array<{ id: string; resultId: string; kind: string; step: number | null; companyId: string }>).filter(
      (f) => f.resultId === resultId && f.kind === 'improvement-period-ended',
    );
  };

  it('a reminder mail reaches the company before the deadline; at it the secretariat gets a follow-up and a mail; no score in mail', async () => {
    const resultId = await store('staalwerk-twente', 'year2', [70, 41, 60, 60, 60, 60]);
    const [period] = await periods(resultId);
    expect(period.step).toBe(2);
    expect(period.reminded_at).toBeNull();
    // Stored three months ahead: not yet in the reminder window, so nothing happens.
    await pause(400);
    expect((await periods(resultId))[0].reminded_at).toBeNull();

    await moveDeadline([resultId], 'reminder-window');
    const reminder = await sink.waitFor((m) => m.to.includes(email('staalwerk-twente')) && m.subject.includes('verbetertermijn loopt af'));
    expect(reminder.text).toContain('meting jaar 2'); // the round in words (issue 14, item 6), never its code
    expect(reminder.text).not.toContain('year2');
    expect(reminder.text).toMatch(/https?:\/\//);
    expect(reminder.text).not.toMatch(/\b41\b|advice 2|Improve/); // art. 10-11: no score or advice in mail
    const [reminded] = await until(async () => ((await periods(resultId))[0].reminded_at ? periods(resultId) : false));
    expect(reminded.fired_at).toBeNull();
    expect(await endedFollowUps(resultId)).toEqual([]);
    const [remindAudit] = await t.db.query(`SELECT actor_person_id, details FROM audit_log WHERE action = 'monitoring.improvement-reminded' AND object_id = $1`, [period.id]);
    expect(remindAudit).toMatchObject({ actor_person_id: null, details: { round: 'year2', step: 2 } });

    await moveDeadline([resultId], 'past');
    const [ended] = await until(async () => {
      const f = await endedFollowUps(resultId);
      return f.length > 0 ? f : false;
    });
    expect(ended).toMatchObject({ kind: 'improvement-period-ended', step: 2, companyId: await orgId(t, 'staalwerk-twente') });
    const mail = await sink.waitFor((m) => m.to.includes(email('secretariaat')) && m.subject.includes('verbetertermijn verstreken'));
    expect(mail.text).toContain('meting jaar 2');
    expect(mail.text).not.toContain('year2');
    expect(mail.text).not.toMatch(/\b41\b|Staalwerk|advice 2/);
    const [endAudit] = await t.db.query(`SELECT actor_person_id, details FROM audit_log WHERE action = 'monitoring.improvement-period-ended' AND object_id = $1`, [period.id]);
    expect(endAudit).toMatchObject({ actor_person_id: null, details: { round: 'year2', step: 2, followUpId: ended.id } });

    // A few more polls: nothing runs twice. The period stays open (the section is still insufficient) but is done.
    await pause(500);
    const people = (await t.db.query(`SELECT count(*)::int AS n FROM people WHERE organisation_id = $1 AND disabled_at IS NULL`, [await orgId(t, 'staalwerk-twente')]))[0].n;
    expect(await outboxCount('monitoring.improvement-reminder')).toBe(people);
    expect(await outboxCount('monitoring.improvement-period-ended')).toBe(await secretariatStaff());
    expect(await endedFollowUps(resultId)).toHaveLength(1);
    const [done] = await periods(resultId);
    expect(done.fired_at).not.toBeNull();
    expect(done.completed_at).toBeNull();
    // The secretariat completes the follow-up through the API, as for any other.
    expect((await secretariat.post(`/api/v1/monitoring/follow-ups/${ended.id}/complete`)).status).toBe(200);
    expect(await endedFollowUps(resultId)).toEqual([]);
  });

  it('a period that improved (the section sufficient again) is neither reminded nor followed up', async () => {
    const improved = await store('gieterij-de-hoop', 'year2', [60, 60, 30, 60, 60, 60]);
    const control = await store('recycling-rijnmond', 'year2', [60, 60, 60, 60, 20, 60]);
    expect((await periods(improved)).map((p: { step: number }) => p.step)).toEqual([3]);
    await store('gieterij-de-hoop', 'year2', [60, 60, 55, 60, 60, 60]);
    const [closed] = await periods(improved);
    expect(closed.completed_at).not.toBeNull();

    await moveDeadline([improved, control], 'reminder-window');
    await sink.waitFor((m) => m.to.includes(email('recycling-rijnmond')) && m.subject.includes('verbetertermijn loopt af'));
    await moveDeadline([improved, control], 'past');
    await until(async () => (await endedFollowUps(control)).length === 1);
    await pause(500);
    expect(sink.messages.some((m) => m.to.includes(email('gieterij-de-hoop')) && m.subject.includes('verbetertermijn'))).toBe(false);
    expect(await outboxCount('monitoring.improvement-reminder', email('gieterij-de-hoop'))).toBe(0);
    expect(await endedFollowUps(improved)).toEqual([]);
    const [untouched] = await periods(improved);
    expect(untouched).toMatchObject({ reminded_at: null, fired_at: null });
  });

  it('two instances polling one database remind and follow up each period exactly once', async () => {
    const slugs = ['staalwerk-twente', 'gieterij-de-hoop', 'metaalbouw-brabant', 'recycling-rijnmond', 'precisie-delft', 'koperwerk-zeeland'];
    const results: string[] = [];
    for (const slug of slugs) results.push(await store(slug, 'year4', [30, 35, 60, 60, 60, 60]));
    const before = { reminders: await outboxCount('monitoring.improvement-reminder'), ended: await outboxCount('monitoring.improvement-period-ended') };
    extra = await startTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url } });

    await moveDeadline(results, 'reminder-window');
    const all = `SELECT count(*)::int AS n FROM monitoring_follow_ups WHERE result_id = ANY($1::uuid[]) AND kind = 'improvement-period'`;
    await until(async () => (await t.db.query(`${all} AND reminded_at IS NOT NULL`, [results]))[0].n === 2 * slugs.length);
    await moveDeadline(results, 'past');
    await until(async () => (await t.db.query(`${all} AND fired_at IS NOT NULL`, [results]))[0].n === 2 * slugs.length);
    await pause(500); // a few more polls of both instances

    const people = (await t.db.query(
      `SELECT count(*)::int AS n FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE o.slug = ANY($1) AND p.disabled_at IS NULL`,
      [slugs],
    ))[0].n as number;
    // Two periods (steps 1 and 2) per company: one reminder per person per period, one secretariat mail per period.
    expect((await outboxCount('monitoring.improvement-reminder')) - before.reminders).toBe(2 * people);
    expect((await outboxCount('monitoring.improvement-period-ended')) - before.ended).toBe(2 * slugs.length * (await secretariatStaff()));
    for (const r of results) {
      expect((await endedFollowUps(r)).map((f) => f.step).sort()).toEqual([1, 2]);
    }
    const audits = await t.db.query(
      `SELECT a.action, count(*)::int AS n FROM audit_log a JOIN monitoring_follow_ups f ON f.id::text = a.object_id
        WHERE f.result_id = ANY($1::uuid[]) AND a.action IN ('monitoring.improvement-reminded', 'monitoring.improvement-period-ended')
        GROUP BY a.action, a.object_id`,
      [results],
    );
    expect(audits).toHaveLength(4 * slugs.length);
    expect(audits.every((a: { n: number }) => a.n === 1)).toBe(true);
  });

  it('a step that fails rolls back whole (no follow-up, no mail, no audit), backs off, and runs once when it can', async () => {
    const resultId = await store('precisie-delft', 'year2', [60, 60, 60, 60, 60, 10]);
    const [period] = await periods(resultId);
    // A fault in the outbox for this mail only (a trigger in the real database), so the step's transaction fails.
    await t.db.query(`CREATE FUNCTION refuse_ended_mail() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN IF NEW.template = 'monitoring.improvement-period-ended' THEN RAISE EXCEPTION 'outbox refused'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_ended_mail BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_ended_mail()`);
    const mailsBefore = await outboxCount('monitoring.improvement-period-ended');
    try {
      await moveDeadline([resultId], 'past');
      const [failed] = await until(async () => {
        const rows = await t.db.query(`SELECT attempts, retry_at, last_error, fired_at FROM monitoring_follow_ups WHERE id = $1`, [period.id]);
        return rows[0].attempts > 0 ? rows : false;
      });
      expect(failed.fired_at).toBeNull();
      expect(failed.last_error).toContain('outbox refused');
      expect(new Date(failed.retry_at).getTime()).toBeGreaterThan(Date.now());
      expect(await endedFollowUps(resultId)).toEqual([]);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'monitoring.improvement-period-ended'`, [period.id]))[0].n).toBe(0);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_ended_mail ON outbox`);
      await t.db.query(`DROP FUNCTION refuse_ended_mail()`);
    }
    await t.db.query(`UPDATE monitoring_follow_ups SET retry_at = now() WHERE id = $1`, [period.id]); // the back-off has passed
    await until(async () => (await endedFollowUps(resultId)).length === 1);
    await pause(400);
    expect(await endedFollowUps(resultId)).toHaveLength(1);
    expect((await outboxCount('monitoring.improvement-period-ended')) - mailsBefore).toBe(await secretariatStaff());
  });

  it('deadlines survive a restart; an instance with SCHEDULER=off leaves them alone', async () => {
    const resultId = await store('koperwerk-zeeland', 'year2', [60, 60, 60, 25, 60, 60]);
    const [period] = await periods(resultId);
    await extra?.close();
    extra = await startTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url, SCHEDULER: 'off' } });
    const url = t.databaseUrl;
    await t.close();
    // While only the SCHEDULER=off instance runs, the reminder falls due and the period ends.
    await extra.db.query(`UPDATE monitoring_follow_ups SET deadline_at = now() - interval '1 hour' WHERE id = $1`, [period.id]);
    await pause(1000); // ten poll intervals of an instance that would poll
    expect((await extra.db.query(`SELECT fired_at, reminded_at FROM monitoring_follow_ups WHERE id = $1`, [period.id]))[0]).toEqual({ fired_at: null, reminded_at: null });
    t = await startTestApp({ databaseUrl: url, env: { SMTP_URL: sink.url } });
    secretariat = await as(t, 'secretariaat');
    await until(async () => (await endedFollowUps(resultId)).length === 1);
    const [row] = await t.db.query(`SELECT fired_at IS NOT NULL AS fired, reminded_at, attempts FROM monitoring_follow_ups WHERE id = $1`, [period.id]);
    // Past its deadline the reminder is moot: the follow-up is what is left to do.
    expect(row).toEqual({ fired: true, reminded_at: null, attempts: 0 });
  });
});
