import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-verify.js';
import { runCli } from '../src/cli/run-cli.js';
import { AuditCheckpointJob } from '../src/scheduler/audit-checkpoints.js';
import { startSmtpSink, type SmtpSink, type SunkMail } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const D = '@demo.ketenkluis.test';
/** Art. 45-47, 50, 55: the Kerngroep's seat holders (fixed and deputy, both of the seat-holding organisation), its chair and the secretariat's staff. */
const RECIPIENTS = [
  `branche-metaal-2${D}`,
  `branche-metaal${D}`,
  `mensenrechten-monitor-2${D}`,
  `mensenrechten-monitor${D}`,
  `metaalbond-2${D}`,
  `metaalbond${D}`,
  `secretariaat${D}`,
  `staalwerk-twente-2${D}`,
  `staalwerk-twente${D}`,
  `voorzitter${D}`,
].sort();

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const isCheckpointMail = (m: SunkMail) => m.subject.startsWith('Ketenkluis: controlepunt van het auditlog');

/** What a party copies out of a checkpoint mail: the statement line, the signature and the JSON line. */
function fromMail(m: SunkMail) {
  const lines = m.text.split(/\r?\n/);
  const statement = lines.find((l) => l.startsWith('ketenkluis-audit-checkpoint v1 '))!;
  const signature = lines[lines.findIndex((l) => l.startsWith('Handtekening')) + 1];
  const jsonLine = lines.find((l) => l.startsWith('{"checkpoint":'))!;
  const commands = lines.filter((l) => /^ {2}(printf|openssl) /.test(l)).map((l) => l.trim());
  return { statement, signature, jsonLine, commands };
}

/**
 * The operator with write access rewrites the log: changes entry 1 and recomputes every hash after it, in SQL only
 * (the chain format of src/audit/audit-chain.ts), so the chain stays self-consistent.
 */
async function rewriteChainInSql(t: TestApp): Promise<void> {
  await t.db.transaction(async (m: EntityManager) => {
    await m.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await m.query(`
      CREATE FUNCTION pg_temp.kk_canon(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN CASE jsonb_typeof(j)
          WHEN 'object' THEN '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' || pg_temp.kk_canon(v), ',' ORDER BY k COLLATE "C")
                                               FROM jsonb_each(j) AS e(k, v)), '') || '}'
          WHEN 'array' THEN '[' || coalesce((SELECT string_agg(pg_temp.kk_canon(v), ',' ORDER BY i)
                                              FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, i)), '') || ']'
          ELSE j::text END;
      END $$`);
    await m.query(`UPDATE audit_log SET details = '{"forged": true}' WHERE seq = 1`);
    await m.query(`
      DO $$
      DECLARE r record; prev bytea := decode(repeat('00', 32), 'hex'); h bytea;
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
          h := sha256(prev || convert_to('["ketenkluis-audit-v1",' || to_json(r.seq::text)::text || ','
               || to_json(to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text || ','
               || coalesce(to_json(r.actor_person_id::text)::text, 'null') || ','
               || coalesce(to_json(r.actor_organisation_id::text)::text, 'null') || ','
               || to_json(r.action)::text || ','
               || coalesce(to_json(r.object_type)::text, 'null') || ',' || coalesce(to_json(r.object_id)::text, 'null') || ','
               || coalesce(to_json(r.grant_type)::text, 'null') || ',' || coalesce(to_json(r.grant_id)::text, 'null') || ','
               || pg_temp.kk_canon(r.details) || ']', 'UTF8'));
          UPDATE audit_log SET prev_hash = prev, hash = h WHERE seq = r.seq;
          prev := h;
        END LOOP;
        UPDATE audit_head SET hash = prev WHERE id;
      END $$`);
    await m.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  });
}

async function cli(t: TestApp, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {
      NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, SEED_DEMO: 'off', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'kk-cli-')),
      JWT_SECRET: t.config.jwtSecret, KETENKLUIS_MASTER_KEY: `1:${Buffer.from(t.config.masterKeyring.keys.get(1)!).toString('base64')}`,
      KETENKLUIS_BLIND_INDEX_KEY: Buffer.from(t.config.blindIndexKey).toString('base64'),
      KETENKLUIS_AUDIT_SIGNING_KEY: Buffer.from(t.config.audit.signingKey).toString('base64'),
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const hasOpenssl = spawnSync('which', ['openssl']).status === 0;

