import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const COMPANY = 'staalwerk-twente@demo.ketenkluis.test';
const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';
const REFRESH = '/api/v1/auth/refresh';

/** Issue 14, item 7: a reload or a link from a mail keeps the person signed in; sign-out and disabling end it at once. */
describe('the refresh cookie (issue 14, item 7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function signIn(email = COMPANY) {
    const res = await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = setCookie.find((c) => c.startsWith('ketenkluis_refresh='));
    expect(cookie, 'login sets the refresh cookie').toBeDefined();
    return { accessToken: res.body.accessToken as string, header: cookie!, pair: cookie!.split(';')[0] };
  }

  it('login sets an HttpOnly, Secure (outside development), SameSite=Strict cookie scoped to the refresh route; the body holds no refresh token', async () => {
    const { header } = await signIn();
    const attrs = header.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('secure');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/api/v1/auth/refresh');
    const login = await t.http().post('/api/v1/auth/login').send({ email: COMPANY, password: DEMO_PASSWORD });
    expect(Object.keys(login.body).sort()).toEqual(['accessToken', 'expiresIn']);
  });

  it('with only the cookie (a reload: no access token in memory) refresh gives a token that works', async () => {
    const { pair } = await signIn();
    const res = await t.http().post(REFRESH).set('cookie', pair).set('content-type', 'application/json').send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: t.config.accessTokenTtlSeconds });
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.person.email).toBe(COMPANY);
    // X-Requested-With serves as well as a JSON body
    expect((await t.http().post(REFRESH).set('cookie', pair).set('x-requested-with', 'fetch')).status).toBe(200);
  });

  it('a cookie-borne refresh without a JSON content-type or X-Requested-With is refused (CSRF), naming the field', async () => {
    const { pair } = await signIn();
    const res = await t.http().post(REFRESH).set('cookie', pair).set('content-type', 'application/x-www-form-urlencoded').send('a=1');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'content-type', problem: expect.stringContaining('application/json') }]);
  });

  it('a tampered or foreign cookie opens nothing', async () => {
    const { pair } = await signIn();
    const [name, value] = pair.split('=');
    const [sid, pid, mac] = value.split('.');
    const flipped = `${name}=${sid}.${pid}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    const json = (c: string) => t.http().post(REFRESH).set('cookie', c).set('content-type', 'application/json').send({});
    expect((await json(flipped)).status).toBe(401);
    expect((await json(`${name}=${sid}.00000000-0000-4000-8000-000000000000.${mac}`)).status).toBe(401);
    expect((await json(`${name}=garbage`)).status).toBe(401);
    expect((await t.http().post(REFRESH).set('content-type', 'application/json').send({})).status).toBe(401);
  });

  it('sign-out ends the session at once: the cookie refreshes nothing more, and the response clears it', async () => {
    const { accessToken, pair } = await signIn();
    const out = await t.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${accessToken}`);
    expect(out.status).toBe(204);
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] ?? []).find((c) => c.startsWith('ketenkluis_refresh='));
    expect(cleared).toMatch(/ketenkluis_refresh=;/);
    expect(cleared?.toLowerCase()).toContain('path=/api/v1/auth/refresh');
    const res = await t.http().post(REFRESH).set('cookie', pair).set('content-type', 'application/json').send({});
    expect(res.status).toBe(401);
  });

  it('disabling the person ends the cookie too', async () => {
    const { pair } = await signIn('metaalbouw-brabant@demo.ketenkluis.test');
    const secretariat = await t.login(SECRETARIAT);
    const [{ id }] = await t.db.query(`SELECT id FROM people WHERE email = 'metaalbouw-brabant@demo.ketenkluis.test'`);
    const disabled = await t.http().post(`/api/v1/people/${id}/disable`).set('authorization', `Bearer ${secretariat}`).send({});
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    const res = await t.http().post(REFRESH).set('cookie', pair).set('content-type', 'application/json').send({});
    expect(res.status).toBe(401);
  });
});
