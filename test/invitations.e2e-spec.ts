import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink, type SunkMail } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = '@demo.ketenkluis.test';
const SECRETARIAT = `secretariaat${D}`;
const UNION_ADMIN = `metaalbond${D}`;
const NEW_PASSWORD = 'een-lang-nieuw-wachtwoord';

/** The token of the invitation link in a mail: `<publicUrl>/invitation?token=<token>`. */
function tokenIn(mail: SunkMail, publicUrl: string): string {
  const m = new RegExp(`${publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/invitation\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m) throw new Error(`no invitation link in: ${mail.text}`);
  return m[1];
}

describe('invitations by mail with a one-time, expiring link (issue 3, item 4)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });
  const orgId = async (slug: string) => (await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id as string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url, INVITATION_TTL_HOURS: '48' } });
    for (const email of [SECRETARIAT, UNION_ADMIN]) tokens[email] = await t.login(email);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it("an organisation admin's invitation reaches the SMTP server; its link sets a password once and then no more", async () => {
    const res = await t.http().post(`/api/v1/organisations/${await orgId('metaalbond')}/people`).set(as(UNION_ADMIN))
      .send({ name: 'Noor Jansen', email: 'Noor.Jansen@Example.test', language: 'nl', roles: ['member'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'noor.jansen@example.test', status: 'invited', roles: ['member'], invitation: { id: expect.any(String) } });
    const hoursValid = (Date.parse(res.body.invitation.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(47.9);
    expect(hoursValid).toBeLessThanOrEqual(48);

    const mail = await sink.waitFor((m) => m.to.includes('noor.jansen@example.test'));
    expect(mail.subject).toBe('Ketenkluis: uitnodiging voor Metaalbond');
    expect(mail.text).toContain('Beste Noor Jansen');
    expect(mail.text).toContain('48 uur');
    const token = tokenIn(mail, t.config.publicUrl);

    // Only the token's SHA-256 is stored with the invitation.
    const [stored] = await t.db.query(`SELECT token_hash FROM invitations WHERE id = $1`, [res.body.invitation.id]);
    expect(Buffer.from(stored.token_hash).equals(createHash('sha256').update(token).digest())).toBe(true);

    const check = await t.http().get('/api/v1/invitations/check').query({ token });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ email: 'noor.jansen@example.test', name: 'Noor Jansen', organisation: { name: 'Metaalbond' } });

    // Not signed in before: no password yet.
    expect((await t.http().post('/api/v1/auth/login').send({ email: 'noor.jansen@example.test', password: NEW_PASSWORD })).status).toBe(401);
    const accept = await t.http().post('/api/v1/invitations/accept').send({ token, password: NEW_PASSWORD });
    expect(accept.status).toBe(200);
    expect(accept.body).toEqual({ email: 'noor.jansen@example.test' });
    const [person] = await t.db.query(`SELECT id, password_hash FROM people WHERE email = 'noor.jansen@example.test'`);
    expect(person.password_hash).toMatch(/^\$argon2id\$/);
    const login = await t.http().post('/api/v1/auth/login').send({ email: 'noor.jansen@example.test', password: NEW_PASSWORD });
    expect(login.status).toBe(200);

    // Once and no more: the link is spent, whether checked or used again (also under the web front end's path).
    const again = await t.http().post('/api/v1/invitations/accept').send({ token, password: 'een-ander-wachtwoord-nog' });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already been used/);
    expect((await t.http().post('/api/v1/auth/invitations/accept').send({ token, password: 'een-ander-wachtwoord-nog' })).status).toBe(410);
    expect((await t.http().get('/api/v1/invitations/check').query({ token })).status).toBe(410);
    const still = await t.http().post('/api/v1/auth/login').send({ email: 'noor.jansen@example.test', password: NEW_PASSWORD });
    expect(still.status).toBe(200);

    const actions = await t.db.query(
      `SELECT action, actor_person_id FROM audit_log WHERE (object_type = 'Person' AND object_id = $1) OR (object_type = 'Invitation' AND object_id = $2) ORDER BY seq`,
      [person.id, res.body.invitation.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['people.invite', 'auth.invitation-accepted']);
    expect(actions[1].actor_person_id).toBe(person.id);
    // The token never reaches the log (the link's query string is not logged), and the delivered mail's copy in
    // the outbox no longer holds it.
    expect(t.logs()).not.toContain(token);
    const sentBodies = (): Promise<Array<{ body_text: string }>> =>
      t.db.query(`SELECT body_text FROM outbox WHERE template = 'identity.invitation' AND status = 'sent'`);
    // The worker marks the row sent just after the SMTP server took the mail: wait for that commit.
    for (let i = 0; i < 100 && (await sentBodies()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const bodies = await sentBodies();
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) expect(b.body_text).not.toContain(token);
  });

  it('an expired link fails with 410 and sets no password; a new invitation replaces it', async () => {
    const res = await t.http().post(`/api/v1/organisations/${await orgId('kivu-mining-watch')}/people`).set(as(SECRETARIAT))
      .send({ name: 'Baraka Kivu', email: 'baraka@example.test', language: 'en', roles: ['member', 'org_admin'] });
    expect(res.status).toBe(201);
    const mail = await sink.waitFor((m) => m.to.includes('baraka@example.test'));
    expect(mail.subject).toBe('Ketenkluis: invitation for Kivu Mining Watch');
    expect(mail.text).toContain('expires after 48 hours');
    const token = tokenIn(mail, t.config.publicUrl);

    // The clock moves past the link's lifetime.
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [res.body.invitation.id]);
    const check = await t.http().get('/api/v1/invitations/check').query({ token });
    expect(check.status).toBe(410);
    expect(check.body.message).toMatch(/expired/);
    const accept = await t.http().post('/api/v1/invitations/accept').send({ token, password: NEW_PASSWORD });
    expect(accept.status).toBe(410);
    const [person] = await t.db.query(`SELECT id, password_hash FROM people WHERE email = 'baraka@example.test'`);
    expect(person.password_hash).toBeNull();

    const again = await t.http().post(`/api/v1/people/${person.id}/invitation`).set(as(SECRETARIAT));
    expect(again.status).toBe(201);
    const second = await sink.waitFor((m) => m.to.includes('baraka@example.test') && m.messageId !== mail.messageId);
    const fresh = tokenIn(second, t.config.publicUrl);
    expect(fresh).not.toBe(token);
    expect((await t.http().post('/api/v1/invitations/accept').send({ token: fresh, password: NEW_PASSWORD })).status).toBe(200);
    expect((await t.http().post(`/api/v1/people/${person.id}/invitation`).set(as(SECRETARIAT))).status).toBe(409);
  });

  it('an unknown or malformed token is 404; a short password is 400 naming the field', async () => {
    expect((await t.http().get('/api/v1/invitations/check').query({ token: 'A'.repeat(43) })).status).toBe(404);
    expect((await t.http().post('/api/v1/invitations/accept').send({ token: 'A'.repeat(43), password: NEW_PASSWORD })).status).toBe(404);
    const short = await t.http().post('/api/v1/invitations/accept').send({ token: 'A'.repeat(43), password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
  });

  it('an email that already has an account answers like any other invitation; its owner is told, nobody gets a link (issue 12, part 5)', async () => {
    const existing = `vakbond-industrie${D}`;
    const [{ n: accountsBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM people WHERE email = $1`, [existing]);
    const fresh = await t.http().post(`/api/v1/organisations/${await orgId('metaalbond')}/people`).set(as(UNION_ADMIN))
      .send({ name: 'Nieuw Iemand', email: 'nieuw.iemand@example.test' });
    const res = await t.http().post(`/api/v1/organisations/${await orgId('metaalbond')}/people`).set(as(UNION_ADMIN))
      .send({ name: 'Dubbel', email: `Vakbond-Industrie${D}` });
    // The same status and the same shape as the invitation of an unknown address: nothing tells that the account exists.
    expect(fresh.status).toBe(201);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(Object.keys(res.body.invitation).sort()).toEqual(Object.keys(fresh.body.invitation).sort());
    expect(res.body).toMatchObject({ email: existing, name: 'Dubbel', status: 'invited', roles: ['member'], organisationId: await orgId('metaalbond') });
    expect(Math.abs(Date.parse(res.body.invitation.expiresAt) - Date.parse(fresh.body.invitation.expiresAt))).toBeLessThan(60_000);
    // No second account, no invitation link for it; the existing account is untouched.
    const [{ n: accountsAfter }] = await t.db.query(`SELECT count(*)::int AS n FROM people WHERE email = $1`, [existing]);
    expect(accountsAfter).toBe(accountsBefore);
    const [{ n: links }] = await t.db.query(
      `SELECT count(*)::int AS n FROM invitations i JOIN people p ON p.id = i.person_id WHERE p.email = $1`, [existing]);
    expect(links).toBe(0);
    // The account's owner learns of it, in their own mail, without a link to set a password.
    const notice = await sink.waitFor((m) => m.to.includes(existing));
    expect(notice.subject).toBe('Ketenkluis: uitnodiging voor Metaalbond');
    expect(notice.text).toContain('bestaat al een account');
    expect(notice.text).not.toContain('token=');
    // The secretariat's audit log says what happened.
    const [entry] = await t.db.query(`SELECT action FROM audit_log WHERE action = 'people.invite-existing-account'`);
    expect(entry).toBeDefined();
  });

  it('two submissions of one link at the same moment: exactly one sets the password', async () => {
    await t.http().post(`/api/v1/organisations/${await orgId('metaalbond')}/people`).set(as(UNION_ADMIN))
      .send({ name: 'Gelijk Tijdig', email: 'race@example.test', language: 'en' });
    const token = tokenIn(await sink.waitFor((m) => m.to.includes('race@example.test')), t.config.publicUrl);
    const passwords = ['race-password-number-one', 'race-password-number-two', 'race-password-number-six'];
    const results = await Promise.all(passwords.map((password) => t.http().post('/api/v1/invitations/accept').send({ token, password })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    const winner = passwords[results.findIndex((r) => r.status === 200)];
    for (const password of passwords) {
      const login = await t.http().post('/api/v1/auth/login').send({ email: 'race@example.test', password });
      expect(login.status, password).toBe(password === winner ? 200 : 401);
    }
  });

  it("a disabled person's unused link stops working", async () => {
    const res = await t.http().post(`/api/v1/organisations/${await orgId('metaalbond')}/people`).set(as(UNION_ADMIN))
      .send({ name: 'Vertrekt Snel', email: 'vertrekt@example.test' });
    const token = tokenIn(await sink.waitFor((m) => m.to.includes('vertrekt@example.test')), t.config.publicUrl);
    expect((await t.http().post(`/api/v1/people/${res.body.id}/disable`).set(as(SECRETARIAT))).status).toBe(200);
    expect((await t.http().post('/api/v1/invitations/accept').send({ token, password: NEW_PASSWORD })).status).toBe(410);
  });
});
