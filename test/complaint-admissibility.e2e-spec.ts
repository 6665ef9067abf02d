import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, email, orgId } from './support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Complaints (issue 13, part 8; art. 83-86) through HTTP on the real app, PostgreSQL and SMTP: a complaint names the
 * company and the commitment; before any vote the chair or the secretariat declares it admissible or not, with a
 * reason; one about something else is pointed to the company's own grievance mechanism or the National Contact Point.
 */
describe('complaint admissibility (art. 83-86)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const api: Record<string, Api> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    for (const slug of ['secretariaat', 'voorzitter', 'groene-keten', 'koperwerk-zeeland', 'metaalbond', 'eerlijk-erts', 'staalwerk-twente', 'kenniscentrum-metalen']) {
      api[slug] = await as(t, slug);
    }
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const file = async (commitment?: { kind: string; reference?: string }) => {
    const res = await api['groene-keten'].post('/api/v1/cases', { type: 'complaint', grounds: 'Forced labour found at a smelter in its chain', companyId: await orgId(t, 'koperwerk-zeeland'), ...(commitment ? { commitment } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const rows = async (id: string) => ({
    declared: (await t.db.query(`SELECT count(*)::int AS n FROM complaint_admissibility WHERE case_id = $1`, [id]))[0].n,
    rulings: (await t.db.query(`SELECT count(*)::int AS n FROM rulings WHERE case_id = $1`, [id]))[0].n,
    state: (await t.db.query(`SELECT state FROM cases WHERE id = $1`, [id]))[0].state,
  });

  it('art. 85: a company records its grievance mechanism in its profile; every party sees it, nobody else edits it', async () => {
    const koperwerk = await orgId(t, 'koperwerk-zeeland');
    const put = await t.http().put(`/api/v1/organisations/${koperwerk}/grievance-mechanism`).set('authorization', `Bearer ${api['koperwerk-zeeland'].token}`)
      .send({ description: 'Complaints about our supply chain: write to our grievance officer', url: 'https://koperwerk.example/grievances' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const seen = await api['eerlijk-erts'].get(`/api/v1/organisations/${koperwerk}/grievance-mechanism`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ url: 'https://koperwerk.example/grievances', nationalContactPoint: { article: '86' } });
    const other = await t.http().put(`/api/v1/organisations/${koperwerk}/grievance-mechanism`).set('authorization', `Bearer ${api['staalwerk-twente'].token}`).send({ description: 'x' });
    expect(other.status).toBe(403);
    expect((await api['kenniscentrum-metalen'].get(`/api/v1/organisations/${koperwerk}/grievance-mechanism`)).status).toBe(403);
    const badUrl = await t.http().put(`/api/v1/organisations/${koperwerk}/grievance-mechanism`).set('authorization', `Bearer ${api['koperwerk-zeeland'].token}`).send({ description: 'x', url: 'ftp://x' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.details[0].field).toBe('url');
  });

  it('art. 83: no vote before the admissibility is declared; a bare transition cannot declare it', async () => {
    const id = await file();
    expect((await rows(id)).state).toBe('awaiting_admissibility');
    // No ruling is opened before the declaration, so no seat has a part in the case yet: a seat holder's vote gets the
    // same 404 as an unknown case (issue 11), and nothing is recorded (once declared, the same seat votes: 201, below).
    expect((await api['metaalbond'].post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(404);
    expect(await t.db.query(`SELECT 1 FROM ruling_votes v JOIN rulings r ON r.id = v.ruling_id WHERE r.case_id = $1`, [id])).toHaveLength(0);
    const bare = await api['secretariaat'].post(`/api/v1/cases/${id}/transitions`, { action: 'declare-admissible' });
    expect(bare.status).toBe(400);
    expect(bare.body.details[0].field).toBe('action');
    expect(await rows(id)).toMatchObject({ declared: 0, rulings: 0, state: 'awaiting_admissibility' });
    // Only the chair and secretariat staff declare (policies/cases.yaml): not the complainant, not a seat holder.
    for (const slug of ['groene-keten', 'metaalbond']) {
      const r = await api[slug].post(`/api/v1/cases/${id}/admissibility`, { admissible: true, reason: 'lack-of-progress', explanation: 'x', commitment: { kind: 'plan-of-action' } });
      expect(r.status, slug).toBe(403);
    }
  });

  it('bad declarations are refused naming the field and the article; nothing is written', async () => {
    const id = await file();
    const noCommitment = await api['secretariaat'].post(`/api/v1/cases/${id}/admissibility`, { admissible: true, reason: 'lack-of-progress', explanation: 'About progress' });
    expect(noCommitment.status).toBe(422);
    expect(noCommitment.body.details[0]).toMatchObject({ field: 'commitment' });
    expect(noCommitment.body.details[0].problem).toContain('art. 83');
    const wrongReason = await api['secretariaat'].post(`/api/v1/cases/${id}/admissibility`, { admissible: true, reason: 'financial-dispute', explanation: 'x', commitment: { kind: 'plan-of-action' } });
    expect(wrongReason.status).toBe(422);
    expect(wrongReason.body.details[0].field).toBe('reason');
    const badKind = await api['secretariaat'].post(`/api/v1/cases/${id}/admissibility`, { admissible: true, reason: 'lack-of-progress', explanation: 'x', commitment: { kind: 'money' } });
    expect(badKind.status).toBe(400);
    expect(badKind.body.details[0].field).toContain('commitment');
    expect(await rows(id)).toMatchObject({ declared: 0, rulings: 0, state: 'awaiting_admissibility' });
  });

  it('art. 83, 85-86: a complaint about a violation in a supply chain is not admissible and is pointed to the company mechanism or the NCP', async () => {
    const id = await file();
    const res = await api['secretariaat'].post(`/api/v1/cases/${id}/admissibility`, {
      admissible: false,
      reason: 'supply-chain-violation',
      explanation: 'An alleged violation in the supply chain is not a lack of progress on a commitment (art. 83).',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'not_admissible', declared: { admissible: false, reason: 'supply-chain-violation' } });
    expect(res.body.pointer.grievanceMechanism).toMatchObject({ url: 'https://koperwerk.example/grievances' });
    expect(res.body.pointer.nationalContactPoint.article).toBe('86');
    // The complainant reads the reason and where to go; the mail tells it too, and links to the case.
    const mine = await api['groene-keten'].get(`/api/v1/cases/${id}/admissibility`);
    expect(mine.status).toBe(200);
    expect(mine.body.pointer.grievanceMechanism.description).toContain('grievance officer');
    const mail = await sink.waitFor((m) => m.to.includes(email('groene-keten')) && m.subject.includes('niet ontvankelijk'));
    expect(mail.text).toContain('Nationaal Contactpunt');
    expect(mail.text).toContain(id);
    // Nothing goes before the Kerngroep; a second declaration is refused.
    expect(await rows(id)).toMatchObject({ declared: 1, rulings: 0, state: 'not_admissible' });
    // No ruling was opened, so no seat holder has a part in it: its vote gets the same 404 as an unknown case (issue 11).
    expect((await api['metaalbond'].post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(404);
    expect(await rows(id)).toMatchObject({ rulings: 0, state: 'not_admissible' });
    expect((await api['voorzitter'].post(`/api/v1/cases/${id}/admissibility`, { admissible: true, reason: 'lack-of-progress', explanation: 'x', commitment: { kind: 'plan-of-action' } })).status).toBe(409);
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'cases.admissibility' AND object_id = $1`, [id]);
    expect(audit.details).toMatchObject({ admissible: false, reason: 'supply-chain-violation' });
  });

  it('art. 83-84: the chair declares a complaint about lack of progress admissible; then the Kerngroep rules, the company recused', async () => {
    const id = await file({ kind: 'monitoring-section', reference: 'baseline, OECD step 3' });
    const res = await api['voorzitter'].post(`/api/v1/cases/${id}/admissibility`, { admissible: true, reason: 'lack-of-progress', explanation: 'No progress on the improvement of step 3 since the baseline.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'awaiting_ruling', commitment: { kind: 'monitoring-section' }, pointer: null });
    expect(await rows(id)).toMatchObject({ declared: 1, rulings: 1, state: 'awaiting_ruling' });
    const [ruling] = await t.db.query(`SELECT concerned_organisation_ids FROM rulings WHERE case_id = $1`, [id]);
    expect(ruling.concerned_organisation_ids).toEqual([await orgId(t, 'koperwerk-zeeland')]);
    expect((await api['metaalbond'].post(`/api/v1/cases/${id}/votes`, { vote: 'for' })).status).toBe(201);
    await sink.waitFor((m) => m.to.includes(email('groene-keten')) && m.subject.includes('ontvankelijk verklaard') && !m.subject.includes('niet'));
  });
});
