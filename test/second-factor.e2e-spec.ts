import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyOperationsService } from '../src/production-locations/key-operations.service.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 17 through HTTP, with SECOND_FACTOR_ENFORCEMENT=on and real TOTP codes computed here: the enrolment gate
 * for every group the rule (policies/second-factor.yaml) names, enrolment, the second sign-in step, replay refused,
 * recovery codes once each, failures rate-limited, step-up before reading NAW, the secretariat's reset (mail in
 * the SMTP sink), and TOTP secrets re-sealed by a master-key rotation and read by a second instance.
 */
const demo = (slug: string) => `${slug}@demo.ketenkluis.test`;
const SECRETARIAT = demo('secretariaat');
const CHAIR = demo('voorzitter');
const OLD_MASTER = `1:${Buffer.alloc(32, 7).toString('base64')}`;

/** The code of the step `offset` steps from now (the window is ±1). */
const codeAt = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

describe('second factor (issue 17)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const secrets = new Map<string, string>();
  const recovery = new Map<string, string[]>();
  const env = { SECOND_FACTOR_ENFORCEMENT: 'on', LOGIN_RATE_LIMIT: '6' };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { ...env, SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token: string, url: string) => t.http().get(url).set(bearer(token));
  const post = (token: string, url: string, body: object = {}) => t.http().post(url).set(bearer(token)).send(body);
  const passwordStep = async (email: string) => {
    const res = await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return res.body as { accessToken?: string; secondFactorRequired?: boolean; pendingToken?: string };
  };
  /** Forgets the last accepted step, as if its time had passed (time is moved in the database, never slept). */
  const allowStepsAgain = (email: string) =>
    t.db.query(`UPDATE totp_factors SET last_step = last_step - 10 WHERE person_id = (SELECT id FROM people WHERE email = $1)`, [email]);

  const enrolTotp = async (email: string): Promise<string> => {
    const { accessToken } = await passwordStep(email);
    const begun = await post(accessToken!, '/api/v1/me/second-factor/totp');
    expect(begun.status).toBe(201);
    const secret = begun.body.secret as string;
    const confirmed = await post(accessToken!, '/api/v1/me/second-factor/totp/confirm', { code: await codeAt(secret) });
    expect(confirmed.status).toBe(200);
    secrets.set(email, secret);
    recovery.set(email, confirmed.body.recoveryCodes);
    return accessToken!;
  };
  const signInWithTotp = async (email: string, offset = 1) => {
    const step = await passwordStep(email);
    expect(step).toMatchObject({ secondFactorRequired: true, pendingToken: expect.any(String) });
    const res = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.pendingToken, code: await codeAt(secrets.get(email)!, offset) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.accessToken as string;
  };

  async function personOf(sql: string): Promise<string> {
    const [row] = await t.db.query(sql);
    if (!row) throw new Error(`no demo person for: ${sql}`);
    return row.email;
  }

  describe('the enrolment gate, for each group that must', () => {
    it('leads a person who must and has none to enrol: only /me, enrolment and sign-out answer; the 403 names the rule', async () => {
      const seatHolder = await personOf(
        `SELECT p.email FROM kerngroep_seats s JOIN people p ON p.id = s.fixed_person_id WHERE p.email <> '${CHAIR}' ORDER BY p.email LIMIT 1`,
      );
      // an organisation holding an active NDA (no seat, not the chair, not the secretariat): signed in the database
      const ndaHolder = await personOf(
        `SELECT p.email FROM people p JOIN organisations o ON o.id = p.organisation_id
          WHERE o.kind = 'union' AND p.password_hash IS NOT NULL AND p.disabled_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM kerngroep_seats s WHERE p.id IN (s.fixed_person_id, s.deputy_person_id))
          ORDER BY p.email LIMIT 1`,
      );
      await t.db.query(
        `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, expires_at)
         SELECT x.id, p.organisation_id, p.id, p.name, now() + interval '1 year' FROM people p,
                (SELECT id FROM nda_texts WHERE kind = 'cso-monitoring' ORDER BY version DESC LIMIT 1) x
          WHERE p.email = $1`,
        [ndaHolder],
      );
      // an art-22 access window open now for a local partner's case (put in the database as the case would be)
      const [windowCase] = await t.db.query(
        `INSERT INTO cases (type, state, requester_organisation_id, requested_by, grounds, access_opened_at, access_closes_at)
         SELECT 'disclosure', 'access_open', p.organisation_id, p.id, 'Window for the second-factor test', now(), now() + interval '5 days'
           FROM people p JOIN organisations o ON o.id = p.organisation_id
          WHERE o.kind = 'local_partner' AND p.password_hash IS NOT NULL AND p.disabled_at IS NULL ORDER BY p.email LIMIT 1
         RETURNING requester_organisation_id AS org`,
      );
      const windowHolder = await personOf(`SELECT email FROM people WHERE organisation_id = '${windowCase.org}' ORDER BY email LIMIT 1`);
      const groups: Array<[string, string]> = [
        [SECRETARIAT, 'secretariat-must-use-second-factor'],
        [seatHolder, 'kerngroep-members-must-use-second-factor'],
        [CHAIR, 'chair-must-use-second-factor'],
        [ndaHolder, 'cso-monitoring-nda-holders-must-use-second-factor'],
        [windowHolder, 'open-access-window-must-use-second-factor'],
      ];
      for (const [email, rule] of groups) {
        const { accessToken } = await passwordStep(email);
        expect(accessToken, email).toEqual(expect.any(String));
        expect((await get(accessToken!, '/api/v1/me')).status).toBe(200);
        const status = await get(accessToken!, '/api/v1/me/second-factor');
        expect(status.body).toMatchObject({ required: true, enrolmentRequired: true, totp: { enrolled: false }, passkeys: [] });
        const tasks = await get(accessToken!, '/api/v1/me/tasks');
        expect(tasks.status, email).toBe(403);
        expect(tasks.body.missing).toEqual(['second-factor:enrol']);
        expect(tasks.body.decidedBy.map((d: { rule: string }) => d.rule), email).toContain(rule);
        expect(tasks.body.message).toMatch(/second factor is required.*second-factor\.yaml#/);
        expect((await post(accessToken!, '/api/v1/auth/logout')).status).toBe(204);
      }
    });

    it('lets a person the rule does not name go without a second factor', async () => {
      const optional = await personOf(
        `SELECT p.email FROM people p JOIN organisations o ON o.id = p.organisation_id
          WHERE o.kind = 'supporter' AND p.password_hash IS NOT NULL AND p.disabled_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM nda_signatures n WHERE n.organisation_id = o.id)
            AND NOT EXISTS (SELECT 1 FROM kerngroep_seats s WHERE p.id IN (s.fixed_person_id, s.deputy_person_id))
          ORDER BY p.email LIMIT 1`,
      );
      const { accessToken } = await passwordStep(optional);
      expect((await get(accessToken!, '/api/v1/me/tasks')).status).toBe(200);
      expect((await get(accessToken!, '/api/v1/me/second-factor')).body).toMatchObject({ required: false, enrolmentRequired: false });
    });
  });

  describe('TOTP', () => {
    it('enrols with a QR code and the secret shown once, confirmed with a current code, giving ten recovery codes', async () => {
      const { accessToken } = await passwordStep(SECRETARIAT);
      const begun = await post(accessToken!, '/api/v1/me/second-factor/totp');
      expect(begun.status).toBe(201);
      expect(begun.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(begun.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(begun.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(begun.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
      // not enrolled before it is confirmed: the gate still holds, a wrong code is refused naming the field
      expect((await get(accessToken!, '/api/v1/me/tasks')).status).toBe(403);
      const wrong = await post(accessToken!, '/api/v1/me/second-factor/totp/confirm', { code: '000000' === (await codeAt(begun.body.secret)) ? '111111' : '000000' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([{ field: 'code', problem: expect.stringMatching(/not valid/) }]);
      const confirmed = await post(accessToken!, '/api/v1/me/second-factor/totp/confirm', { code: await codeAt(begun.body.secret) });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.recoveryCodes).toHaveLength(10);
      expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
      secrets.set(SECRETARIAT, begun.body.secret);
      recovery.set(SECRETARIAT, confirmed.body.recoveryCodes);
      // the gate opens; the secret is not shown again; stored sealed and the recovery codes hashed
      expect((await get(accessToken!, '/api/v1/me/tasks')).status).toBe(200);
      const status = await get(accessToken!, '/api/v1/me/second-factor');
      expect(status.body).toMatchObject({ totp: { enrolled: true }, recoveryCodesLeft: 10, session: { methods: ['password', 'totp'] } });
      expect(JSON.stringify(status.body)).not.toContain(begun.body.secret);
      const [row] = await t.db.query(
        `SELECT encode(sealed_secret, 'escape') AS s, master_version FROM totp_factors WHERE person_id = (SELECT id FROM people WHERE email = $1)`,
        [SECRETARIAT],
      );
      expect(row.s).not.toContain(begun.body.secret);
      const codes = await t.db.query(`SELECT encode(code_hash, 'hex') AS h FROM recovery_codes`);
      for (const c of confirmed.body.recoveryCodes as string[]) expect(JSON.stringify(codes)).not.toContain(c);
      // a second app while one is set up: refused
      expect((await post(accessToken!, '/api/v1/me/second-factor/totp')).status).toBe(409);
    });

    it('asks the second factor after the password: no session before it; the code is accepted once (replay refused)', async () => {
      const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM sessions`);
      const step = await passwordStep(SECRETARIAT);
      expect(step.accessToken).toBeUndefined();
      const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM sessions`);
      expect(after).toBe(before);
      // the pending token is no bearer token
      expect((await get(step.pendingToken!, '/api/v1/me')).status).toBe(401);
      const code = await codeAt(secrets.get(SECRETARIAT)!, 1);
      const ok = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.pendingToken, code });
      expect(ok.status).toBe(200);
      expect(String(ok.header['set-cookie'])).toMatch(/ketenkluis_refresh=/);
      const [session] = await t.db.query(`SELECT auth_methods, second_factor_at FROM sessions ORDER BY created_at DESC LIMIT 1`);
      expect(session.auth_methods).toEqual(['password', 'totp']);
      expect(session.second_factor_at).not.toBeNull();
      const again = await passwordStep(SECRETARIAT);
      const replay = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: again.pendingToken, code });
      expect(replay.status).toBe(400);
      // an older step than the one accepted is refused too
      const older = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: again.pendingToken, code: await codeAt(secrets.get(SECRETARIAT)!, 0) });
      expect(older.status).toBe(400);
      const forged = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: `${again.pendingToken}x`, code });
      expect(forged.status).toBe(401);
    });

    it('signs in with a recovery code once each', async () => {
      const [first, second] = recovery.get(SECRETARIAT)!;
      const step = await passwordStep(SECRETARIAT);
      const ok = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.pendingToken, recoveryCode: first!.toLowerCase() });
      expect(ok.status).toBe(200);
      const [session] = await t.db.query(`SELECT auth_methods FROM sessions ORDER BY created_at DESC LIMIT 1`);
      expect(session.auth_methods).toEqual(['password', 'recovery']);
      const again = await passwordStep(SECRETARIAT);
      expect((await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: again.pendingToken, recoveryCode: first })).status).toBe(400);
      expect((await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: again.pendingToken, recoveryCode: second })).status).toBe(200);
      expect((await get(ok.body.accessToken, '/api/v1/me/second-factor')).body.recoveryCodesLeft).toBe(8);
    });

    it('rate-limits failed codes per person like sign-ins', async () => {
      const email = await personOf(
        `SELECT p.email FROM kerngroep_seats s JOIN people p ON p.id = s.deputy_person_id WHERE p.email <> '${CHAIR}' ORDER BY p.email LIMIT 1`,
      );
      await enrolTotp(email);
      const step = await passwordStep(email);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.pendingToken, recoveryCode: `WRONG-CODE-${i}0` })).status);
      }
      expect(statuses.slice(0, 6)).toEqual([400, 400, 400, 400, 400, 400]);
      expect(statuses.slice(6)).toEqual([429, 429]);
      // even the right code is refused while blocked
      const blocked = await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.pendingToken, code: await codeAt(secrets.get(email)!, 1) });
      expect(blocked.status).toBe(429);
      expect(blocked.header['retry-after']).toBeDefined();
    });
  });

  describe('step-up before reading NAW', () => {
    it('answers 403 step-up required once the second factor is older than STEP_UP_MAX_AGE_SECONDS, and again after a step-up', async () => {
      await allowStepsAgain(SECRETARIAT);
      const token = await signInWithTotp(SECRETARIAT, 0);
      const read = await get(token, `/api/v1/production-locations?pageSize=1&year=${new Date().getUTCFullYear()}`);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      await t.db.query(`UPDATE sessions SET second_factor_at = now() - make_interval(secs => $1) WHERE revoked_at IS NULL AND second_factor_at IS NOT NULL`, [
        t.config.secondFactor.stepUpMaxAgeSeconds + 5,
      ]);
      const refused = await get(token, `/api/v1/production-locations?pageSize=1&year=${new Date().getUTCFullYear()}`);
      expect(refused.status).toBe(403);
      expect(refused.body.missing).toEqual(['second-factor:step-up']);
      // changing factors needs it too; the rest of the service does not
      expect((await post(token, '/api/v1/me/second-factor/recovery-codes')).body.missing).toEqual(['second-factor:step-up']);
      expect((await get(token, '/api/v1/me/tasks')).status).toBe(200);
      expect((await post(token, '/api/v1/me/second-factor/step-up', { code: '12345' })).status).toBe(400);
      const up = await post(token, '/api/v1/me/second-factor/step-up', { code: await codeAt(secrets.get(SECRETARIAT)!, 1) });
      expect(up.status).toBe(204);
      expect((await get(token, `/api/v1/production-locations?pageSize=1&year=${new Date().getUTCFullYear()}`)).status).toBe(200);
      const status = await get(token, '/api/v1/me/second-factor');
      expect(status.body.session.stepUpValidUntil).toEqual(expect.any(String));
    });
  });

  describe('reset by the secretariat', () => {
    it('removes the factors of a person who lost their phone: sessions end, the person is mailed, enrols anew', async () => {
      await allowStepsAgain(SECRETARIAT);
      const staff = await signInWithTotp(SECRETARIAT, 0);
      const email = CHAIR;
      const chairToken = await enrolTotp(email);
      const [{ id }] = await t.db.query(`SELECT id FROM people WHERE email = $1`, [email]);
      // the chair may not reset anyone
      const byChair = await post(chairToken, `/api/v1/people/${id}/second-factor/reset`);
      expect(byChair.status, JSON.stringify(byChair.body)).toBe(403);
      const reset = await post(staff, `/api/v1/people/${id}/second-factor/reset`);
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({ totp: true, passkeys: 0, recoveryCodes: 10 });
      expect((await get(chairToken, '/api/v1/me')).status).toBe(401);
      const mail = await sink.waitFor((m) => m.to.includes(email) && /second factor|tweede factor/i.test(m.subject));
      expect(mail.text).not.toMatch(/\d{6}/);
      const audit = await t.db.query(`SELECT object_id, details FROM audit_log WHERE action = 'auth.second-factor.reset' AND actor_person_id IS NOT NULL`);
      expect(audit).toEqual([{ object_id: id, details: expect.objectContaining({ totp: true, sessionsEnded: expect.any(Number) }) }]);
      // at the next sign-in: no second step, the gate leads to enrolment
      const { accessToken } = await passwordStep(email);
      expect((await get(accessToken!, '/api/v1/me/tasks')).body.missing).toEqual(['second-factor:enrol']);
    });

    it('disabling a person still ends everything', async () => {
      const email = await personOf(
        `SELECT p.email FROM nda_signatures n JOIN people p ON p.organisation_id = n.organisation_id
          WHERE n.revoked_at IS NULL AND n.expires_at > now() AND p.disabled_at IS NULL AND p.email <> '${SECRETARIAT}' ORDER BY p.email DESC LIMIT 1`,
      );
      const token = await enrolTotp(email);
      await t.db.query(`UPDATE people SET disabled_at = now() WHERE email = $1`, [email]);
      expect((await get(token, '/api/v1/me')).status).toBe(401);
      expect((await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD })).status).toBe(401);
    });
  });

  describe('master-key rotation and a second instance', () => {
    it('re-seals TOTP secrets with the new master key; the other instance reads them and refuses a code used on the first', async () => {
      const newMaster = `2:${Buffer.alloc(32, 8).toString('base64')},${OLD_MASTER}`;
      const second = await startTestApp({ databaseUrl: t.databaseUrl, env: { ...env, KETENKLUIS_MASTER_KEY: newMaster } });
      try {
        // a code accepted by one instance is refused by the other (the last step is kept in PostgreSQL)
        await allowStepsAgain(SECRETARIAT);
        const code = await codeAt(secrets.get(SECRETARIAT)!, 0);
        const first = await passwordStep(SECRETARIAT);
        expect((await t.http().post('/api/v1/auth/second-factor').send({ pendingToken: first.pendingToken, code })).status).toBe(200);
        const step = await second.http().post('/api/v1/auth/login').send({ email: SECRETARIAT, password: DEMO_PASSWORD });
        expect((await second.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.body.pendingToken, code })).status).toBe(400);
        // rotation: every secret is sealed with version 2 after it, and still opens
        const result = await second.app.get(KeyOperationsService).rotateMasterKey();
        expect(result.finished).toBe(true);
        expect(await t.db.query(`SELECT DISTINCT master_version FROM totp_factors`)).toEqual([{ master_version: 2 }]);
        const ok = await second.http().post('/api/v1/auth/second-factor').send({ pendingToken: step.body.pendingToken, code: await codeAt(secrets.get(SECRETARIAT)!, 1) });
        expect(ok.status).toBe(200);
      } finally {
        await second.close();
      }
    });
  });
});
