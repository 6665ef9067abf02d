import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import passport from 'passport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStrategy } from '../src/auth/strategies.js';
import { runCli } from '../src/cli/run-cli.js';
import { startSmtpSink, type SmtpSink, type SunkMail } from './support/smtp-sink.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 13, parts 1-3: a real sector from an empty production-mode database, without the demo seed — the operator's
 * `init`, then the secretariat registers the organisations, records the Kerngroep seats and the chair, runs a module,
 * and a CSO in it signs the art-13 NDA and sees what art. 13 allows. Real HTTP, real PostgreSQL, a real SMTP server.
 */
const SECRETS = {
  JWT_SECRET: 'first-run-jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  KETENKLUIS_MASTER_KEY: `1:${Buffer.alloc(32, 3).toString('base64')}`,
  KETENKLUIS_BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString('base64'),
  KETENKLUIS_AUDIT_SIGNING_KEY: Buffer.alloc(32, 5).toString('base64'),
  AUDIT_CHECKPOINTS: 'off',
};
const PASSWORD = 'een-lang-eigen-wachtwoord';
const STAFF = 'staf@secretariaat.example';

function tokenIn(mail: SunkMail): string {
  const m = /\/invitation\?token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in: ${mail.text}`);
  return m[1];
}

let suiteApp: TestApp | undefined;

/**
 * The operator CLI in-process, as `npm run cli -- …` runs it. Passport keeps strategies in one process-wide registry
 * that the CLI's application replaces; the suite app's are put back afterwards (as in test/keys.e2e-spec.ts).
 */
async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'kk-cli-')), ...SECRETS, ...env } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    if (suiteApp) {
      passport.use('local', suiteApp.app.get(LocalStrategy));
    }
  }
}

describe('first start in production and the governance the agreement sets up (issue 13, parts 1-3)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let databaseUrl: string;
  const env = () => ({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, SMTP_URL: sink.url });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;

  /**
   * Production signs nobody in with a password alone who must have a second factor (issue 17): the first sign-in
   * of each person here enrols an authenticator app with a code computed in the test, as the person would; a later
   * sign-in gives the next code (the last accepted step is moved back in the database rather than waiting 30 s).
   */
  const secrets = new Map<string, string>();
  async function signIn(email: string, password: string): Promise<string> {
    const res = await t.http().post('/api/v1/auth/login').send({ email, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const code = async (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    if (res.body.pendingToken) {
      await t.db.query(`UPDATE totp_factors SET last_step = last_step - 10 WHERE person_id = (SELECT id FROM people WHERE email = $1)`, [email]);
      const done = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: res.body.pendingToken, code: await code(secrets.get(email)!) });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      return done.body.accessToken as string;
    }
    const token = res.body.accessToken as string;
    const begun = await t.http().post('/api/v1/me/second-factor/totp').set(bearer(token)).send({});
    expect(begun.status, JSON.stringify(begun.body)).toBe(201);
    secrets.set(email, begun.body.secret as string);
    const confirmed = await t.http().post('/api/v1/me/second-factor/totp/confirm').set(bearer(token)).send({ code: await code(begun.body.secret as string) });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return token;
  }

  /** Invites a person through the API and, when `activate`, accepts the mailed link and signs in. */
  async function person(staff: string, organisationId: string, name: string, email: string, activate = false) {
    const res = await t.http().post(`/api/v1/organisations/${organisationId}/people`).set(bearer(staff)).send({ name, email, roles: ['member', 'org_admin'] });
    expect(res.status).toBe(201);
    if (!activate) return { id: res.body.id as string, token: '' };
    const mail = await sink.waitFor((m) => m.to.includes(email) && m.subject.includes('uitnodiging'));
    expect((await t.http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: PASSWORD })).status).toBe(200);
    return { id: res.body.id as string, token: await signIn(email, PASSWORD) };
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    databaseUrl = await createTestDatabase('empty');
    t = await startTestApp({ databaseUrl, env: { NODE_ENV: 'production', SMTP_URL: sink.url, SEED_DEMO: undefined, ...SECRETS } });
    suiteApp = t;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('production starts empty: no organisation, nobody to sign in as', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM people`)).toBe(0);
  });

  it('init refuses bad input naming the option, and writes nothing', async () => {
    const bad = await cli(['init', '--secretariat-name', 'Secretariaat', '--email', 'not-an-address'], env());
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--email must be an email address');
    const missing = await cli(['init', '--email', STAFF], env());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--secretariat-name is required');
    expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(0);
  });

  let staff = '';
  let secretariatId = '';
  it('part 1: init creates the secretariat and its first staff member, mails the link, is audited; the staff member signs in', async () => {
    const run = await cli(['init', '--secretariat-name', 'Secretariaat Sectorovereenkomst Metaal', '--email', STAFF, '--name', 'Sam Staf'], env());
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('created the secretariat');
    expect(run.out).not.toContain('token='); // with SMTP the link goes only by mail
    const [org] = await t.db.query(`SELECT id, kind, is_party FROM organisations`);
    expect(org).toMatchObject({ kind: 'secretariat', is_party: false });
    secretariatId = org.id;
    const [audit] = await t.db.query(`SELECT action, actor_person_id, object_id FROM audit_log WHERE action = 'organisations.initialise'`);
    expect(audit).toMatchObject({ actor_person_id: null, object_id: org.id });

    const mail = await sink.waitFor((m) => m.to.includes(STAFF));
    expect(mail.subject).toBe('Ketenkluis: uitnodiging voor Secretariaat Sectorovereenkomst Metaal');
    expect((await t.http().post('/api/v1/invitations/accept').send({ token: tokenIn(mail), password: PASSWORD })).status).toBe(200);
    staff = await signIn(STAFF, PASSWORD);
    const me = await t.http().get('/api/v1/me').set(bearer(staff));
    expect(me.body.roles).toEqual(['member', 'org_admin', 'secretariat_staff']);
  });

  it('part 1: a second init is refused and writes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const again = await cli(['init', '--secretariat-name', 'Nog een secretariaat', '--email', 'ander@secretariaat.example'], env());
    expect(again.code).toBe(1);
    expect(again.err).toContain('The secretariat exists already');
    expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM people`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(before);
  });

  it('part 1: without SMTP the one-time link is printed (and only its hash is stored)', async () => {
    const other = await createTestDatabase('empty');
    const run = await cli(['init', '--secretariat-name', 'Secretariaat', '--email', 'eerste@secretariaat.example'], { NODE_ENV: 'production', DATABASE_URL: other });
    expect(run.code).toBe(0);
    const token = /\/invitation\?token=([A-Za-z0-9_-]{43})/.exec(run.out)?.[1];
    expect(token).toBeDefined();
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: other });
    await client.connect();
    const { rows } = await client.query(`SELECT token_hash FROM invitations`);
    await client.end();
    expect(Buffer.from(rows[0].token_hash).equals(createHash('sha256').update(token!).digest())).toBe(true);
  });

  const orgs: Record<string, string> = {};
  const people: Record<string, { id: string; token: string }> = {};
  it('the secretariat registers the organisations and invites their people', async () => {
    for (const [key, body] of Object.entries({
      union: { name: 'FNV Metaal', kind: 'union' },
      ngo: { name: 'Stichting Eerlijk Metaal', kind: 'ngo' },
      ngo2: { name: 'Stichting Tweede Ngo', kind: 'ngo' },
      branch: { name: 'Koninklijke Metaalunie', kind: 'branch_org' },
      company: { name: 'Smederij Noord B.V.', kind: 'company' },
      ser: { name: 'SER — voorzitter Kerngroep', kind: 'supporter' },
    })) {
      const res = await t.http().post('/api/v1/organisations').set(bearer(staff)).send(body);
      expect(res.status).toBe(201);
      orgs[key] = res.body.id;
    }
    people.unionFixed = await person(staff, orgs.union, 'Fenna Vast', 'fenna@fnv.example');
    people.unionDeputy = await person(staff, orgs.union, 'Piet Plaats', 'piet@fnv.example');
    people.ngoFixed = await person(staff, orgs.ngo, 'Nina Ngo', 'nina@eerlijk.example', true);
    people.ngoDeputy = await person(staff, orgs.ngo, 'Daan Deputy', 'daan@eerlijk.example');
    people.ngo2 = await person(staff, orgs.ngo2, 'Otto Ander', 'otto@tweede.example');
    people.branchFixed = await person(staff, orgs.branch, 'Bo Branche', 'bo@metaalunie.example');
    people.branchDeputy = await person(staff, orgs.branch, 'Bas Branche', 'bas@metaalunie.example');
    people.companyFixed = await person(staff, orgs.company, 'Cor Smid', 'cor@smederij.example');
    people.companyDeputy = await person(staff, orgs.company, 'Cas Smid', 'cas@smederij.example');
    people.chair = await person(staff, orgs.ser, 'Vera Voorzitter', 'vera@ser.example');
  });

  it('part 2: bad seat assignments are 4xx naming the field and the article, and write nothing', async () => {
    const seat = (constituency: string, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/kerngroep/seats/${constituency}/terms`).set(bearer(staff)).send(body);
    const good = { organisationId: orgs.ngo, fixedPersonId: people.ngoFixed.id, deputyPersonId: people.ngoDeputy.id, effectiveFrom: '2026-01-01', decision: 'Kerngroep 12-12-2025, punt 3' };
    const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
      ['ngos', { ...good, deputyPersonId: people.ngo2.id }, 422, 'deputyPersonId', 'art. 47'],
      ['ngos', { ...good, fixedPersonId: people.unionFixed.id }, 422, 'fixedPersonId', 'art. 47'],
      ['ngos', { ...good, deputyPersonId: people.ngoFixed.id }, 422, 'deputyPersonId', 'art. 47'],
      ['unions', good, 422, 'organisationId', 'art. 46'],
      ['ngos', { ...good, effectiveFrom: '2025-01-01' }, 422, 'effectiveFrom', 'art. 66'],
      ['ngos', { ...good, effectiveFrom: '2030-01-01' }, 422, 'effectiveFrom', 'art. 67'],
      ['ngos', { ...good, effectiveFrom: '2026-02-30' }, 422, 'effectiveFrom', 'YYYY-MM-DD'],
      ['ngos', { ...good, effectiveFrom: '2029-06-01', openVotes: 'transfer' }, 422, 'openVotes', 'art. 49'],
      ['ngos', { ...good, decision: ' ' }, 400, 'decision', 'blank'],
      ['presidents', good, 400, 'constituency', 'must be one of'],
    ];
    for (const [constituency, body, status, field, text] of cases) {
      const res = await seat(constituency, body);
      expect(res.status, `${field} ${text}`).toBe(status);
      expect(res.body.details.find((d: { field: string }) => d.field === field)?.problem, field).toContain(text);
    }
    const asNgo = await t.http().post('/api/v1/kerngroep/seats/ngos/terms').set(bearer(people.ngoFixed.token)).send(good);
    expect(asNgo.status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM kerngroep_seat_terms`)).toBe(0);
  });

  it('part 2: secretariat staff record the four seats and the chair; holders and chair are mailed; audited; history kept', async () => {
    const seats: Array<[string, string, string, string]> = [
      ['unions', orgs.union, people.unionFixed.id, people.unionDeputy.id],
      ['ngos', orgs.ngo, people.ngoFixed.id, people.ngoDeputy.id],
      ['branch_orgs', orgs.branch, people.branchFixed.id, people.branchDeputy.id],
      ['companies', orgs.company, people.companyFixed.id, people.companyDeputy.id],
    ];
    for (const [constituency, organisationId, fixedPersonId, deputyPersonId] of seats) {
      const res = await t.http().post(`/api/v1/kerngroep/seats/${constituency}/terms`).set(bearer(staff))
        .send({ organisationId, fixedPersonId, deputyPersonId, effectiveFrom: '2026-01-01', decision: 'Kerngroep 12-12-2025, punt 3' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ constituency, organisation: { id: organisationId }, fixed: { id: fixedPersonId }, deputy: { id: deputyPersonId }, inForce: true, openVotes: 'keep' });
    }
    const deputyMail = await sink.waitFor((m) => m.to.includes('daan@eerlijk.example') && m.subject.includes('Kerngroep'));
    expect(deputyMail.subject).toBe("Ketenkluis: u bent plaatsvervangende vertegenwoordiger in de Kerngroep (ngo's)");
    expect(deputyMail.text).toContain('2026-01-01');

    const secretariatPerson = (await t.db.query(`SELECT id FROM people WHERE email = $1`, [STAFF]))[0].id;
    const badChair = await t.http().post('/api/v1/kerngroep/chair/terms').set(bearer(staff))
      .send({ personId: secretariatPerson, effectiveFrom: '2026-01-01', serProposal: 'SER-brief', kerngroepDecision: 'Kerngroep 12-12-2025' });
    expect(badChair.status).toBe(422);
    expect(badChair.body.details).toEqual([{ field: 'personId', problem: expect.stringContaining('art. 54') }]);
    const seatHolderChair = await t.http().post('/api/v1/kerngroep/chair/terms').set(bearer(staff))
      .send({ personId: people.unionFixed.id, effectiveFrom: '2026-01-01', serProposal: 'SER-brief', kerngroepDecision: 'Kerngroep 12-12-2025' });
    expect(seatHolderChair.body.details).toEqual([{ field: 'personId', problem: expect.stringContaining('art. 50') }]);
    const chair = await t.http().post('/api/v1/kerngroep/chair/terms').set(bearer(staff))
      .send({ personId: people.chair.id, effectiveFrom: '2026-01-01', serProposal: 'SER-brief van 1 december 2025', kerngroepDecision: 'Kerngroep 12-12-2025, punt 2' });
    expect(chair.status).toBe(201);
    expect(chair.body).toMatchObject({ person: { id: people.chair.id }, organisation: { id: orgs.ser }, inForce: true });
    expect((await sink.waitFor((m) => m.to.includes('vera@ser.example') && m.subject === 'Ketenkluis: u bent voorzitter van de Kerngroep')).text.replace(/\s+/g, ' ')).toContain('geen stemrecht');

    const kerngroep = await t.http().get('/api/v1/kerngroep/seats').set(bearer(people.ngoFixed.token));
    expect(kerngroep.body.seats.map((s: { organisation: { id: string } }) => s.organisation.id)).toEqual([orgs.union, orgs.ngo, orgs.branch, orgs.company]);
    expect(kerngroep.body.chair).toMatchObject({ personId: people.chair.id });
    const me = await t.http().get('/api/v1/me').set(bearer(people.ngoFixed.token));
    expect(me.body.kerngroepSeat).toEqual({ constituency: 'ngos', position: 'fixed' });

    // A later term for the NGO seat, recorded ahead: the current holders stay until its date; history keeps both.
    const later = await t.http().post('/api/v1/kerngroep/seats/ngos/terms').set(bearer(staff))
      .send({ organisationId: orgs.ngo, fixedPersonId: people.ngoDeputy.id, deputyPersonId: people.ngoFixed.id, effectiveFrom: '2029-12-01', decision: 'Kerngroep: rotation' });
    expect(later.status).toBe(201);
    expect(later.body.inForce).toBe(false);
    const history = await t.http().get('/api/v1/kerngroep/history').set(bearer(people.ngoFixed.token));
    expect(history.body.seats.filter((s: { constituency: string }) => s.constituency === 'ngos').map((s: { effectiveFrom: string; inForce: boolean }) => [s.effectiveFrom, s.inForce]))
      .toEqual([['2029-12-01', false], ['2026-01-01', true]]);
    expect(history.body.chair).toHaveLength(1);
    expect((await t.http().get('/api/v1/me').set(bearer(people.ngoFixed.token))).body.kerngroepSeat).toEqual({ constituency: 'ngos', position: 'fixed' });
    const before = await t.http().post('/api/v1/kerngroep/seats/ngos/terms').set(bearer(staff))
      .send({ organisationId: orgs.ngo, fixedPersonId: people.ngoFixed.id, deputyPersonId: people.ngoDeputy.id, effectiveFrom: '2027-01-01', decision: 'x' });
    expect(before.body.details).toEqual([{ field: 'effectiveFrom', problem: expect.stringContaining('2029-12-01') }]);

    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'kerngroep.seat-assigned'`)).toBe(5);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'kerngroep.chair-appointed'`)).toBe(1);
  });

  let moduleId = '';
  let companyResult = '';
  it('part 3: a module with its kind and period; a CSO enrolled in it signs the art-13 NDA and sees the risk and plan parts; removed, it sees nothing at once', async () => {
    const badPeriod = await t.http().post('/api/v1/modules').set(bearer(staff)).send({ kind: 'sector', name: 'Sectormodule Metaal', startsOn: '2025-09-01' });
    expect(badPeriod.status).toBe(422);
    expect(badPeriod.body.details).toEqual([{ field: 'startsOn', problem: expect.stringContaining('art. 66') }]);
    const badKind = await t.http().post('/api/v1/modules').set(bearer(staff)).send({ kind: 'social', name: 'X', startsOn: '2026-01-01' });
    expect(badKind.body.details[0]).toMatchObject({ field: 'kind', problem: expect.stringContaining('art. 13') });
    expect((await t.http().post('/api/v1/modules').set(bearer(people.ngoFixed.token)).send({ kind: 'sector', name: 'X', startsOn: '2026-01-01' })).status).toBe(403);
    const created = await t.http().post('/api/v1/modules').set(bearer(staff)).send({ kind: 'sector', name: 'Sectormodule Metaal', startsOn: '2025-10-16', endsOn: '2029-12-31' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'sectormodule-metaal', kind: 'sector', running: true, participants: [] });
    moduleId = created.body.id;
    expect((await t.http().post(`/api/v1/modules/${moduleId}/participants`).set(bearer(staff)).send({ organisationId: secretariatId })).body.details[0])
      .toMatchObject({ field: 'organisationId', problem: expect.stringContaining('art. 55') });

    // The art-13 preconditions the secretariat sets up: the NDA text and a company's result.
    const text = await t.http().post('/api/v1/ndas/texts').set(bearer(staff))
      .send({ kind: 'cso-monitoring', title: 'Geheimhouding monitoring (art. 13)', text: 'De organisatie houdt de scores geheim.' });
    expect(text.status).toBe(201);
    const sections = [70, 40, 45, 60, 80, 55].map((score, i) => ({ step: i + 1, score, advice: `advies ${i + 1}` }));
    const stored = await t.http().put(`/api/v1/monitoring/results/${orgs.company}/baseline`).set(bearer(staff)).send({ finalScore: 55, signal: 'orange', advice: 'Werk aan stap 2', sections });
    expect(stored.status).toBe(200);
    companyResult = `/api/v1/monitoring/results/${orgs.company}/baseline`;

    const ngo = bearer(people.ngoFixed.token);
    const sign = await t.http().post('/api/v1/ndas/signatures').set(ngo).send({ kind: 'cso-monitoring', sha256: text.body.sha256, signerName: 'Nina Ngo' });
    expect(sign.status).toBe(201);
    const notYet = await t.http().get(companyResult).set(ngo);
    expect(notYet.status).toBe(403);
    expect(notYet.body.missing).toContain('module:any');

    const enrol = await t.http().post(`/api/v1/modules/${moduleId}/participants`).set(bearer(staff)).send({ organisationId: orgs.ngo });
    expect(enrol.status).toBe(201);
    expect(enrol.body.participants.map((p: { organisation: { id: string } }) => p.organisation.id)).toEqual([orgs.ngo]);
    expect((await t.http().post(`/api/v1/modules/${moduleId}/participants`).set(bearer(staff)).send({ organisationId: orgs.ngo })).status).toBe(409);
    const seen = await t.http().get(companyResult).set(ngo);
    expect(seen.status).toBe(200);
    const steps = seen.body.sections.map((s: { step: number }) => s.step).sort();
    expect(steps).toEqual([2, 3, 4]); // risks (2) and the plan of action (3-4) only
    expect((await t.http().get('/api/v1/me').set(ngo)).body.modules).toEqual([expect.objectContaining({ module: 'sectormodule-metaal' })]);

    const removed = await t.http().post(`/api/v1/modules/${moduleId}/participants/${orgs.ngo}/removal`).set(bearer(staff));
    expect(removed.status).toBe(200);
    expect(removed.body.participants).toEqual([]);
    expect((await t.http().get(companyResult).set(ngo)).status).toBe(403);
    const history = await t.http().get(`/api/v1/modules/${moduleId}?history=true`).set(ngo);
    expect(history.body.participants).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ id: orgs.ngo }), leftAt: expect.any(String) })]);
    expect((await t.http().post(`/api/v1/modules/${moduleId}/participants/${orgs.ngo}/removal`).set(bearer(staff))).status).toBe(409);
    // Enrolled again: access returns, a new participation in the history.
    expect((await t.http().post(`/api/v1/modules/${moduleId}/participants`).set(bearer(staff)).send({ organisationId: orgs.ngo })).status).toBe(201);
    expect((await t.http().get(companyResult).set(ngo)).status).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('modules.create', 'modules.enrol', 'modules.remove')`)).toBe(4);
  });
});
