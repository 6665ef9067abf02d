import { randomBytes } from 'node:crypto';
import type { Bench } from './harness.js';

const USER = 'gieterij-de-hoop@demo.ketenkluis.test';
const PASSWORD = 'ketenkluis-demo';
const FLOODERS = 8;
const ROUND_MS = 5000;

interface Rate {
  /** successful sign-ins of the legitimate user per second */
  perSecond: number;
  /** the user's attempts answered 429 (the pool's queue was full) */
  refused: number;
  /** the flood's requests answered, per second */
  flood: number;
}

/**
 * Issue 12's benchmark: how fast a legitimate user still signs in while others flood the sign-in with random emails
 * (each costing one Argon2id hash in the worker pool) and the invitation page with random links, as a ratio to the
 * same user signing in on an idle service. Each flooder is its own client address behind a trusted proxy, and the
 * rate limits are lifted, so the flood reaches the pool: this measures the pool, not the limits. The user signs in
 * one attempt after another, as a person at a browser would; a 429 counts as a failed attempt.
 */
export const benches: Bench[] = [
  {
    name: 'auth login under hashing flood',
    async run(ctx) {
      const app = await ctx.startApp({ env: { TRUST_PROXY: 'loopback', LOGIN_RATE_LIMIT: '10000' } });
      try {
        const post = (path: string, body: unknown, address = '127.0.0.1') =>
          fetch(`${app.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
            body: JSON.stringify(body),
          });
        const measure = async (flooders: number): Promise<Rate> => {
          let running = true;
          let flood = 0;
          const floods = Array.from({ length: flooders }, async (_, i) => {
            const address = `198.51.100.${i + 1}`;
            while (running) {
              const hex = randomBytes(8).toString('hex');
              const res = i % 2 === 0
                ? await post('/api/v1/auth/login', { email: `${hex}@nobody.example.test`, password: 'guess-guess-guess' }, address)
                : await post('/api/v1/invitations/accept', { token: randomBytes(32).toString('base64url'), password: 'a-long-enough-password' }, address);
              await res.arrayBuffer();
              flood++;
            }
          });
          await new Promise((r) => setTimeout(r, flooders ? 500 : 0)); // let the flood fill the pool
          const floodStart = flood;
          let ok = 0;
          let refused = 0;
          const started = performance.now();
          try {
            while (performance.now() - started < ROUND_MS) {
              const res = await post('/api/v1/auth/login', { email: USER, password: PASSWORD });
              await res.arrayBuffer();
              if (res.status === 200) ok++;
              else if (res.status === 429) refused++;
              else throw new Error(`the user's sign-in answered ${res.status}`);
            }
          } finally {
            running = false;
            await Promise.all(floods);
          }
          const seconds = (performance.now() - started) / 1000;
          return { perSecond: ok / seconds, refused, flood: (flood - floodStart) / seconds };
        };

        await measure(0); // warm up
        // Alternate rounds so neither profits from a quieter moment of the machine.
        const idle: Rate[] = [];
        const flooded: Rate[] = [];
        for (let round = 0; round < 2; round++) {
          idle.push(await measure(0));
          flooded.push(await measure(FLOODERS));
        }
        const mean = (rs: Rate[], f: (r: Rate) => number) => rs.reduce((n, r) => n + f(r), 0) / rs.length;
        const idleRate = mean(idle, (r) => r.perSecond);
        const floodedRate = mean(flooded, (r) => r.perSecond);
        const workers = app.config.passwordHashWorkers;
        ctx.report(`auth: legitimate sign-ins on an idle service (${workers} hash worker${workers === 1 ? '' : 's'})`, idleRate, 'logins/s');
        ctx.report(`auth: legitimate sign-ins under a flood of ${FLOODERS} clients`, floodedRate, 'logins/s', { value: floodedRate / idleRate, to: 'idle sign-ins' });
        ctx.report('auth: the flood answered meanwhile', mean(flooded, (r) => r.flood), 'requests/s');
        ctx.report("auth: the user's attempts refused with 429 under the flood", mean(flooded, (r) => r.refused), 'per round');
      } finally {
        await app.close();
      }
    },
  },
];