/** Starts the demo sector with checkpoints on and a real SMTP sink; resolves once the first checkpoint's mails arrived. */
async function withFirstCheckpoint() {
  const sink = await startSmtpSink();
  const t = await startTestApp({ env: { SMTP_URL: sink.url, AUDIT_CHECKPOINTS: 'on' } });
  // The log has entries (this sign-in is one), so the first checkpoint is due at once.
  const staff = await t.login(`secretariaat${D}`);
  await until(() => sink.messages.filter(isCheckpointMail).length >= RECIPIENTS.length);
  const [{ seq }] = await t.db.query(`SELECT seq::text FROM audit_checkpoints`);
  return { sink, t, staff, mails: sink.messages.filter(isCheckpointMail), checkpointSeq: seq as string };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function deleteStoredCheckpoints(t: TestApp): Promise<void> {
  await t.db.query(`ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only`);
  await t.db.query(`DELETE FROM audit_checkpoints`);
  await t.db.query(`ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only`);
}

describe('signed audit checkpoints, mailed and verified over HTTP (issue 12, item 7)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let staff: string;
  let mails: SunkMail[];
  let checkpointSeq: string;
  const dir = mkdtempSync(join(tmpdir(), 'kk-party-'));

  beforeAll(async () => {
    ({ sink, t, staff, mails, checkpointSeq } = await withFirstCheckpoint());
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('the service signs the chain head and mails it to each Kerngroep member and secretariat staff member: head and signature, no content', async () => {
    expect(mails.flatMap((m) => m.to).sort()).toEqual(RECIPIENTS);
    const [stored] = await t.db.query(`SELECT seq::text, encode(hash, 'hex') AS hash, statement, signature FROM audit_checkpoints`);
    const signature = (stored.signature as Buffer).toString('base64');
    const [entry] = await t.db.query(`SELECT encode(hash, 'hex') AS hash FROM audit_log WHERE seq = $1`, [stored.seq]);
    expect(stored.hash).toBe(entry.hash);
    expect(stored.statement).toMatch(new RegExp(`^ketenkluis-audit-checkpoint v1 seq=${stored.seq} hash=${entry.hash} time=\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`));
    const actions: Array<{ action: string }> = await t.db.query(`SELECT DISTINCT action FROM audit_log`);
    expect(actions.length).toBeGreaterThan(0);
    for (const m of mails) {
      const kept = fromMail(m);
      expect(kept.statement).toBe(stored.statement);
      expect(kept.signature).toBe(signature);
      expect(JSON.parse(kept.jsonLine)).toEqual({ checkpoint: stored.statement, signature });
      for (const { action } of actions) expect(m.text).not.toContain(action);
    }
  });

  it('a party checks the mailed checkpoint with the public key and the plain openssl command the mail and the README give', async (ctx) => {
    if (!hasOpenssl) ctx.skip();
    const party = await t.login(`precisie-delft${D}`);
    const key = await t.http().get('/api/v1/audit/public-key').set(auth(party));
    expect(key.status).toBe(200);
    expect(key.body.algorithm).toBe('Ed25519');
    expect(mails[0].text).toContain(key.body.fingerprint);
    writeFileSync(join(dir, 'audit-public.pem'), key.body.publicKeyPem);
    const { commands, statement } = fromMail(mails[0]);
    expect(commands).toHaveLength(3);
    const verifyCommand = 'openssl pkeyutl -verify -pubin -inkey audit-public.pem -rawin -in checkpoint.txt -sigfile checkpoint.sig';
    expect(commands[2]).toBe(verifyCommand);
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain(verifyCommand);
    const out = execFileSync('sh', ['-c', commands.join(' && ')], { cwd: dir, encoding: 'utf8' });
    expect(out).toContain('Signature Verified Successfully');
    // The same command refuses a statement that names another head.
    writeFileSync(join(dir, 'checkpoint.txt'), statement.replace(/seq=\d+/, 'seq=999999'));
    const forged = spawnSync('sh', ['-c', verifyCommand], { cwd: dir, encoding: 'utf8' });
    expect(forged.status).not.toBe(0);
    expect(forged.stdout).toContain('Signature Verification Failure');
  });

  it('who may verify: the secretariat and the Kerngroep (seat holders, chair); a party without a seat may read the public key only', async () => {
    for (const who of [`secretariaat${D}`, `metaalbond${D}`, `metaalbond-2${D}`, `voorzitter${D}`]) {
      const token = who === `secretariaat${D}` ? staff : await t.login(who);
      const res = await t.http().get('/api/v1/audit/verification').set(auth(token));
      expect(res.status, who).toBe(200);
      expect(res.body, who).toMatchObject({ ok: true, checkpoints: { given: 1, confirmed: 1, lastConfirmedSeq: checkpointSeq } });
      const list = await t.http().get('/api/v1/audit/checkpoints').set(auth(token));
      expect(list.status, who).toBe(200);
      expect(list.body.items.map((c: { seq: string }) => c.seq)).toEqual([checkpointSeq]);
    }
    const party = await t.login(`precisie-delft${D}`);
    expect((await t.http().get('/api/v1/audit/verification').set(auth(party))).status).toBe(403);
    expect((await t.http().get('/api/v1/audit/checkpoints').set(auth(party))).status).toBe(403);
    expect((await t.http().get('/api/v1/audit/public-key').set(auth(party))).status).toBe(200);
  });

  it('the rewritten chain (every hash recomputed in SQL) passes the bare chain check, but GET /api/v1/audit/verification names the checkpoint it contradicts', async () => {
    await rewriteChainInSql(t);
    // Without checkpoints the rewrite is invisible: that is the hole this item closes.
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

    const res = await t.http().get('/api/v1/audit/verification').set(auth(staff));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problem).toMatchObject({ seq: checkpointSeq, checkpoint: { seq: checkpointSeq, origin: 'stored' } });
    expect(res.body.problem.reason).toMatch(/rewritten/);
    const [entry] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'audit.verify' ORDER BY seq DESC LIMIT 1`);
    expect(entry.details).toMatchObject({ ok: false, contradictedCheckpointSeq: checkpointSeq });
  });

  it('the service can only check what it kept: with the stored checkpoints deleted as well, it sees nothing (the parties\' mails still do, next suite)', async () => {
    await deleteStoredCheckpoints(t);
    const res = await t.http().get('/api/v1/audit/verification').set(auth(staff));
    expect(res.body).toMatchObject({ ok: true, checkpoints: { given: 0 } });
  });
});

// The CLI runs in-process and registers its own passport strategies over the app's, so this suite makes no HTTP
// call after the first CLI run.
describe('verify-audit --checkpoints FILE: the checkpoints a party kept (issue 12, item 7)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let mails: SunkMail[];
  let checkpointSeq: string;
  const dir = mkdtempSync(join(tmpdir(), 'kk-party-'));
  const kept = join(dir, 'kept.jsonl');

  beforeAll(async () => {
    ({ sink, t, mails, checkpointSeq } = await withFirstCheckpoint());
    writeFileSync(kept, `# kept from the checkpoint mails\n${fromMail(mails[0]).jsonLine}\n`);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('agrees with the kept checkpoint (and the stored one) while the log is intact', async () => {
    const r = await cli(t, 'verify-audit', '--checkpoints', kept);
    expect(r.out).toMatch(/^audit chain intact: \d+ entries verified in [\d.]+ s; agrees with 2 of 2 signed checkpoints/);
    expect(r.code).toBe(0);
  });

  it('the rewritten chain (every hash recomputed in SQL) is reported BROKEN, naming the checkpoint it contradicts', async () => {
    await rewriteChainInSql(t);
    expect((await cli(t, 'verify-audit')).code).toBe(1); // the stored checkpoint alone catches it
    const r = await cli(t, 'verify-audit', '--checkpoints', kept);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`audit chain BROKEN at seq ${checkpointSeq}:`);
    expect(r.out).toContain(`contradicts the signed checkpoint seq=${checkpointSeq} hash=`);
  });

  it('with the stored checkpoints deleted too, the kept one and the party\'s own copy of the public key still catch the rewrite', async () => {
    await deleteStoredCheckpoints(t);
    expect((await cli(t, 'verify-audit')).code).toBe(0);
    const key = await cli(t, 'audit-public-key');
    expect(key.out).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
    expect(key.err).toMatch(/fingerprint \(SHA-256 of the raw key\): [0-9a-f]{64}/);
    writeFileSync(join(dir, 'audit-public.pem'), `${key.out}\n`);
    const r = await cli(t, 'verify-audit', '--checkpoints', kept, '--public-key', join(dir, 'audit-public.pem'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`contradicts the signed checkpoint seq=${checkpointSeq}`);
    expect(r.out).toContain(`(${kept}:2)`);
  });

  it('a checkpoint signed by another key is not trusted: verify-audit reports it', async () => {
    writeFileSync(join(dir, 'other.pem'), generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    const r = await cli(t, 'verify-audit', '--checkpoints', kept, '--public-key', join(dir, 'other.pem'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('checkpoint signature does not verify with the audit public key');
  });

  it('refuses an unreadable checkpoints file or key with usage and exit 2, naming the line', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), `${fromMail(mails[0]).jsonLine}\nnot json\n`);
    const r = await cli(t, 'verify-audit', '--checkpoints', join(dir, 'bad.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`bad.jsonl:2: not a JSON line`);
    expect((await cli(t, 'verify-audit', '--checkpoints', join(dir, 'missing.jsonl'))).code).toBe(2);
    const badKey = await cli(t, 'verify-audit', '--public-key', kept);
    expect(badKey.code).toBe(2);
    expect(badKey.err).toContain('is not an Ed25519 public key in PEM');
  });
});

describe('two app instances on one database sign one checkpoint (issue 12, item 7)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('four concurrent signing attempts from two instances: one checkpoint, one mail per recipient', async () => {
    await a.login(`secretariaat${D}`);
    const jobs = [a, b, a, b].map((x) => x.app.get(AuditCheckpointJob));
    const signed = await Promise.all(jobs.map((job, i) => [a, b][i % 2].db.transaction((m) => job.signAndMail(m))));
    expect(signed.filter(Boolean)).toHaveLength(1);
    expect((await a.db.query(`SELECT count(*)::int AS n FROM audit_checkpoints`))[0].n).toBe(1);
    const to: Array<{ to_address: string }> = await a.db.query(`SELECT to_address FROM outbox WHERE template = 'audit.checkpoint' ORDER BY to_address`);
    expect(to.map((r) => r.to_address)).toEqual(RECIPIENTS);
    // Not due again until the interval has passed, however far the chain moves meanwhile.
    await b.login(`secretariaat${D}`);
    expect(await a.db.transaction((m) => jobs[0].signAndMail(m))).toBe(false);
  });
});
