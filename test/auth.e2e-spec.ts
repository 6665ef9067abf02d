import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';
const COMPANY = 'staalwerk-twente@demo.ketenkluis.test';

describe('sign-in, sessions and logout (issue 3, item 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('signs in with the right password and returns a bearer token with its lifetime', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: COMPANY, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: t.config.accessTokenTtlSeconds });
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.email = $1 AND s.revoked_at IS NULL`,
      [COMPANY],
    );
    expect(count).toBeGreaterThanOrEqual(1);
  });

  it('gives the same 401 body for a wrong password, an unknown email and a disabled person', async () => {
    await t.db.query(`UPDATE people SET disabled_at = now() WHERE email = 'kenniscentrum-metalen@demo.ketenkluis.test'`);
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: SECRETARIAT, password: 'not-the-password' });
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@demo.ketenkluis.test', password: DEMO_PASSWORD });
    const disabled = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'kenniscentrum-metalen@demo.ketenkluis.test', password: DEMO_PASSWORD });
    for (const res of [wrong, unknown, disabled]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(wrong.body);
    }
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect' });
  });

  it('accepts the email in any letter case', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: COMPANY.toUpperCase(), password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('refuses a malformed login body with 400 naming the field, not a failed sign-in', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: 42, password: DEMO_PASSWORD, extra: true });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'extra']));
    const bad = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('refuses a request without a token, with a bad token or a forged one with 401', async () => {
    expect((await t.http().get('/api/v1/me')).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set('authorization', 'Bearer nonsense')).status).toBe(401);
    const token = await t.login(COMPANY);
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    const res = await t.http().get('/api/v1/me').set('authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('logout answers 204 and the token fails at once', async () => {
    const token = await t.login(COMPANY);
    const other = await t.login(COMPANY);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    const out = await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${token}`);
    expect(out.status).toBe(204);
    const after = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('The session has ended; sign in again');
    // only that session ended: another sign-in of the same person still works
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${other}`)).status).toBe(200);
  });

  it('a session past its expiry stops the token although the token itself is still valid', async () => {
    const token = await t.login(COMPANY);
    const sid = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sid]);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('refresh gives a new token for a live session, and none for an ended one', async () => {
    const token = await t.login(COMPANY);
    const res = await t.http().post('/api/v1/auth/refresh').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBe(t.config.accessTokenTtlSeconds);
    await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${res.body.accessToken}`).expect(204);
    expect((await t.http().post('/api/v1/auth/refresh').set('authorization', `Bearer ${token}`)).status).toBe(401);
  });
});

describe('login rate limit in PostgreSQL (issue 3, item 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('the eleventh rapid failure for one IP and email is 429 in the API error shape, with Retry-After', async () => {
    const email = 'gieterij-de-hoop@demo.ketenkluis.test';
    for (let i = 0; i < 10; i++) {
      const res = await t.http().post('/api/v1/auth/login').send({ email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const res = await t.http().post('/api/v1/auth/login').send({ email: email.toUpperCase(), password: 'wrong-again' });
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many requests; try again later' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // blocked even with the right password while the block lasts
    expect((await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).status).toBe(429);
    // the counter is a row, not process memory, and holds no email address
    const rows = await t.db.query(`SELECT key, hits FROM rate_limits`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('gieterij');
    // another email from the same IP is not affected
    expect((await t.http().post('/api/v1/auth/login').send({ email: 'precisie-delft@demo.ketenkluis.test', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('a successful sign-in clears the failures before it, so only failures add up', async () => {
    const email = 'metaalbouw-brabant@demo.ketenkluis.test';
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) {
        expect((await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(401);
      }
      expect((await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).status).toBe(200);
    }
  });

  it('a second app instance on the same database sees the same counter', async () => {
    const email = 'recycling-rijnmond@demo.ketenkluis.test';
    const second = await startTestApp({ databaseUrl: t.databaseUrl });
    try {
      for (let i = 0; i < 10; i++) {
        const app = i % 2 === 0 ? t : second;
        expect((await app.http().post('/api/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(401);
      }
      expect((await second.http().post('/api/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(429);
      expect((await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(429);
    } finally {
      await second.close();
    }
  });
});

describe('sign-in is audited (issue 3, item 5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('records sign-in and sign-out with the actor, and a failed sign-in with no actor and the email hashed, never the password', async () => {
    const token = await t.login('branche-metaal@demo.ketenkluis.test');
    await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    await t.http().post('/api/v1/auth/login').send({ email: 'Branche-Metaal@demo.ketenkluis.test', password: 'secret-guess-123' }).expect(401);
    const rows = await t.db.query(
      `SELECT action, actor_person_id, object_type, details FROM audit_log WHERE action LIKE 'auth.%' ORDER BY seq`,
    );
    const [person] = await t.db.query(`SELECT id FROM people WHERE email = 'branche-metaal@demo.ketenkluis.test'`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['auth.login', 'auth.logout', 'auth.login-failed']);
    expect(rows[0]).toMatchObject({ actor_person_id: person.id, object_type: 'Session' });
    expect(rows[1]).toMatchObject({ actor_person_id: person.id, object_type: 'Session' });
    expect(rows[2].actor_person_id).toBeNull();
    expect(rows[2].details.emailHash).toMatch(/^[0-9a-f]{32}$/);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('secret-guess-123');
    expect(text.toLowerCase()).not.toContain('branche-metaal@');
    expect(t.logs()).not.toContain('secret-guess-123');
  });
});
