import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './support/test-app.js';

/**
 * Issue 4, item 1: an invalid policy file stops the service at start-up, naming the file, the line and the
 * problem — the real service, started on a copy of the shipped policies with one file broken.
 */
function policiesWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kk-policies-startup-'));
  cpSync(resolve('policies'), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

async function startupError(dir: string): Promise<string> {
  try {
    const t = await startTestApp({ database: 'migrated', env: { POLICIES_DIR: dir } });
    await t.close();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the service started with an invalid policy file');
}

describe('policy file errors stop start-up (issue 4, item 1)', () => {
  it('an unknown subject', async () => {
    const message = await startupError(policiesWith('monitoring-results.yaml', (s) => s.replace('subject: MonitoringResult', 'subject: MonitoringSecrets')));
    expect(message).toMatch(/Invalid policy file monitoring-results\.yaml:1: unknown subject "MonitoringSecrets"/);
  });

  it('a rule without its article', async () => {
    const message = await startupError(policiesWith('plans-of-action.yaml', (s) => s.replace(/\n    article: "12"\n/, '\n')));
    expect(message).toMatch(/Invalid policy file plans-of-action\.yaml:\d+: .*missing "article"/);
  });

  it('a bad condition (an NDA kind that does not exist)', async () => {
    const message = await startupError(policiesWith('monitoring-results.yaml', (s) => s.replace('nda: cso-monitoring', 'nda: handshake')));
    expect(message).toMatch(/Invalid policy file monitoring-results\.yaml:\d+: .*when\.nda: must be one of/);
  });

  it('the shipped files start (control)', async () => {
    const t = await startTestApp({ database: 'migrated', env: { POLICIES_DIR: resolve('policies') } });
    await t.close();
  });
});
