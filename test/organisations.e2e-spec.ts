import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = '@demo.ketenkluis.test';
const SECRETARIAT = `secretariaat${D}`;
const COMPANY = `staalwerk-twente${D}`;
const UNION = `metaalbond${D}`;
const BRANCH_MEMBER = `branche-metaal-2${D}`;
const KIVU = `kivu-mining-watch${D}`;

describe('organisations, people and the Kerngroep (issue 3, item 3)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const orgId = async (slug: string) => (await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id as string;
  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    for (const email of [SECRETARIAT, COMPANY, UNION, BRANCH_MEMBER, KIVU]) tokens[email] = await t.login(email);
  });
  afterAll(() => t?.close());

  // Issue 11 changed this rule (art. 23, safety of stakeholders): a local partner sees itself, its country and its
  // affiliation, but no other local partner (before, every signed-in person saw all 17 organisations).
  it('art. 40, 22, 23: every signed-in person sees the parties and supporters; a local partner sees itself with its party, no other local partner', async () => {
    const res = await t.http().get('/api/v1/organisations').set(as(KIVU));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(16);
    const bySlug = Object.fromEntries(res.body.map((o: { slug: string }) => [o.slug, o]));
    expect(bySlug['staalwerk-twente']).toMatchObject({ kind: 'company', party: true, constituency: 'companies', affiliatedTo: null });
    expect(bySlug['kenniscentrum-metalen']).toMatchObject({ kind: 'supporter', party: false, constituency: null });
    expect(bySlug['kivu-mining-watch']).toMatchObject({
      kind: 'local_partner',
      party: false,
      constituency: 'ngos',
      affiliatedTo: { slug: 'mensenrechten-monitor', kind: 'ngo' },
    });
    expect(bySlug['sindicato-potosi']).toBeUndefined();
    expect(Object.keys(bySlug['metaalbond']).sort()).toEqual(
      ['affiliatedTo', 'constituency', 'country', 'id', 'kind', 'name', 'party', 'slug', 'status'].sort(),
    );
  });

  it('art. 41, 69-72: secretariat staff register a joining NGO; party and constituency follow from the kind; audited', async () => {
    const res = await t.http().post('/api/v1/organisations').set(as(SECRETARIAT)).send({ name: 'Stichting Eerlijk Metaal', kind: 'ngo', country: 'NL' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Stichting Eerlijk Metaal', slug: 'stichting-eerlijk-metaal', kind: 'ngo', party: true, constituency: 'ngos' });
    const [entry] = await t.db.query(`SELECT action, actor_person_id, details FROM audit_log WHERE object_type = 'Organisation' AND object_id = $1`, [res.body.id]);
    expect(entry.action).toBe('organisations.register');
    expect(entry.details).toMatchObject({ kind: 'ngo', slug: 'stichting-eerlijk-metaal', party: true });
    const listed = await t.http().get('/api/v1/organisations').set(as(COMPANY));
    expect(listed.body.map((o: { slug: string }) => o.slug)).toContain('stichting-eerlijk-metaal');
  });

  it('art. 22: a local partner is registered affiliated to an NGO or union party and takes its constituency', async () => {
    const union = await orgId('vakbond-industrie');
    const res = await t.http().post('/api/v1/organisations').set(as(SECRETARIAT))
      .send({ name: 'Sindicato Cobre Atacama', slug: 'sindicato-atacama', kind: 'local_partner', affiliatedTo: union, country: 'CL' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'local_partner', party: false, constituency: 'unions', affiliatedTo: { id: union, slug: 'vakbond-industrie' } });
  });

  it('refuses organisations that break the kind rules with 422 naming the field, and writes nothing', async () => {
    const company = await orgId('gieterij-de-hoop');
    const before = await count(`SELECT count(*)::int AS n FROM organisations`);
    const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Lokaal Zonder Partij', kind: 'local_partner' }, 'affiliatedTo'], // art. 22
      [{ name: 'Lokaal Bij Bedrijf', kind: 'local_partner', affiliatedTo: company }, 'affiliatedTo'], // art. 22: NGO or union only
      [{ name: 'Staal Steun B.V.', kind: 'company', party: false }, 'party'], // art. 40: a company cannot be a supporter
      [{ name: 'Steun Partij', kind: 'supporter', party: true }, 'party'], // art. 40b: a supporter takes no part in decisions
      [{ name: 'Bond Met Verkeerde Geleding', kind: 'union', constituency: 'ngos' }, 'constituency'], // art. 46
      [{ name: 'Tweede Secretariaat', kind: 'secretariat' }, 'kind'],
      [{ name: 'NGO Met Partij', kind: 'ngo', affiliatedTo: company }, 'affiliatedTo'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post('/api/v1/organisations').set(as(SECRETARIAT)).send(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(auditBefore);
  });

  it('refuses a slug that is taken with 409', async () => {
    const res = await t.http().post('/api/v1/organisations').set(as(SECRETARIAT)).send({ name: 'Metaalbond Twee', slug: 'metaalbond', kind: 'union' });
    expect(res.status).toBe(409);
  });

  it('only secretariat staff register organisations (403 for a company and a union)', async () => {
    for (const who of [COMPANY, UNION]) {
      const res = await t.http().post('/api/v1/organisations').set(as(who)).send({ name: 'Zelf Toegelaten', kind: 'ngo' });
      expect(res.status).toBe(403);
    }
    expect(await count(`SELECT count(*)::int AS n FROM organisations WHERE name = 'Zelf Toegelaten'`)).toBe(0);
  });

  it("the secretariat and the organisation's own admin see its people; another organisation's admin and a plain member do not", async () => {
    const metaalbond = await orgId('metaalbond');
    const own = await t.http().get(`/api/v1/organisations/${metaalbond}/people`).set(as(UNION));
    expect(own.status).toBe(200);
    // Art. 47: Metaalbond holds the unions' seat with two of its own people, the fixed and the deputy representative.
    const byEmail = (a: { email: string }, b: { email: string }) => a.email.localeCompare(b.email);
    expect([...own.body].sort(byEmail)).toEqual([
      expect.objectContaining({ email: 'metaalbond-2@demo.ketenkluis.test', name: 'Martin Metaal', roles: ['member'], kerngroepSeat: { constituency: 'unions', position: 'deputy' } }),
      expect.objectContaining({ email: UNION, name: 'Mo Metaal', status: 'active', roles: ['member', 'org_admin'], kerngroepSeat: { constituency: 'unions', position: 'fixed' } }),
    ]);
    const bySecretariat = await t.http().get(`/api/v1/organisations/${metaalbond}/people`).set(as(SECRETARIAT));
    expect(bySecretariat.body.map((p: { email: string }) => p.email).sort()).toEqual(['metaalbond-2@demo.ketenkluis.test', UNION]);
    const branche = await orgId('branche-metaal');
    expect((await t.http().get(`/api/v1/organisations/${metaalbond}/people`).set(as(COMPANY))).status).toBe(403);
    expect((await t.http().get(`/api/v1/organisations/${branche}/people`).set(as(BRANCH_MEMBER))).status).toBe(403);
    expect((await t.http().get(`/api/v1/organisations/00000000-0000-4000-8000-000000000000/people`).set(as(SECRETARIAT))).status).toBe(404);
    expect((await t.http().get(`/api/v1/organisations/not-an-id/people`).set(as(SECRETARIAT))).status).toBe(404);
  });

  it("an organisation admin invites only into their own organisation, never secretariat staff", async () => {
    const metaalbond = await orgId('metaalbond');
    const company = await orgId('staalwerk-twente');
    const other = await t.http().post(`/api/v1/organisations/${metaalbond}/people`).set(as(COMPANY)).send({ name: 'X', email: 'x@example.test' });
    expect(other.status).toBe(403);
    const staff = await t.http().post(`/api/v1/organisations/${company}/people`).set(as(COMPANY))
      .send({ name: 'Y', email: 'y@example.test', roles: ['member', 'secretariat_staff'] });
    expect(staff.status).toBe(422);
    expect(staff.body.details).toEqual([{ field: 'roles', problem: expect.stringContaining('secretariat') }]);
    expect(await count(`SELECT count(*)::int AS n FROM people WHERE email IN ('x@example.test', 'y@example.test')`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE to_address IN ('x@example.test', 'y@example.test')`)).toBe(0);
  });

  it('art. 46-47, 50: the four seats with fixed and deputy holders, and the chair, for every signed-in person', async () => {
    const res = await t.http().get('/api/v1/kerngroep/seats').set(as(KIVU));
    expect(res.status).toBe(200);
    const seats = Object.fromEntries(res.body.seats.map((s: { constituency: string }) => [s.constituency, s]));
    expect(Object.keys(seats)).toEqual(['unions', 'ngos', 'branch_orgs', 'companies']);
    expect(seats.unions.fixed).toMatchObject({ name: 'Mo Metaal', organisation: { slug: 'metaalbond' } });
    // Art. 47: the deputy comes from the seat-holding organisation.
    expect(seats.unions).toMatchObject({ organisation: { slug: 'metaalbond' }, since: '2025-10-16' });
    expect(seats.unions.deputy).toMatchObject({ name: 'Martin Metaal', organisation: { slug: 'metaalbond' } });
    expect(seats.ngos.fixed.organisation.slug).toBe('mensenrechten-monitor');
    expect(seats.ngos.deputy.organisation.slug).toBe('mensenrechten-monitor');
    expect(seats.branch_orgs.deputy.name).toBe('Babette Branche');
    expect(seats.companies).toMatchObject({ fixed: { organisation: { slug: 'staalwerk-twente' } }, deputy: { name: 'Tijmen Twente', organisation: { slug: 'staalwerk-twente' } } });
    expect(res.body.chair).toMatchObject({ name: 'Victor Voorzitter', organisation: { slug: 'ser-voorzitter' } });
    expect((await t.http().get('/api/v1/kerngroep/seats')).status).toBe(401);
  });

  it('secretariat staff disable a person: their token fails at once, sign-in fails, audited; nobody else may', async () => {
    const victimEmail = `koperwerk-zeeland${D}`;
    const victimToken = await t.login(victimEmail);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${victimToken}`)).status).toBe(200);
    const [victim] = await t.db.query(`SELECT id FROM people WHERE email = $1`, [victimEmail]);

    expect((await t.http().post(`/api/v1/people/${victim.id}/disable`).set(as(COMPANY))).status).toBe(403);
    expect((await t.http().post(`/api/v1/people/${victim.id}/disable`).set(as(UNION))).status).toBe(403);
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${victimToken}`)).status).toBe(200);

    const res = await t.http().post(`/api/v1/people/${victim.id}/disable`).set(as(SECRETARIAT));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: victim.id, status: 'disabled', disabledAt: expect.any(String) });
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${victimToken}`)).status).toBe(401);
    const login = await t.http().post('/api/v1/auth/login').send({ email: victimEmail, password: 'ketenkluis-demo' });
    expect(login.status).toBe(401);
    expect(await count(`SELECT count(*)::int AS n FROM sessions WHERE person_id = $1 AND revoked_at IS NULL`, [victim.id])).toBe(0);
    const [entry] = await t.db.query(`SELECT action, details FROM audit_log WHERE action = 'people.disable' AND object_id = $1`, [victim.id]);
    expect(entry.details.sessionsEnded).toBeGreaterThanOrEqual(1);

    expect((await t.http().post(`/api/v1/people/${victim.id}/disable`).set(as(SECRETARIAT))).status).toBe(409);
    const [self] = await t.db.query(`SELECT id FROM people WHERE email = $1`, [SECRETARIAT]);
    expect((await t.http().post(`/api/v1/people/${self.id}/disable`).set(as(SECRETARIAT))).status).toBe(409);
    expect((await t.http().post(`/api/v1/people/00000000-0000-4000-8000-000000000000/disable`).set(as(SECRETARIAT))).status).toBe(404);
  });
});
