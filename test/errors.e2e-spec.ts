import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';
const ERROR_KEYS = ['details', 'error', 'message', 'statusCode'];

describe('bad input: 400 naming each field, nothing written, no stack traces (issue 3, item 7)', () => {
  let t: TestApp;
  let auth: { authorization: string };
  let metaalbond: string;
  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM people)::int AS people,
                               (SELECT count(*) FROM invitations)::int AS invitations, (SELECT count(*) FROM outbox)::int AS outbox,
                               (SELECT count(*) FROM audit_log)::int AS audit`)
    )[0];
  const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field).sort();

  beforeAll(async () => {
    t = await startTestApp();
    auth = { authorization: `Bearer ${await t.login(SECRETARIAT)}` };
    [{ id: metaalbond }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'metaalbond'`);
  });
  afterAll(() => t?.close());

  it('bad JSON is a 400 on the body', async () => {
    const before = await counts();
    for (const path of ['/api/v1/organisations', `/api/v1/organisations/${metaalbond}/people`]) {
      const res = await t.http().post(path).set(auth).set('content-type', 'application/json').send('{"name": "Half', );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The request body is not valid JSON', details: [{ field: 'body', problem: 'is not valid JSON' }] });
    }
    const accept = await t.http().post('/api/v1/invitations/accept').set('content-type', 'application/json').send('{token:');
    expect(accept.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('wrong types are a 400 naming every wrong field', async () => {
    const before = await counts();
    const org = await t.http().post('/api/v1/organisations').set(auth)
      .send({ name: 12, kind: 'castle', party: 'yes', constituency: 7, affiliatedTo: 5, country: 'nl', slug: 'Not A Slug' });
    expect(org.status).toBe(400);
    expect(Object.keys(org.body).sort()).toEqual(ERROR_KEYS);
    expect(new Set(fields(org.body))).toEqual(new Set(['name', 'kind', 'party', 'constituency', 'affiliatedTo', 'country', 'slug']));

    const person = await t.http().post(`/api/v1/organisations/${metaalbond}/people`).set(auth)
      .send({ name: ['a'], email: 'not-an-email', language: 'de', roles: ['boss'] });
    expect(person.status).toBe(400);
    expect(new Set(fields(person.body))).toEqual(new Set(['name', 'email', 'language', 'roles']));

    const roles = await t.http().post(`/api/v1/organisations/${metaalbond}/people`).set(auth)
      .send({ name: 'Rol Loos', email: 'rol@example.test', roles: 'member' });
    expect(roles.status).toBe(400);
    expect(fields(roles.body)).toContain('roles');

    const accept = await t.http().post('/api/v1/invitations/accept').send({ token: 42, password: false });
    expect(accept.status).toBe(400);
    expect(new Set(fields(accept.body))).toEqual(new Set(['token', 'password']));
    expect(await counts()).toEqual(before);
  });

  it('extra fields are a 400 naming each one as not allowed', async () => {
    const before = await counts();
    const org = await t.http().post('/api/v1/organisations').set(auth)
      .send({ name: 'Stichting Extra', kind: 'ngo', isParty: true, status: 'removed' });
    expect(org.status).toBe(400);
    expect(org.body.details).toEqual(
      expect.arrayContaining([
        { field: 'isParty', problem: 'is not allowed' },
        { field: 'status', problem: 'is not allowed' },
      ]),
    );
    expect(fields(org.body)).toEqual(['isParty', 'status']);

    const person = await t.http().post(`/api/v1/organisations/${metaalbond}/people`).set(auth)
      .send({ name: 'Extra Persoon', email: 'extra@example.test', password: 'zelf-gekozen-wachtwoord', is_kerngroep_chair: true });
    expect(person.status).toBe(400);
    expect(fields(person.body)).toEqual(['is_kerngroep_chair', 'password']);
    expect(await counts()).toEqual(before);
  });

  it('a body that is not an object, or none at all, is a 400', async () => {
    const before = await counts();
    const array = await t.http().post('/api/v1/organisations').set(auth).send([{ name: 'In Een Lijst', kind: 'ngo' }]);
    expect(array.status).toBe(400);
    const empty = await t.http().post('/api/v1/organisations').set(auth).set('content-type', 'application/json').send('');
    expect(empty.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('errors carry no stack trace or internals, and an unknown route is a 404 in the same shape', async () => {
    const res = await t.http().post('/api/v1/organisations').set(auth).send({ name: 5 });
    expect(JSON.stringify(res.body)).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
    const unknown = await t.http().post('/api/v1/organisations/x/y/z').set(auth).send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Route not found' });
  });
});
