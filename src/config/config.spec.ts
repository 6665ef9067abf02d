import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig, parseMasterKeyring } from './config.js';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const dataDir = () => mkdtempSync(join(tmpdir(), 'kk-config-'));
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  KETENKLUIS_MASTER_KEY: key(1),
  KETENKLUIS_BLIND_INDEX_KEY: key(2),
  KETENKLUIS_AUDIT_SIGNING_KEY: key(3),
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a configuration error');
}

describe('configuration (issue 3, item 2)', () => {
  it('names the variable of a wrong value in one line', () => {
    const e = errorOf({ PORT: 'eighty' });
    expect(e.variable).toBe('PORT');
    expect(e.message).toMatch(/^Configuration error: PORT /);
    expect(e.message).not.toContain('\n');
    expect(errorOf({ DATABASE_URL: 'mysql://x' }).variable).toBe('DATABASE_URL');
    expect(errorOf({ SMTP_URL: 'http://mail' }).variable).toBe('SMTP_URL');
    expect(errorOf({ NODE_ENV: 'staging' }).variable).toBe('NODE_ENV');
  });

  it('has no default secrets in production: each missing one is named', () => {
    const { JWT_SECRET: _j, ...noJwt } = production;
    expect(errorOf(noJwt).variable).toBe('JWT_SECRET');
    const { KETENKLUIS_MASTER_KEY: _m, ...noMaster } = production;
    expect(errorOf(noMaster).variable).toBe('KETENKLUIS_MASTER_KEY');
    const { KETENKLUIS_BLIND_INDEX_KEY: _b, ...noIndex } = production;
    expect(errorOf(noIndex).variable).toBe('KETENKLUIS_BLIND_INDEX_KEY');
    const { KETENKLUIS_AUDIT_SIGNING_KEY: _s, ...noSigning } = production;
    expect(errorOf(noSigning).variable).toBe('KETENKLUIS_AUDIT_SIGNING_KEY');
    expect(errorOf({ ...production, JWT_SECRET: 'short' }).variable).toBe('JWT_SECRET');
    expect(errorOf({ ...production, KETENKLUIS_MASTER_KEY: 'bm90MzJieXRlcw==' }).variable).toBe('KETENKLUIS_MASTER_KEY');
  });

  it('never seeds demo data in production', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), ...production }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'development' }).seedDemo).toBe(true);
  });

  it('generates development secrets once and reuses them', () => {
    const dir = dataDir();
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(b.jwtSecret).toBe(a.jwtSecret);
    expect(Buffer.from(b.blindIndexKey).equals(Buffer.from(a.blindIndexKey))).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir() }).jwtSecret).not.toBe(a.jwtSecret);
  });

  it('reads a versioned master keyring whose highest version is current', () => {
    const ring = parseMasterKeyring('KETENKLUIS_MASTER_KEY', `1:${key(1)},3:${key(3)}`);
    expect(ring.current).toBe(3);
    expect([...ring.keys.keys()].sort()).toEqual([1, 3]);
    expect(parseMasterKeyring('K', key(5)).current).toBe(1);
    expect(() => parseMasterKeyring('K', `1:${key(1)},1:${key(2)}`)).toThrow(/repeated/);
    expect(() => parseMasterKeyring('K', `1:${key(1)},${key(2)}`)).toThrow(/version:base64key/);
  });

  it('issue 12, item 7: reads the audit signing key as a base64 seed, a PEM Ed25519 key or a key file, and refuses other keys', () => {
    const seed = Buffer.alloc(32, 4);
    expect(Buffer.from(loadConfig({ DATA_DIR: dataDir(), ...production, KETENKLUIS_AUDIT_SIGNING_KEY: seed.toString('base64') }).audit.signingKey)).toEqual(seed);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const expected = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
    expect(Buffer.from(loadConfig({ DATA_DIR: dataDir(), ...production, KETENKLUIS_AUDIT_SIGNING_KEY: pem }).audit.signingKey)).toEqual(expected);
    const { KETENKLUIS_AUDIT_SIGNING_KEY: _s, ...noSigning } = production;
    const file = join(dataDir(), 'audit-signing.pem');
    writeFileSync(file, pem);
    expect(Buffer.from(loadConfig({ DATA_DIR: dataDir(), ...noSigning, KETENKLUIS_AUDIT_SIGNING_KEY_FILE: file }).audit.signingKey)).toEqual(expected);
    expect(errorOf({ ...noSigning, KETENKLUIS_AUDIT_SIGNING_KEY_FILE: '/nonexistent/key.pem' }).variable).toBe('KETENKLUIS_AUDIT_SIGNING_KEY_FILE');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(errorOf({ ...production, KETENKLUIS_AUDIT_SIGNING_KEY: rsa }).message).toMatch(/KETENKLUIS_AUDIT_SIGNING_KEY must be an Ed25519 private key/);
    expect(errorOf({ ...production, KETENKLUIS_AUDIT_SIGNING_KEY: 'c2hvcnQ=' }).variable).toBe('KETENKLUIS_AUDIT_SIGNING_KEY');
    expect(errorOf({ ...production, AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0' }).variable).toBe('AUDIT_CHECKPOINT_INTERVAL_MINUTES');
    expect(loadConfig({ DATA_DIR: dataDir(), ...production }).audit.checkpointIntervalMinutes).toBe(24 * 60);
  });

  it('issue 12, item 7: a development secrets file written before the audit signing key gets one, once', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const file = join(dir, 'secrets.json');
    const { auditSigningKey: _k, ...older } = z.looseObject({ auditSigningKey: z.string() }).parse(JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(file, JSON.stringify(older));
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.jwtSecret).toBe(first.jwtSecret);
    expect(a.audit.signingKey).toHaveLength(32);
    expect(Buffer.from(b.audit.signingKey)).toEqual(Buffer.from(a.audit.signingKey));
    expect(Buffer.from(a.audit.signingKey)).not.toEqual(Buffer.from(first.audit.signingKey));
  });
});

