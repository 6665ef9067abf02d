import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseMasterKeyring } from './config.js';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const dataDir = () => mkdtempSync(join(tmpdir(), 'kk-config-'));
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  KETENKLUIS_MASTER_KEY: key(1),
  KETENKLUIS_BLIND_INDEX_KEY: key(2),
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
