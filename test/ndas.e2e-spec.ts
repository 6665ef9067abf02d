import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = 'demo.ketenkluis.test';
const NGO = `mensenrechten-monitor@${D}`; // takes part in a module (art. 13)
const SEC = `secretariaat@${D}`;

/** Confidentiality agreements (issue 4, item 5; DOMAIN.md "Confidentiality agreements"). */
describe('NDAs: texts, signing, expiry, revocation, new versions (art. 13, 21, 22, 56, annex)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const tokens: Record<string, string> = {};
  const as = (email: string) => ({ Authorization: `Bearer ${tokens[email]}` });
  const current = async (kind: string) => {
    const res = await t.http().get('/api/v1/ndas/texts').set(as(NGO));
    return res.body.find((x: { kind: string }) => x.kind === kind) as { id: string; sha256: string; version: number; text: string };
  };
  const activeKinds = async (email: string) =>
    ((await t.http().get('/api/v1/me').set(as(email))).body.activeNdas as Array<{ kind: string }>).map((n) => n.kind);
  const readResult = async (email: string) => {
    const [c] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
    return t.http().get(`/api/v1/monitoring/results/${c.id}/baseline`).set(as(email));
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    for (const e of [NGO, SEC, `groene-keten@${D}`, `metaalbond@${D}`, `staalwerk-twente@${D}`, `kenniscentrum-metalen@${D}`]) tokens[e] = await t.login(e);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('lists the current text of every kind with its SHA-256 (demo data: version 1, nobody signed)', async () => {
    const res = await t.http().get('/api/v1/ndas/texts').set(as(NGO));
    expect(res.status).toBe(200);
    expect(res.body.map((x: { kind: string }) => x.kind).sort()).toEqual(
      ['company-region', 'cso-monitoring', 'disclosure', 'secretariat-obligation', 'supporters-protocol'],
    );
    const { createHash } = await import('node:crypto');
    for (const x of res.body) expect(x.sha256).toBe(createHash('sha256').update(x.text, 'utf8').digest('hex'));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM nda_signatures`);
    expect(n).toBe(0);
  });

  it('signing needs the hash of the current text (409 otherwise) and a typed name (400), and nothing is written on refusal', async () => {
    const text = await current('cso-monitoring');
    const stale = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: 'a'.repeat(64), signerName: 'Mira Monitor' });
    expect(stale.status).toBe(409);
    const noName = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: ' ' });
    expect(noName.status).toBe(400);
    expect(noName.body.details.map((d: { field: string }) => d.field)).toContain('signerName');
    const badKind = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'pinky-promise', sha256: text.sha256, signerName: 'Mira' });
    expect(badKind.status).toBe(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM nda_signatures`);
    expect(n).toBe(0);
  });

  it('an organisation signs only the kinds meant for it: a company signs none, a supporter not the CSO NDA', async () => {
    const text = await current('cso-monitoring');
    const company = await t.http().post('/api/v1/ndas/signatures').set(as(`staalwerk-twente@${D}`)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Tessa Twente' });
    expect(company.status).toBe(403);
    const supporter = await t.http().post('/api/v1/ndas/signatures').set(as(`kenniscentrum-metalen@${D}`)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Karin Kennis' });
    expect(supporter.status).toBe(403);
    const protocol = await current('supporters-protocol');
    const ok = await t.http().post('/api/v1/ndas/signatures').set(as(`kenniscentrum-metalen@${D}`)).send({ kind: 'supporters-protocol', sha256: protocol.sha256, signerName: 'Karin Kennis' });
    expect(ok.status).toBe(201);
  });

  let signatureId: string;
  it('a CSO party in a module signs the art-13 NDA: 201, audited, and it opens the CSO view of monitoring results at once', async () => {
    expect((await readResult(NGO)).status).toBe(403);
    expect((await readResult(NGO)).body.missing).toEqual(['nda:cso-monitoring']);
    const text = await current('cso-monitoring');
    const res = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Mira Monitor' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'cso-monitoring', version: text.version, sha256: text.sha256, signerName: 'Mira Monitor', status: 'active', revokedAt: null });
    signatureId = res.body.id;
    const [audit] = await t.db.query(`SELECT action, object_type, object_id FROM audit_log WHERE action = 'ndas.sign' AND object_id = $1`, [signatureId]);
    expect(audit).toBeDefined();
    expect(await activeKinds(NGO)).toEqual(['cso-monitoring']);
    const read = await readResult(NGO);
    expect(read.status).toBe(200);
    expect(read.body.sections.map((s: { reportsOn: string }) => s.reportsOn).sort()).toEqual(['planOfAction', 'planOfAction', 'risks']);
  });

  it('signatures: an organisation sees its own; the secretariat sees all; another organisation gets 404 for the id', async () => {
    const own = await t.http().get('/api/v1/ndas/signatures').set(as(NGO));
    expect(own.body.map((s: { id: string }) => s.id)).toEqual([signatureId]);
    const all = await t.http().get('/api/v1/ndas/signatures').set(as(SEC));
    expect(all.body.length).toBe(2);
    expect((await t.http().get(`/api/v1/ndas/signatures/${signatureId}`).set(as(`groene-keten@${D}`))).status).toBe(404);
    expect((await t.http().get(`/api/v1/ndas/signatures/${signatureId}`).set(as(NGO))).status).toBe(200);
  });

  it('an expired signature grants nothing', async () => {
    const other = `metaalbond@${D}`;
    const text = await current('cso-monitoring');
    const res = await t.http().post('/api/v1/ndas/signatures').set(as(other)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Mo Metaal' });
    expect(res.status).toBe(201);
    expect((await readResult(other)).status).toBe(200);
    await t.db.query(`UPDATE nda_signatures SET signed_at = now() - interval '800 days', expires_at = now() - interval '1 day' WHERE id = $1`, [res.body.id]);
    expect((await readResult(other)).status).toBe(403);
    expect((await t.http().get(`/api/v1/ndas/signatures/${res.body.id}`).set(as(other))).body.status).toBe('expired');
  });

  it('only the secretariat revokes (403 for the signer); a revoked signature grants nothing; revoking twice is 409; audited', async () => {
    expect((await t.http().post(`/api/v1/ndas/signatures/${signatureId}/revoke`).set(as(NGO)).send({})).status).toBe(403);
    const res = await t.http().post(`/api/v1/ndas/signatures/${signatureId}/revoke`).set(as(SEC)).send({ reason: 'shared a score externally' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('revoked');
    expect((await readResult(NGO)).status).toBe(403);
    expect(await activeKinds(NGO)).toEqual([]);
    expect((await t.http().post(`/api/v1/ndas/signatures/${signatureId}/revoke`).set(as(SEC)).send({})).status).toBe(409);
    const mail = await sink.waitFor((x) => x.to.includes(NGO) && x.subject.includes('ingetrokken'));
    expect(mail.text).not.toContain('shared a score externally');
    const rows = await t.db.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [signatureId]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['ndas.sign', 'ndas.revoke']);
  });

  it('a new text version makes older signatures grant nothing until re-signed, and mails their signers (outbox, same transaction)', async () => {
    const text = await current('cso-monitoring');
    const sign = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Mira Monitor' });
    expect(sign.status).toBe(201);
    expect((await readResult(NGO)).status).toBe(200);
    const notSec = await t.http().post('/api/v1/ndas/texts').set(as(NGO)).send({ kind: 'cso-monitoring', title: 'v2', text: 'A new text of the monitoring NDA, version two.' });
    expect(notSec.status).toBe(403);
    const pub = await t.http().post('/api/v1/ndas/texts').set(as(SEC)).send({ kind: 'cso-monitoring', title: 'Monitoring NDA v2', text: 'A new text of the monitoring NDA, version two.' });
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe(text.version + 1);
    expect((await readResult(NGO)).status).toBe(403);
    expect((await t.http().get(`/api/v1/ndas/signatures/${sign.body.id}`).set(as(NGO))).body.status).toBe('superseded');
    const mail = await sink.waitFor((m) => m.to.includes(NGO));
    expect(mail.subject).toContain('geheimhoudingsovereenkomst voor CSO-monitoring'); // the kind in words (issue 14, item 6)
    expect(mail.subject).not.toContain('cso-monitoring');
    // The old hash no longer signs; the new one does, and access returns.
    const old = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Mira Monitor' });
    expect(old.status).toBe(409);
    const again = await t.http().post('/api/v1/ndas/signatures').set(as(NGO)).send({ kind: 'cso-monitoring', sha256: pub.body.sha256, signerName: 'Mira Monitor' });
    expect(again.status).toBe(201);
    expect((await readResult(NGO)).status).toBe(200);
  });

  it('without module participation an active NDA opens nothing (art. 13, footnote 4)', async () => {
    const noModule = `eerlijk-erts@${D}`;
    tokens[noModule] = await t.login(noModule);
    const text = await current('cso-monitoring');
    expect((await t.http().post('/api/v1/ndas/signatures').set(as(noModule)).send({ kind: 'cso-monitoring', sha256: text.sha256, signerName: 'Eva Erts' })).status).toBe(201);
    const res = await readResult(noModule);
    expect(res.status).toBe(403);
    expect(res.body.missing).toEqual(['module:any']);
  });

  it('signing while a new version is published: every signature is of the new version or its signer gets the mail', async () => {
    const people = [`groene-keten@${D}`, `vakbond-industrie@${D}`, `metaalbond@${D}`];
    for (const e of people) tokens[e] ??= await t.login(e);
    const before = await current('company-region');
    const [signs, pub] = await Promise.all([
      Promise.all(people.map((e) => t.http().post('/api/v1/ndas/signatures').set(as(e)).send({ kind: 'company-region', sha256: before.sha256, signerName: 'Racing Signer' }))),
      t.http().post('/api/v1/ndas/texts').set(as(SEC)).send({ kind: 'company-region', title: 'Clause v2', text: 'The company-by-region clause, second version.' }),
    ]);
    expect(pub.status).toBe(201);
    const mailed = new Set(
      (await t.db.query(`SELECT to_address FROM outbox WHERE template = 'ndas.new-version' AND subject LIKE '%bedrijven-per-regio%'`)).map((r: { to_address: string }) => r.to_address),
    );
    signs.forEach((res, i) => {
      expect([201, 409]).toContain(res.status);
      if (res.status === 201) expect(mailed.has(people[i]), `${people[i]} signed v${res.body.version} but got no mail`).toBe(true);
    });
  });
});
