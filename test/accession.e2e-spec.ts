import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, email } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Accession (issue 13, part 4; art. 69-72) through HTTP on the real app, PostgreSQL and SMTP, with two instances:
 * a motivated request (public form or the secretariat on its behalf), the parties informed beforehand and asking
 * questions, the Kerngroep's ruling (a case of its own, the common decision rule), registration and the first invitation.
 */
describe('accession (art. 69-72)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let second: TestApp;
  const api: Record<string, Api> = {};
  const letter = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    second = await startTestApp({ databaseUrl: t.databaseUrl, env: { SMTP_URL: sink.url } });
    for (const slug of ['secretariaat', 'voorzitter', 'eerlijk-erts', 'metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente', 'kenniscentrum-metalen']) {
      api[slug] = await as(t, slug);
    }
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    await sink?.close();
  });
  const requests = async () => (await t.db.query(`SELECT count(*)::int AS n FROM accession_requests`))[0].n as number;

  it('bad input: an existing member, no letter, a file that is not a PDF, a non-joining kind: 4xx naming the field, nothing written', async () => {
    const base = { kind: 'ngo', contactName: 'Nora Nieuw', contactEmail: 'nora@nieuw.test', motivation: 'We support the OECD guidelines' };
    const existing = await t.http().post('/api/v1/accession-requests').send({ ...base, name: 'Stichting Groene Keten' });
    expect(existing.status).toBe(422);
    expect(existing.body.details[0]).toMatchObject({ field: 'name' });
    expect(existing.body.details[0].problem).toContain('art. 69');
    const noLetter = await t.http().post('/api/v1/accession-requests').send({ ...base, name: 'Stichting Nieuw', motivation: undefined });
    expect(noLetter.status).toBe(422);
    expect(noLetter.body.details[0].field).toBe('motivation');
    const notPdf = await t.http().post('/api/v1/accession-requests').send({ ...base, name: 'Stichting Nieuw', motivationPdf: Buffer.from('hello').toString('base64') });
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.details[0].field).toBe('motivationPdf');
    const localPartner = await t.http().post('/api/v1/accession-requests').send({ ...base, name: 'Stichting Nieuw', kind: 'local_partner' });
    expect(localPartner.status).toBe(400);
    expect(localPartner.body.details[0].field).toBe('kind');
    expect(await requests()).toBe(0);
  });

  it('art. 70-72: request, parties informed and asking, the Kerngroep approves, the organisation is registered and its first person invited', async () => {
    const filed = await t.http().post('/api/v1/accession-requests').send({
      name: 'Stichting Eerlijk Metaal', kind: 'ngo', country: 'NL', contactName: 'Nora Nieuw', contactEmail: 'nora@eerlijkmetaal.test', language: 'en',
      motivation: 'We subscribe to the OECD guidelines and free resources for due diligence.', motivationPdf: letter.toString('base64'),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    await sink.waitFor((m) => m.to.includes(email('secretariaat')) && m.subject.includes('Stichting Eerlijk Metaal'));
    // Before the secretariat informs them, the parties do not see it; afterwards they do, at headline level, with the letter.
    expect((await api['eerlijk-erts'].get(`/api/v1/membership/accession-requests/${id}`)).status).toBe(404);
    expect((await api['eerlijk-erts'].get('/api/v1/membership/accession-requests')).body.items).toHaveLength(0);
    expect((await api['eerlijk-erts'].post(`/api/v1/membership/accession-requests/${id}/inform`)).status).toBe(403);
    const informed = await api['secretariaat'].post(`/api/v1/membership/accession-requests/${id}/inform`);
    expect(informed.status, JSON.stringify(informed.body)).toBe(200);
    expect(informed.body).toMatchObject({ status: 'informed', hasLetter: true });
    expect((await api['secretariaat'].post(`/api/v1/membership/accession-requests/${id}/inform`)).status).toBe(409);
    await sink.waitFor((m) => m.to.includes(email('eerlijk-erts')) && m.subject.includes('toetreding'));
    const seen = await api['eerlijk-erts'].get(`/api/v1/membership/accession-requests/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ name: 'Stichting Eerlijk Metaal', motivation: expect.stringContaining('OECD') });
    expect(seen.body.contact).toBeUndefined();
    const pdf = await api['eerlijk-erts'].get(`/api/v1/membership/accession-requests/${id}/letter`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(Buffer.compare(pdf.body as Buffer, letter)).toBe(0);

    // A party asks a question (art. 71); the secretariat sees it; a supporter (no party) cannot ask.
    expect((await api['eerlijk-erts'].post(`/api/v1/membership/accession-requests/${id}/questions`, { question: 'How many staff work on due diligence?' })).status).toBe(201);
    expect((await api['kenniscentrum-metalen'].post(`/api/v1/membership/accession-requests/${id}/questions`, { question: 'x' })).status).toBe(403);
    await sink.waitFor((m) => m.to.includes(email('secretariaat')) && m.subject.includes('vraag'));
    const full = await api['secretariaat'].get(`/api/v1/membership/accession-requests/${id}`);
    expect(full.body.questionList[0]).toMatchObject({ organisation: 'Eerlijk Erts', question: expect.stringContaining('due diligence') });

    // The Kerngroep rules by the common decision rule.
    const caseId = informed.body.caseId;
    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
      const v = await api[slug].post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
      expect(v.status, `${slug} ${JSON.stringify(v.body)}`).toBe(201);
    }
    const [c] = await t.db.query(`SELECT state FROM cases WHERE id = $1`, [caseId]);
    expect(c.state).toBe('approved');
    const [org] = await t.db.query(`SELECT id, kind, is_party, constituency, status, joined_at FROM organisations WHERE name = 'Stichting Eerlijk Metaal'`);
    expect(org).toMatchObject({ kind: 'ngo', is_party: true, constituency: 'ngos', status: 'active' });
    expect(Date.now() - new Date(org.joined_at).getTime()).toBeLessThan(60_000); // its signing date is the approval
    const invitation = await sink.waitFor((m) => m.to.includes('nora@eerlijkmetaal.test'));
    const token = /token=([A-Za-z0-9_-]+)/.exec(invitation.text)![1];
    expect((await t.http().post('/api/v1/invitations/accept').send({ token, password: 'ketenkluis-demo' })).status).toBe(200);
    const nora = await as(t, 'nora@eerlijkmetaal.test');
    const me = await nora.get('/api/v1/me');
    expect(me.body.organisation).toMatchObject({ id: org.id });
    expect(me.body.roles).toContain('org_admin');
    const [request] = await t.db.query(`SELECT status, organisation_id FROM accession_requests WHERE id = $1`, [id]);
    expect(request).toEqual({ status: 'approved', organisation_id: org.id });
    // Once a party, a second request for it is an accession by an existing member.
    const again = await api['secretariaat'].post('/api/v1/membership/accession-requests', { name: 'Stichting Eerlijk Metaal', kind: 'ngo', contactName: 'X', contactEmail: 'x@x.test', motivation: 'again' });
    expect(again.status).toBe(422);
    expect(again.body.details[0].field).toBe('name');
  });

  it('art. 72: a rejected request registers nothing', async () => {
    const filed = await api['secretariaat'].post('/api/v1/membership/accession-requests', { name: 'Handel BV', kind: 'company', contactName: 'H', contactEmail: 'h@handel.test', motivation: 'We trade metals' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const informed = await api['secretariaat'].post(`/api/v1/membership/accession-requests/${filed.body.id}/inform`);
    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
      expect((await api[slug].post(`/api/v1/cases/${informed.body.caseId}/votes`, { vote: 'against' })).status).toBe(201);
    }
    const [request] = await t.db.query(`SELECT status, organisation_id FROM accession_requests WHERE id = $1`, [filed.body.id]);
    expect(request).toEqual({ status: 'rejected', organisation_id: null });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM organisations WHERE name = 'Handel BV'`))[0].n).toBe(0);
  });

  it('the public form is rate limited per client address (10 an hour, counted in PostgreSQL): then 429, nothing written', async () => {
    const before = await requests();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await second.http().post('/api/v1/accession-requests').send({ name: `Spam ${i}`, kind: 'ngo', contactName: 'S', contactEmail: `s${i}@spam.test` })).status);
    }
    // Four public requests reached the service earlier in this suite, on the other instance: the counter is shared
    // (the fifth, with a kind the form does not take, was refused by validation before it was counted).
    expect(statuses.slice(0, 6)).toEqual([422, 422, 422, 422, 422, 422]);
    expect(statuses.slice(6)).toEqual([429, 429, 429, 429]);
    expect(await requests()).toBe(before);
  });
});
