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
