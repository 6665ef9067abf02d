import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const D = '@demo.ketenkluis.test';
const TOO_MANY = { statusCode: 429, error: 'Too Many Requests', message: 'Too many requests; try again later' };
const randomToken = () => randomBytes(32).toString('base64url');
const from = (address: string) => ({ 'x-forwarded-for': address });

function expectTooMany(res: { status: number; body: unknown; headers: Record<string, string> }) {
  expect(res.status).toBe(429);
  expect(res.body).toEqual(TOO_MANY);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

/** Issue 12, part 3: the client address is the socket's peer unless TRUST_PROXY names the proxy in front. */
describe('client addresses without a trusted proxy (TRUST_PROXY off, the default, in production too)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // production: where the service used to trust every X-Forwarded-For
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t?.close());

  it('a client cannot reset its login limit by changing X-Forwarded-For', async () => {
    const email = `gieterij-de-hoop${D}`;
    for (let i = 0; i < 10; i++) {
      const res = await t.http().post('/api/v1/auth/login').set(from(`203.0.113.${i + 1}`)).send({ email, password: 'wrong' });
      expect(res.status).toBe(401);
    }
    expectTooMany(await t.http().post('/api/v1/auth/login').set(from('198.51.100.77')).send({ email, password: DEMO_PASSWORD }));
  });

  it('the session records the socket address, not the header', async () => {
    const res = await t.http().post('/api/v1/auth/login').set(from('203.0.113.50')).send({ email: `precisie-delft${D}`, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const [session] = await t.db.query(`SELECT ip::text AS ip FROM sessions ORDER BY created_at DESC LIMIT 1`);
    expect(session.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });
});

describe('a proxy that is not the peer is not trusted either', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '192.0.2.1' } });
  });
  afterAll(() => t?.close());

  it('X-Forwarded-For from any other peer is ignored', async () => {
    const email = `metaalbouw-brabant${D}`;
    for (let i = 0; i < 10; i++) {
      expect((await t.http().post('/api/v1/auth/login').set(from(`203.0.113.${i + 1}`)).send({ email, password: 'wrong' })).status).toBe(401);
    }
    expectTooMany(await t.http().post('/api/v1/auth/login').set(from('198.51.100.78')).send({ email, password: 'wrong' }));
  });
});

/** Issue 12, part 2: limits per client address over all accounts, and per account over all addresses. */
describe('login and invitation limits per client address and per account (behind a trusted proxy)', () => {
  let t: TestApp;
  const env = { TRUST_PROXY: 'loopback', LOGIN_RATE_LIMIT_PER_ADDRESS: '6', LOGIN_RATE_LIMIT_PER_ACCOUNT: '8' };
  beforeAll(async () => {
    t = await startTestApp({ env });
  });
  afterAll(() => t?.close());
  const login = (address: string, email: string, password: string) =>
    t.http().post('/api/v1/auth/login').set(from(address)).send({ email, password });

  it('the trusted proxy reports the client: the session records the forwarded address', async () => {
    expect((await login('203.0.113.60', `precisie-delft${D}`, DEMO_PASSWORD)).status).toBe(200);
    const [session] = await t.db.query(`SELECT ip::text AS ip FROM sessions ORDER BY created_at DESC LIMIT 1`);
    expect(session.ip).toBe('203.0.113.60');
  });

  it('spraying many emails from one address is limited, and only that address', async () => {
    const sprayer = '203.0.113.7';
    for (let i = 0; i < 6; i++) expect((await login(sprayer, `nobody-${i}@example.test`, 'wrong')).status).toBe(401);
    expectTooMany(await login(sprayer, 'nobody-else@example.test', 'wrong'));
    // blocked for a real account too while the block lasts
    expectTooMany(await login(sprayer, `staalwerk-twente${D}`, DEMO_PASSWORD));
    // another address is not affected
    expect((await login('203.0.113.8', `staalwerk-twente${D}`, DEMO_PASSWORD)).status).toBe(200);
  });

  it('successful sign-ins do not use up an address (a shared office address keeps signing in)', async () => {
    const office = '203.0.113.9';
    for (let i = 0; i < 10; i++) expect((await login(office, `staalwerk-twente${D}`, DEMO_PASSWORD)).status, `sign-in ${i}`).toBe(200);
    // ... but its failures still count: signing in to a valid account in between does not reset a spray
    for (let i = 0; i < 5; i++) expect((await login(office, `nobody-${i}@example.test`, 'wrong')).status).toBe(401);
    expect((await login(office, `staalwerk-twente${D}`, DEMO_PASSWORD)).status).toBe(200);
    expect((await login(office, 'nobody-5@example.test', 'wrong')).status).toBe(401);
    expectTooMany(await login(office, 'nobody-6@example.test', 'wrong'));
  });

  it('guessing one account from many addresses is limited across addresses, also on a second instance', async () => {
    const email = `recycling-rijnmond${D}`;
    for (let i = 0; i < 8; i++) expect((await login(`10.1.0.${i + 1}`, email, `guess-${i}`)).status).toBe(401);
    expectTooMany(await login('10.1.0.200', email.toUpperCase(), 'guess-again'));
    const second = await startTestApp({ databaseUrl: t.databaseUrl, env });
    try {
      expectTooMany(await second.http().post('/api/v1/auth/login').set(from('10.1.0.201')).send({ email, password: DEMO_PASSWORD }));
      // other accounts sign in as usual from anywhere
      expect((await second.http().post('/api/v1/auth/login').set(from('10.1.0.202')).send({ email: `precisie-delft${D}`, password: DEMO_PASSWORD })).status).toBe(200);
    } finally {
      await second.close();
    }
    // the counters hold no addresses or emails in clear
    const keys = JSON.stringify(await t.db.query(`SELECT key FROM rate_limits`));
    expect(keys).not.toContain('recycling');
    expect(keys).not.toContain('10.1.0');
  });

  it('invitation links are limited per client address, before anything is looked up', async () => {
    const guesser = '203.0.113.20';
    for (let i = 0; i < 6; i++) {
      const res = await t.http().post('/api/v1/invitations/accept').set(from(guesser)).send({ token: randomToken(), password: 'a-long-enough-password' });
      expect(res.status).toBe(404);
    }
    expectTooMany(await t.http().post('/api/v1/invitations/accept').set(from(guesser)).send({ token: randomToken(), password: 'a-long-enough-password' }));
    expectTooMany(await t.http().get('/api/v1/invitations/check').set(from(guesser)).query({ token: randomToken() }));
    expect((await t.http().get('/api/v1/invitations/check').set(from('203.0.113.21')).query({ token: randomToken() })).status).toBe(404);
  });

  it('and per link across addresses (LOGIN_RATE_LIMIT)', async () => {
    const token = randomToken();
    for (let i = 0; i < 10; i++) {
      const res = await t.http().post('/api/v1/auth/invitations/accept').set(from(`10.2.0.${i + 1}`)).send({ token, password: 'a-long-enough-password' });
      expect(res.status).toBe(404);
    }
    expectTooMany(await t.http().post('/api/v1/auth/invitations/accept').set(from('10.2.0.100')).send({ token, password: 'a-long-enough-password' }));
  });
});