describe('TRUST_PROXY (issue 12, part 3)', () => {
  const trustProxyOf = (value?: string) => loadConfig({ DATA_DIR: dataDir(), ...production, ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy;

  it('trusts no proxy by default, also in production, and when set to off', () => {
    expect(trustProxyOf()).toBe(false);
    expect(trustProxyOf('off')).toBe(false);
  });

  it('takes comma-separated addresses, CIDR ranges and the proxy-addr names', () => {
    expect(trustProxyOf('10.0.0.1, 192.168.0.0/16,fd00::/8 ,loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses a hop count, which Fastify does not honour, and anything that is not an address', () => {
    expect(errorOf({ ...production, TRUST_PROXY: '1' }).message).toMatch(/^Configuration error: TRUST_PROXY is a hop count/);
    for (const bad of ['true', 'proxy.example.org', '10.0.0.1/33', '10.0.0/8', '10.0.0.1/8/1']) {
      expect(errorOf({ ...production, TRUST_PROXY: bad }).variable, bad).toBe('TRUST_PROXY');
    }
  });
});

describe('password hashing (issue 12, part 2)', () => {
  it('sizes the pool from PASSWORD_HASH_WORKERS and PASSWORD_HASH_QUEUE, and refuses a queue of 0', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), PASSWORD_HASH_WORKERS: '3', PASSWORD_HASH_QUEUE: '7' });
    expect([c.passwordHashWorkers, c.passwordHashQueue]).toEqual([3, 7]);
    expect(loadConfig({ DATA_DIR: dataDir() }).passwordHashWorkers).toBeGreaterThanOrEqual(1);
    expect(errorOf({ PASSWORD_HASH_QUEUE: '0' }).variable).toBe('PASSWORD_HASH_QUEUE');
  });
});

describe('API_DOCS (issue 12, item 5)', () => {
  it('is signed-in by default in production, public otherwise, and either when set', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), ...production }).apiDocs).toBe('signed-in');
    expect(loadConfig({ DATA_DIR: dataDir() }).apiDocs).toBe('public');
    expect(loadConfig({ DATA_DIR: dataDir(), ...production, API_DOCS: 'public' }).apiDocs).toBe('public');
    expect(loadConfig({ DATA_DIR: dataDir(), API_DOCS: 'signed-in' }).apiDocs).toBe('signed-in');
    expect(errorOf({ API_DOCS: 'open' }).variable).toBe('API_DOCS');
  });
});

