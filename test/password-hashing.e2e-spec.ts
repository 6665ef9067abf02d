import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const D = '@demo.ketenkluis.test';
const USER = `gieterij-de-hoop${D}`;
const randomToken = () => randomBytes(32).toString('base64url');
const randomEmail = () => `${randomBytes(6).toString('hex')}@nobody.example.test`;
const CLIENTS = 8;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(request: () => Promise<{ status: number }>, expected: number): Promise<number> {
  const started = performance.now();
  const res = await request();
  expect(res.status).toBe(expected);
  return performance.now() - started;
}

/**
 * Issue 12, part 2: Argon2id runs in a bounded worker pool, never on the event loop, and only after the cheap checks.
 * No timed assertion: the /health check compares two latencies measured in the same run on the same machine.
 */
describe('password hashing under a flood of sign-ins and invitation guesses (issue 12, part 2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      // Eight clients behind a trusted proxy (the test's loopback), with limits high enough that the flood reaches the
      // hashing: this suite is about the pool, the rate limits have their own.
      env: {
        TRUST_PROXY: 'loopback',
        PASSWORD_HASH_WORKERS: '1',
        PASSWORD_HASH_QUEUE: '64',
        LOGIN_RATE_LIMIT: '10000',
        LOGIN_RATE_LIMIT_PER_ADDRESS: '100000',
        LOGIN_RATE_LIMIT_PER_ACCOUNT: '100000',
      },
    });
  });
  afterAll(() => t?.close());

  it('/health keeps answering while eight clients flood sign-in with random emails and accept with random links', async () => {
    const health = () => t.http().get('/health');
    const login = () => t.http().post('/api/v1/auth/login').send({ email: USER, password: DEMO_PASSWORD });
    for (let i = 0; i < 3; i++) await timed(login, 200); // warm up: connections, the worker, the JIT
    const idleHealth = median(await sequence(25, () => timed(health, 200)));

    let flooding = true;
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const clients = Array.from({ length: CLIENTS }, async (_, i) => {
      const from = { 'x-forwarded-for': `198.51.100.${i + 1}` };
      while (flooding) {
        const [a, b] = await Promise.all([
          t.http().post('/api/v1/auth/login').set(from).send({ email: randomEmail(), password: 'guess-guess-guess' }),
          t.http().post('/api/v1/invitations/accept').set(from).send({ token: randomToken(), password: 'a-long-enough-password' }),
        ]);
        count(a.status);
        count(b.status);
      }
    });
    let underFlood: number;
    try {
      await new Promise((r) => setTimeout(r, 300)); // let the pool fill up
      underFlood = median(await sequence(25, () => timed(health, 200)));
    } finally {
      flooding = false;
      await Promise.all(clients);
    }
    // The flood did reach the hashing (401 for the unknown emails) and the lookup (404 for the unknown links).
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => ![401, 404, 429].includes(s))).toEqual([]);
    // Were Argon2id on the event loop, every /health would wait behind the hashes in progress: tried, that was about
    // 50 times its idle latency. In the pool it waits only behind the flood's cheap work (lookups, audit entries).
    const detail = `health ${underFlood.toFixed(1)} ms under the flood, ${idleHealth.toFixed(1)} ms idle`;
    expect(underFlood / idleHealth, detail).toBeLessThan(5);
  });
});

describe('a full password-hash pool (issue 12, part 2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        PASSWORD_HASH_WORKERS: '1',
        PASSWORD_HASH_QUEUE: '1',
        LOGIN_RATE_LIMIT: '10000',
        LOGIN_RATE_LIMIT_PER_ADDRESS: '100000',
        LOGIN_RATE_LIMIT_PER_ACCOUNT: '100000',
      },
    });
  });
  afterAll(() => t?.close());

  it('refuses what does not fit with 429 and Retry-After, for an unknown email just as for a known one', async () => {
    for (const email of [() => randomEmail(), () => USER]) {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => t.http().post('/api/v1/auth/login').send({ email: email(), password: 'wrong-password' })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      // the first gets the worker, the next the one place in the queue; those arriving while they hash find no room
      expect(statuses).toContain(401);
      const busy = results.find((r) => r.status === 429)!;
      expect(busy, `statuses ${statuses.join(',')}`).toBeDefined();
      expect(busy.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many requests; try again later' });
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Once the flood is over, the user signs in as usual.
    expect((await t.http().post('/api/v1/auth/login').send({ email: USER, password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('looks an invitation link up before hashing: unknown links are 404 even while the pool is full', async () => {
    const logins = Array.from({ length: 12 }, () => t.http().post('/api/v1/auth/login').send({ email: randomEmail(), password: 'wrong-password' }));
    const accepts = Array.from({ length: 12 }, () => t.http().post('/api/v1/invitations/accept').send({ token: randomToken(), password: 'a-long-enough-password' }));
    const [loginResults, acceptResults] = await Promise.all([Promise.all(logins), Promise.all(accepts)]);
    expect(loginResults.map((r) => r.status)).toContain(429); // the pool was full during the burst
    expect(acceptResults.map((r) => r.status)).toEqual(Array(12).fill(404));
  });
});

async function sequence(n: number, run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await run());
  return out;
}
