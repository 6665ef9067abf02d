import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/test-config.js';

/**
 * The service as a newcomer starts it: the compiled entry point with no DATABASE_URL, so it runs its own embedded
 * PostgreSQL under DATA_DIR (issue 3, item 1).
 */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  let out = '';
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(predicate: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start on a fresh machine (issue 3)', () => {
  let dataDir: string;
  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    dataDir = join(mkdtempSync(join(tmpdir(), 'ketenkluis-start-')), 'data');
    chmodSync(join(dataDir, '..'), 0o755);
  });

  it('starts an embedded PostgreSQL, migrates, seeds, serves, and stops cleanly on Ctrl-C; a restart reuses the data', async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    const first = start(env);
    await waitFor(() => first.output().includes('Press Ctrl-C to stop.') || first.child.exitCode !== null);
    const out = first.output();
    expect(out).toContain(`Ketenkluis is running at http://localhost:${env.PORT}`);
    expect(out).toContain(`http://localhost:${env.PORT}/docs`);
    expect(out).toContain('secretariaat@demo.ketenkluis.test');
    expect(out).toContain('voorzitter@demo.ketenkluis.test');
    expect(out).toContain('Migrations applied: Foundation1764000000000');
    expect(out).toContain('Demo data: seeded the demo sector');
    const health = await fetch(`http://127.0.0.1:${env.PORT}/health`);
    expect(health.status).toBe(200);
    const pgPid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(pidAlive(pgPid)).toBe(true);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    await waitFor(() => !pidAlive(pgPid), 10_000);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = start(env);
    await waitFor(() => second.output().includes('Press Ctrl-C to stop.') || second.child.exitCode !== null);
    expect(second.output()).toContain('Demo data: existing data kept');
    expect(second.output()).not.toContain('Migrations applied');
    expect((await fetch(`http://127.0.0.1:${env.PORT}/health`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('stops with one line naming a wrong configuration variable', async () => {
    const bad = start({ DATA_DIR: dataDir, PORT: 'not-a-port' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toMatch(/^Configuration error: PORT is invalid: .+$/);
  });

  it('refuses production mode without its secrets', async () => {
    const bad = start({ DATA_DIR: dataDir, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toBe('Configuration error: JWT_SECRET is required in production');
  });
});