describe('upload limits (issue 12, part 1)', () => {
  it('reads the upload limits and the parse workers, with defaults, and names a wrong one (issue 12)', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir() });
    expect(defaults.uploadLimits).toEqual({ maxUncompressedBytes: 64 * 1024 * 1024, maxSheets: 16, maxRows: 50_000, maxColumns: 64, maxCellLength: 10_000 });
    expect(defaults.uploadWorkers).toEqual({ size: 2, timeoutSeconds: 60, memoryMb: 512 });
    const set = loadConfig({
      DATA_DIR: dataDir(),
      UPLOAD_MAX_UNCOMPRESSED_BYTES: '1048576',
      UPLOAD_MAX_SHEETS: '1',
      UPLOAD_MAX_ROWS: '10',
      UPLOAD_MAX_COLUMNS: '20',
      UPLOAD_MAX_CELL_LENGTH: '3000',
      UPLOAD_WORKERS: '1',
      UPLOAD_PARSE_TIMEOUT_SECONDS: '5',
      UPLOAD_WORKER_MEMORY_MB: '128',
    });
    expect(set.uploadLimits).toEqual({ maxUncompressedBytes: 1048576, maxSheets: 1, maxRows: 10, maxColumns: 20, maxCellLength: 3000 });
    expect(set.uploadWorkers).toEqual({ size: 1, timeoutSeconds: 5, memoryMb: 128 });
    // Fewer columns than the layout has, or a cell shorter than its longest field, would refuse valid lists.
    expect(errorOf({ UPLOAD_MAX_COLUMNS: '5' }).variable).toBe('UPLOAD_MAX_COLUMNS');
    expect(errorOf({ UPLOAD_MAX_CELL_LENGTH: '100' }).variable).toBe('UPLOAD_MAX_CELL_LENGTH');
    expect(errorOf({ UPLOAD_WORKERS: '0' }).variable).toBe('UPLOAD_WORKERS');
  });
});

describe("the agreement's calendar (issue 15, item 1)", () => {
  it('art. 66-67: defaults to 16 October 2025 – 31 December 2029, lists due 30 June, reminders 30 days ahead; names a wrong value', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).agreementCalendar).toEqual({
      startsOn: '2025-10-16', endsOn: '2029-12-31', listDueDay: '06-30', listReminderDays: 30, monitoringReminderDays: 30,
    });
    const set = loadConfig({ DATA_DIR: dataDir(), AGREEMENT_STARTS_ON: '2026-01-01', LIST_DUE_DAY: '03-31', LIST_REMINDER_DAYS: '14', MONITORING_REMINDER_DAYS: '60' });
    expect(set.agreementCalendar).toMatchObject({ startsOn: '2026-01-01', listDueDay: '03-31', listReminderDays: 14, monitoringReminderDays: 60 });
    expect(errorOf({ AGREEMENT_STARTS_ON: '2025-02-30' }).variable).toBe('AGREEMENT_STARTS_ON');
    expect(errorOf({ AGREEMENT_ENDS_ON: '2025-01-01' }).message).toMatch(/AGREEMENT_ENDS_ON must lie after AGREEMENT_STARTS_ON/);
    expect(errorOf({ LIST_DUE_DAY: '13-01' }).variable).toBe('LIST_DUE_DAY');
    expect(errorOf({ LIST_REMINDER_DAYS: '0' }).variable).toBe('LIST_REMINDER_DAYS');
  });
});
