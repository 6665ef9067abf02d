import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/common/hostile-input.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';
const NUL_PROBLEM = 'must not contain a NUL character';

/** The tables a refused request must leave alone, counted (the audit log without the read entries). */
async function writeCounts(t: TestApp): Promise<Record<string, number>> {
  const [row] = await t.db.query(`
    SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM people)::int AS people,
           (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM cases)::int AS cases,
           (SELECT count(*) FROM case_messages)::int AS messages, (SELECT count(*) FROM nda_signatures)::int AS signatures,
           (SELECT count(*) FROM monitoring_results)::int AS results, (SELECT count(*) FROM outbox)::int AS outbox,
           (SELECT count(*) FROM audit_log WHERE action NOT LIKE '%.read' AND action NOT LIKE '%.list')::int AS audit`);
  return row;
}

describe('hostile values are a 400 naming the field, never a 500 (issue 12, item 4)', () => {
  let t: TestApp;
  let auth: { authorization: string };
  let caseId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    auth = { authorization: `Bearer ${await t.login(SECRETARIAT)}` };
    caseId = randomUUID(); // the demo template holds no case; every request here is refused before any lookup
    [{ id: orgId }] = await t.db.query(`SELECT id FROM organisations WHERE kind = 'company' ORDER BY slug LIMIT 1`);
  });
  afterAll(() => t?.close());

  it('a NUL byte in a JSON string on ten write routes, login included, names the field; nothing is written', async () => {
    const before = await writeCounts(t);
    const writes: Array<[method: 'post' | 'put', path: string, body: Record<string, unknown>, field: string]> = [
      ['post', '/api/v1/auth/login', { email: 'secretariaat@demo.ketenkluis.test', password: 'ketenkluis\u0000demo' }, 'password'],
      ['post', '/api/v1/organisations', { name: 'Stichting\u0000Nul', kind: 'ngo' }, 'name'],
      ['post', `/api/v1/organisations/${orgId}/people`, { name: 'Nul Persoon', email: 'nul\u0000@example.test' }, 'email'],
      ['post', '/api/v1/ndas/signatures', { kind: 'cso-monitoring', sha256: 'a'.repeat(64), signerName: 'Nul\u0000' }, 'signerName'],
      ['post', '/api/v1/cases', { type: 'disclosure', grounds: 'grond\u0000', scope: { countries: ['CD', 'N\u0000'] } }, 'grounds'],
      ['post', `/api/v1/cases/${caseId}/transitions`, { action: 'withdraw', reasons: 'x', proposal: { note: ['ok', 'n\u0000'] } }, 'proposal.note[1]'],
      ['post', `/api/v1/cases/${caseId}/votes`, { vote: 'for\u0000' }, 'vote'],
      ['post', `/api/v1/cases/${caseId}/messages`, { body: 'hallo\u0000' }, 'body'],
      ['post', `/api/v1/cases/${caseId}/consents`, { decision: 'answer', locations: [{ id: 'x', level: 'identity\u0000' }] }, 'locations[0].level'],
      ['put', `/api/v1/monitoring/results/${orgId}/baseline`, { advice: 'advies\u0000' }, 'advice'],
    ];
    for (const [method, path, body, field] of writes) {
      const res = await t.http()[method](path).set(auth).send(body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body, `${method} ${path}`).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request is invalid',
        details: [{ field, problem: NUL_PROBLEM }],
      });
    }
    // a field name with a NUL in it is named too (escaped, so the answer itself holds no NUL)
    const key = await t.http().post('/api/v1/organisations').set(auth).send({ name: 'Stichting', kind: 'ngo', ['ev\u0000il']: 1 });
    expect(key.status).toBe(400);
    expect(key.body.details).toEqual([{ field: 'ev\\0il', problem: 'is not allowed: a field name must not contain a NUL character' }]);
    expect(await writeCounts(t)).toEqual(before);
  });

  it('a NUL byte in audit filters, another query string or a path parameter names the field', async () => {
    for (const [path, field] of [
      ['/api/v1/audit?action=auth.login%00', 'action'],
      ['/api/v1/audit?objectType=case&objectId=a%00b', 'objectId'],
      ['/api/v1/cases?type=disclosure%00', 'type'],
      ['/api/v1/production-locations?year=2026&year=20%0026', 'year[1]'],
      [`/api/v1/organisations/${orgId.slice(0, 8)}%00`, 'id'],
      ['/api/v1/cases/%00', 'id'],
      ['/kerngroep/%00', 'path'],
    ] as const) {
      const res = await t.http().get(path).set(auth);
      expect(res.status, path).toBe(400);
      expect(res.body.details, path).toEqual([{ field, problem: NUL_PROBLEM }]);
    }
    const post = await t.http().post('/api/v1/cases/%00/messages').set(auth).send({ body: 'hallo' });
    expect(post.status).toBe(400);
    expect(post.body.details).toEqual([{ field: 'id', problem: NUL_PROBLEM }]);
  });

  it('JSON nested 10,000 deep (20 kB) on login, messages and transitions is a 400 naming the field', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const before = await writeCounts(t);
    for (const [path, text, field] of [
      ['/api/v1/auth/login', `{"email":${deep},"password":"x"}`, 'email'],
      [`/api/v1/cases/${caseId}/messages`, `{"body":${deep}}`, 'body'],
      [`/api/v1/cases/${caseId}/transitions`, `{"action":"withdraw","proposal":{"a":${deep}}}`, 'proposal'],
      [`/api/v1/cases/${caseId}/transitions`, deep, 'body[0]'],
    ] as const) {
      const res = await t.http().post(path).set(auth).set('content-type', 'application/json').send(text);
      expect(res.status, path).toBe(400);
      expect(res.body.details, path).toEqual([{ field, problem: `nests deeper than ${MAX_JSON_DEPTH} levels` }]);
    }
    // as deep as the limit is still read (and then judged by the route's own rules)
    const ok = `{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    const res = await t.http().post(`/api/v1/cases/${caseId}/messages`).set(auth).set('content-type', 'application/json').send(ok);
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field: 'a', problem: 'is not allowed' });
    expect(await writeCounts(t)).toEqual(before);
  });

  it('page=1e308 is a 400 on page, on every paged list', async () => {
    for (const path of ['/api/v1/production-locations?year=2026&page=1e308', '/api/v1/monitoring/results?page=1e308', '/api/v1/cases?page=1e308']) {
      const res = await t.http().get(path).set(auth);
      expect(res.status, path).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field), path).toEqual(['page']);
    }
  });

  it('authz/explain with an id that is not a record id is a 400 on id', async () => {
    const res = await t.http().get('/api/v1/authz/explain?action=read&subject=Case&id=x').set(auth);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'id', problem: 'must be a record id (a UUID)' }]);
  });

  it('a signed token whose sid (or sub) is not a string is a 400 on the authorization header', async () => {
    const [{ id: sessionId, person_id: personId }] = await t.db.query(`SELECT id, person_id FROM sessions ORDER BY created_at DESC LIMIT 1`);
    const jwt = t.app.get(JwtService, { strict: false });
    for (const [payload, claim] of [
      [{ sub: personId, sid: [sessionId] }, 'sid'],
      [{ sub: { id: personId }, sid: sessionId }, 'sub'],
    ] as const) {
      const token = await jwt.signAsync(payload as object);
      const res = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'authorization', problem: `carries a token whose ${claim} claim is not a string` }]);
    }
    // the same session in a well-formed token still works
    const good = await jwt.signAsync({ sub: personId, sid: sessionId });
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${good}`)).status).toBe(200);
  });
});
