import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config/config.js';

// One set of secrets per test process, so ciphertexts made while building the templates stay readable.
const SECRETS = {
  JWT_SECRET: process.env.KK_TEST_JWT_SECRET ?? 'test-jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  KETENKLUIS_MASTER_KEY: process.env.KK_TEST_MASTER_KEY ?? `1:${Buffer.alloc(32, 7).toString('base64')}`,
  KETENKLUIS_BLIND_INDEX_KEY: process.env.KK_TEST_BLIND_INDEX_KEY ?? Buffer.alloc(32, 9).toString('base64'),
  KETENKLUIS_AUDIT_SIGNING_KEY: process.env.KK_TEST_AUDIT_SIGNING_KEY ?? Buffer.alloc(32, 11).toString('base64'),
};

/** A complete test configuration; `overrides` are environment variables as the service would read them. */
export function testConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ketenkluis-test-data-')),
    LOG_LEVEL: 'info',
    OUTBOX_POLL_MS: '50',
    OUTBOX_BACKOFF_BASE_MS: '100',
    SCHEDULER_POLL_MS: '100',
    // Checkpoint mails would land in every suite's outbox and SMTP sink; the audit suite turns them on.
    AUDIT_CHECKPOINTS: 'off',
    // Issue 17: the suites written before the second factor sign in with a password alone; the second-factor suites
    // (test/second-factor*.e2e-spec.ts, test/web/second-factor.e2e-spec.ts) turn it on.
    // off for the suites that sign in with a password alone (issue 17); a production-mode suite may not turn it off
    SECOND_FACTOR_ENFORCEMENT: overrides.NODE_ENV === 'production' ? 'on' : 'off',
    ...SECRETS,
    ...overrides,
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const randomName = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
