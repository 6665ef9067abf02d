import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../src/bootstrap.js';
import { SUBJECTS } from '../src/policies/subjects.js';
import { appRoutes } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 4, item 3: every route is guarded, deny by default. Only /health, the docs, login and invitation
 * acceptance are public; every other route names an action and a subject that the policy catalogue knows.
 */
const PUBLIC_ALLOWED = [
  /^GET \/health$/,
  /^POST \/api\/v1\/auth\/login$/,
  // the refresh cookie (or a still-valid bearer token) is the credential, checked against the live session (issue 14, item 7)
  /^POST \/api\/v1\/auth\/refresh$/,
  // issue 17: the second sign-in step (the pending token proves the password) and sign-in with a passkey alone
  /^POST \/api\/v1\/auth\/(second-factor|passkey|passkey\/options)$/,
  // invitation acceptance: check a one-time link, then set a password with it
  /^(GET|POST) \/api\/v1\/(auth\/)?invitations\/(check|accept|:\w+|:\w+\/accept)$/,
  // art. 77: the Kerngroep makes a removal public with a short explanation
  /^GET \/api\/v1\/public\/removals$/,
  // art. 70: an organisation that wants to join files its motivated request through the public form
  /^POST \/api\/v1\/accession-requests$/,
  // art. 33, 51: the published yearly report, its PDF and CSV, on the agreement's website (issue 15, item 5)
  /^GET \/api\/v1\/public\/yearly-reports(\/:year(\/pdf|\/csv)?)?$/,
];

describe('every route has a policy or is public (issue 4, item 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('every controller route declares @Policy (with a known action and subject) or is one of the public routes', () => {
    const routes = appRoutes(t.app);
    console.log(`routes enumerated: ${routes.length}`);
    expect(routes.length).toBeGreaterThan(15);
    const problems: string[] = [];
    for (const r of routes) {
      const name = `${r.method} ${r.path}`;
      if (r.isPublic) {
        if (!PUBLIC_ALLOWED.some((p) => p.test(name))) problems.push(`${name} is public but not on the list of public routes`);
        continue;
      }
      if (!r.policy) {
        problems.push(`${name} (${r.controller}.${r.handler}) has no @Policy`);
        continue;
      }
      const subject = SUBJECTS[r.policy.subject];
      if (!subject) problems.push(`${name}: unknown subject ${r.policy.subject}`);
      else if (!subject.actions.includes(r.policy.action)) problems.push(`${name}: ${r.policy.action} is not an action on ${r.policy.subject}`);
    }
    expect(problems).toEqual([]);
  });

  it('every API route Fastify serves is a controller route (nothing reaches the app around the guard)', () => {
    const known = new Set(appRoutes(t.app).map((r) => `${r.method} ${r.path}`));
    const served = routesOf(t.app)
      .filter((r) => r.url.startsWith('/api/') || r.url === '/health')
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${r.url}`);
    expect(served.filter((r) => !known.has(r))).toEqual([]);
  });

  it('without a token every guarded route answers 401, never data', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const r of appRoutes(t.app).filter((x) => !x.isPublic)) {
      const path = r.path.replace(/:(\w+)/g, (_m, p: string) => (p === 'round' ? 'baseline' : uuid));
      const res = await t.http()[r.method.toLowerCase() as 'get'](path).send({});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });
});
