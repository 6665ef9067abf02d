import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, type Api, as, email } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Kerngroep meetings (art. 48, 52; issue 15 item 3) through HTTP on the real app, PostgreSQL and a real SMTP server:
 * dates inside the agreement period (art. 66-67), four a year; the agenda filled from the matters awaiting a ruling;
 * requests to attend decided by the chair and mailed; headline minutes every party and a supporter reads, without
 * votes or reasons; the secretariat's progress report under the aggregated list's threshold k, naming no company.
 */
describe('Kerngroep meetings (art. 48, 52)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const who: Record<string, Api> = {};
  const SLUGS = ['secretariaat', 'voorzitter', 'metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente', 'eerlijk-erts', 'groene-keten', 'kenniscentrum-metalen', 'kivu-mining-watch', 'gieterij-de-hoop'];
  const put = (slug: string, path: string, body: unknown) => t.http().put(path).set('authorization', `Bearer ${who[slug].token}`).send(body as object);

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    for (const s of SLUGS) who[s] = await as(t, s);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const plan = async (scheduledAt: string, place = 'SER, Den Haag') => {
    const res = await who['secretariaat'].post('/api/v1/kerngroep/meetings', { scheduledAt, place });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  /** A complaint the Kerngroep has to rule on (art. 83): its ruling opens when it is admitted. */
  const pendingMatter = () => admittedComplaint(t, who['groene-keten'], 'precisie-delft');

  it('who may: the expectations written from art. 40, 48, 50, 52 and 55, per demo person', async () => {
    const id = await plan('2029-01-17T13:00:00+01:00');
    // [list meetings + minutes, agenda, progress report, plan (an empty body: the guard decides before validation)]
    const expected: Record<string, [number, number, number, number]> = {
      secretariaat: [200, 200, 200, 400], // art. 48, 52, 55: runs the calendar and reports
      voorzitter: [200, 200, 200, 403], // art. 48, 50: runs the meetings, does not plan them
      metaalbond: [200, 200, 200, 403], // a seat holder (unions)
      'eerlijk-erts': [200, 200, 403, 403], // a party: agenda and minutes at headline level (art. 48)
      'gieterij-de-hoop': [200, 200, 403, 403], // a company party, the same
      'kivu-mining-watch': [403, 403, 403, 403], // a local partner is no party
      'kenniscentrum-metalen': [403, 403, 403, 403], // a supporter without the supporters' protocol (annex)
    };
    for (const [slug, [list, agenda, report, planned]] of Object.entries(expected)) {
      const got = [
        (await who[slug].get('/api/v1/kerngroep/meetings')).status,
        (await who[slug].get(`/api/v1/kerngroep/meetings/${id}/agenda`)).status,
        (await who[slug].get(`/api/v1/kerngroep/meetings/${id}/progress-report`)).status,
        (await who[slug].post('/api/v1/kerngroep/meetings', {})).status,
      ];
      expect(got, slug).toEqual([list, agenda, report, planned]);
    }
  });

  it('art. 66-67: a date outside the agreement period is a 422 naming scheduledAt; art. 48: a fifth meeting in a year too; a party cannot plan', async () => {
    for (const at of ['2025-10-01T10:00:00+02:00', '2030-01-15T10:00:00+01:00']) {
      const res = await who['secretariaat'].post('/api/v1/kerngroep/meetings', { scheduledAt: at });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'scheduledAt' })]);
    }
    const bad = await who['secretariaat'].post('/api/v1/kerngroep/meetings', { scheduledAt: 'next tuesday' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('scheduledAt');
    for (const d of ['2028-03-01', '2028-06-01', '2028-09-01', '2028-12-01']) await plan(`${d}T13:00:00+01:00`);
    const fifth = await who['secretariaat'].post('/api/v1/kerngroep/meetings', { scheduledAt: '2028-12-15T13:00:00+01:00' });
    expect(fifth.status).toBe(422);
    expect(fifth.body.details[0]).toMatchObject({ field: 'scheduledAt', problem: expect.stringContaining('art. 48') });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM kerngroep_meetings WHERE scheduled_at >= '2028-12-15' AND scheduled_at < '2029-01-01'`))[0].n).toBe(0);
    const party = await who['eerlijk-erts'].post('/api/v1/kerngroep/meetings', { scheduledAt: '2027-05-01T13:00:00+02:00' });
    expect(party.status).toBe(403);
    expect(party.body.decidedBy.map((d: { rule: string }) => d.rule)).toContain('secretariat-runs-the-calendar');
  });

  it('art. 48: a matter awaiting a ruling is on the next agenda by itself; decided before the meeting it is marked decided; the secretariat adds items', async () => {
    const caseId = await pendingMatter();
    const meetingId = await plan('2027-01-20T13:00:00+01:00');
    const agenda = await who['metaalbond'].get(`/api/v1/kerngroep/meetings/${meetingId}/agenda`);
    expect(agenda.status).toBe(200);
    expect(agenda.body.matters).toContainEqual(expect.objectContaining({ caseId, caseType: 'complaint', status: 'pending', decidedBeforeMeeting: false }));

    const item = await who['secretariaat'].post(`/api/v1/kerngroep/meetings/${meetingId}/agenda-items`, { title: 'Draft yearly report', description: 'For review' });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    expect(item.body.items.map((i: { title: string }) => i.title)).toEqual(['Draft yearly report']);
    expect((await who['metaalbond'].post(`/api/v1/kerngroep/meetings/${meetingId}/agenda-items`, { title: 'x' })).status).toBe(403);

    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
      expect((await who[slug].post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' })).status).toBe(201);
    }
    const after = await who['eerlijk-erts'].get(`/api/v1/kerngroep/meetings/${meetingId}/agenda`); // parties see the agenda at headline level
    expect(after.status).toBe(200);
    expect(after.body.matters).toContainEqual(expect.objectContaining({ caseId, status: 'decided', outcome: 'approved', decidedBeforeMeeting: true }));
    // A meeting after that one no longer carries the decided matter; one still pending is carried on.
    const other = await pendingMatter();
    const next = await plan('2027-04-14T13:00:00+02:00');
    const matters = (await who['secretariaat'].get(`/api/v1/kerngroep/meetings/${next}/agenda`)).body.matters.map((m: { caseId: string }) => m.caseId);
    expect(matters).toContain(other);
    expect(matters).not.toContain(caseId);
    // headline level: no deliberation on the agenda
    expect(JSON.stringify(after.body)).not.toMatch(/"(votes|tally|reasons?|deliberation)"/);
    expect((await who['kenniscentrum-metalen'].get(`/api/v1/kerngroep/meetings/${meetingId}/agenda`)).status).toBe(403);
  });

  it('art. 48: a request to attend goes to the chair (mail and to-do), who allows it; the requester is mailed; nobody else may decide', async () => {
    const meetingId = await plan('2027-02-17T13:00:00+01:00');
    const filed = await who['eerlijk-erts'].post(`/api/v1/kerngroep/meetings/${meetingId}/attendance-requests`, { motivation: 'We bring the field report on tin mining' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ state: 'pending', email: email('eerlijk-erts') });
    const id = filed.body.id as string;
    await sink.waitFor((m) => m.to.includes(email('voorzitter')) && m.subject.includes('2027-02-17'));
    const tasks = await who['voorzitter'].get('/api/v1/me/tasks');
    expect(tasks.body.items).toContainEqual(expect.objectContaining({ kind: 'decide-attendance', attendanceRequestId: id, meetingId, perform: { method: 'POST', path: `/api/v1/kerngroep/attendance-requests/${id}/decision` } }));
    expect((await who['secretariaat'].get('/api/v1/me/tasks')).body.items.some((x: { kind: string }) => x.kind === 'decide-attendance')).toBe(false);

    for (const slug of ['secretariaat', 'metaalbond', 'eerlijk-erts']) {
      const res = await who[slug].post(`/api/v1/kerngroep/attendance-requests/${id}/decision`, { decision: 'allow', reason: 'fine' });
      expect(res.status, slug).toBe(403);
      expect(res.body.decidedBy).toContainEqual(expect.objectContaining({ policy: 'kerngroep-attendance.yaml', rule: 'chair-decides-attendance', article: '48' }));
    }
    expect((await t.db.query(`SELECT state FROM kerngroep_attendance_requests WHERE id = $1`, [id]))[0].state).toBe('pending');

    const noReason = await who['voorzitter'].post(`/api/v1/kerngroep/attendance-requests/${id}/decision`, { decision: 'refuse' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const allowed = await who['voorzitter'].post(`/api/v1/kerngroep/attendance-requests/${id}/decision`, { decision: 'allow', reason: 'Welcome for the item on tin' });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body).toMatchObject({ state: 'allowed', reason: 'Welcome for the item on tin' });
    const mail = await sink.waitFor((m) => m.to.includes(email('eerlijk-erts')) && m.subject.includes('2027-02-17'));
    expect(mail.text).toContain('Welcome for the item on tin');
    expect((await who['voorzitter'].post(`/api/v1/kerngroep/attendance-requests/${id}/decision`, { decision: 'refuse', reason: 'late' })).status).toBe(409);
    // the requester follows their own request; another party does not see it
    expect((await who['eerlijk-erts'].get('/api/v1/kerngroep/attendance-requests')).body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await who['groene-keten'].get('/api/v1/kerngroep/attendance-requests')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('art. 48, 55: the secretariat files for an outsider without an account; the chair refuses with a reason, mailed to the outsider', async () => {
    const meetingId = await plan('2027-03-10T13:00:00+01:00');
    const byParty = await who['eerlijk-erts'].post(`/api/v1/kerngroep/meetings/${meetingId}/attendance-requests`, { motivation: 'x', name: 'Someone', email: 'someone@example.org' });
    expect(byParty.status).toBe(403);
    expect(byParty.body.decidedBy.map((d: { rule: string }) => d.rule)).toContain('secretariat-files-for-outsiders');
    const filed = await who['secretariaat'].post(`/api/v1/kerngroep/meetings/${meetingId}/attendance-requests`, {
      motivation: 'Researcher on cobalt supply chains', name: 'Ada Extern', email: 'ada@example.org', language: 'en', affiliation: 'University',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const refused = await who['voorzitter'].post(`/api/v1/kerngroep/attendance-requests/${filed.body.id}/decision`, { decision: 'refuse', reason: 'The meeting discusses confidential matters only' });
    expect(refused.status).toBe(200);
    const mail = await sink.waitFor((m) => m.to.includes('ada@example.org'));
    expect(mail.subject).toContain('2027-03-10');
    expect(mail.text).toContain('The meeting discusses confidential matters only');
    expect(mail.text).toContain('Dear Ada Extern');
  });

  it('art. 48, 40: headline minutes after the meeting, read by a party and a supporter (with the protocol), without votes or reasons', async () => {
    const meetingId = await plan('2026-12-20T13:00:00+01:00');
    const minutes = { summary: 'Quarterly meeting', decisions: [{ subject: 'Complaint about a participating company', decision: 'Admitted; three months to improve' }] };
    expect((await put('secretariaat', `/api/v1/kerngroep/meetings/${meetingId}/minutes`, minutes)).status).toBe(409); // not held yet
    await t.db.query(`UPDATE kerngroep_meetings SET scheduled_at = now() - interval '2 days' WHERE id = $1`, [meetingId]);
    const bad = await put('secretariaat', `/api/v1/kerngroep/meetings/${meetingId}/minutes`, { decisions: [{ subject: 'x', decision: 'y', votes: { unions: 'for' } }] });
    expect(bad.status).toBe(400); // there is no field for who voted what
    expect((await put('eerlijk-erts', `/api/v1/kerngroep/meetings/${meetingId}/minutes`, minutes)).status).toBe(403);
    const recorded = await put('secretariaat', `/api/v1/kerngroep/meetings/${meetingId}/minutes`, minutes);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);

    const party = await who['eerlijk-erts'].get('/api/v1/kerngroep/meetings');
    expect(party.status).toBe(200);
    const seen = party.body.items.find((m: { id: string }) => m.id === meetingId);
    expect(seen.minutes).toEqual({ summary: 'Quarterly meeting', decisions: minutes.decisions, recordedAt: expect.any(String) });
    expect(JSON.stringify(party.body)).not.toMatch(/"(votes?|tally|reasons?|deliberation|seat)"/);

    const supporter = who['kenniscentrum-metalen'];
    const before = await supporter.get('/api/v1/kerngroep/meetings');
    expect(before.status).toBe(403);
    expect(before.body.missing).toContain('nda:supporters-protocol');
    const texts = await supporter.get('/api/v1/ndas/texts');
    const protocol = (texts.body as Array<{ kind: string; sha256: string }>).find((x) => x.kind === 'supporters-protocol')!;
    expect((await supporter.post('/api/v1/ndas/signatures', { kind: 'supporters-protocol', sha256: protocol.sha256, signerName: 'Karin Kennis' })).status).toBe(201);
    const after = await supporter.get(`/api/v1/kerngroep/meetings/${meetingId}`);
    expect(after.status).toBe(200);
    expect(after.body.minutes.decisions).toEqual(minutes.decisions);
    expect(JSON.stringify(after.body)).not.toMatch(/"(votes?|tally|reasons?|deliberation)"/);
  });

  it('art. 52: the progress report is generated from the data, has no cell below k and names no company', async () => {
    const meetingId = await plan('2029-03-14T13:00:00+01:00');
    const k = t.config.aggregationMinCompanies;
    expect((await who['eerlijk-erts'].get(`/api/v1/kerngroep/meetings/${meetingId}/progress-report`)).status).toBe(403);
    expect((await who['metaalbond'].get(`/api/v1/kerngroep/meetings/${meetingId}/progress-report`)).status).toBe(200);
    const res = await who['secretariaat'].get(`/api/v1/kerngroep/meetings/${meetingId}/progress-report`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r.minCompanies).toBe(k);
    const groups = [...r.parties, ...r.lists, ...r.monitoring, ...r.cases, ...r.decided];
    const counts = groups.flatMap((g: { total: number | null; parts: Array<{ count: number | null }> }) => [g.total, ...g.parts.map((p) => p.count)]);
    for (const c of counts) if (c !== null) expect(c === 0 || c >= k, `cell ${c}`).toBe(true);
    // it is generated from the data: the six demo companies are counted as parties, not suppressed
    const companies = (await t.db.query(`SELECT count(*)::int AS n FROM organisations WHERE kind = 'company' AND is_party AND status IN ('active', 'withdrawing')`))[0].n;
    expect(r.parties[0].parts.find((p: { part: string }) => p.part === 'company')).toEqual({ part: 'company', count: companies, suppressed: false });
    // complaints filed in this suite are counted (or suppressed), never listed
    expect(r.cases.find((g: { group: string }) => g.group === 'complaint').total === null || r.cases.find((g: { group: string }) => g.group === 'complaint').total >= k).toBe(true);
    const body = JSON.stringify(r);
    const orgs: Array<{ id: string; name: string; slug: string }> = await t.db.query(`SELECT id, name, slug FROM organisations WHERE kind = 'company'`);
    for (const o of orgs) {
      expect(body).not.toContain(o.id);
      expect(body).not.toContain(o.name);
      expect(body).not.toContain(o.slug);
    }
  });
});
