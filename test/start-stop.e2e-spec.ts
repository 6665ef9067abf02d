import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/test-app.js';
import { freePort } from './support/test-config.js';

/**
 * Start and stop as a terminal or an orchestrator does it (issue 12, item 6): the compiled entry point as a child in
 * its own process group, so a signal can go to the whole group as Ctrl-C sends it (the embedded PostgreSQL is in
 * that group too).
 */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  let out = '';
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', SEED_DEMO_CASES: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
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

/** The requirement is a bound, not a speed: a stop that hangs fails here instead of at the suite's timeout. */
const STOP_BOUND_MS = 10_000;
const exitedWithin = (s: Started, ms: number) =>
  Promise.race([s.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);

describe('start and stop (issue 12, item 6)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const pgPidFile = () => join(dataDir, 'pg', 'postmaster.pid');
  const pgPid = () => Number(readFileSync(pgPidFile(), 'utf8').split('\n')[0]);
  const leftovers: number[] = [];

  const startReady = async () => {
    const s = start(env);
    await waitFor(() => s.output().includes('Press Ctrl-C to stop.') || s.child.exitCode !== null, 90_000, 'the service to start');
    expect(s.output()).toContain('Press Ctrl-C to stop.');
    leftovers.push(s.child.pid!, pgPid());
    return s;
  };

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    dataDir = join(mkdtempSync(join(tmpdir(), 'ketenkluis-startstop-')), 'data');
    chmodSync(join(dataDir, '..'), 0o755);
    env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
  });
  afterAll(() => {
    for (const pid of leftovers) if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('a second start while one runs stops with one line naming the directory, both pids and what to do; the first keeps running', async () => {
    const first = await startReady();
    const postgres = pgPid();
    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output().trim().split('\n')).toEqual([
      `Ketenkluis failed to start: another Ketenkluis (pid ${first.child.pid}) is already running on the embedded PostgreSQL in ${dataDir}/pg ` +
        `(pid ${postgres}); stop it first (Ctrl-C in its terminal, or \`kill ${first.child.pid}\`), or give this one another DATA_DIR`,
    ]);
    expect((await fetch(`http://127.0.0.1:${env.PORT}/health`)).status).toBe(200);

    // Ctrl-C as a terminal sends it: SIGINT to the whole process group
    process.kill(-first.child.pid!, 'SIGINT');
    expect(await exitedWithin(first, STOP_BOUND_MS)).toBe(0);
    await waitFor(() => !pidAlive(postgres), 5000, 'PostgreSQL to be gone');
    expect(existsSync(pgPidFile())).toBe(false);
  });

  it('SIGTERM to the process group after the database went away first still stops, and leaves no PostgreSQL', async () => {
    const s = await startReady();
    const postgres = pgPid();
    process.kill(postgres, 'SIGKILL');
    await waitFor(() => !pidAlive(postgres), 5000, 'PostgreSQL to die');
    process.kill(-s.child.pid!, 'SIGTERM');
    expect(await exitedWithin(s, STOP_BOUND_MS)).not.toBe('still running');
  });

  it('SIGTERM to the service alone (an orchestrator) stops the service and its PostgreSQL', async () => {
    const s = await startReady();
    const postgres = pgPid();
    s.child.kill('SIGTERM');
    expect(await exitedWithin(s, STOP_BOUND_MS)).toBe(0);
    await waitFor(() => !pidAlive(postgres), 5000, 'PostgreSQL to be gone');
  });

  it('a busy PORT stops with one line naming the port', async () => {
    const busy = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', () => r()));
    try {
      const s = start({ DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: await createTestDatabase('migrated'), SEED_DEMO: 'off' });
      expect(await s.exited).toBe(1);
      expect(s.output().trim().split('\n')).toEqual([
        `Ketenkluis failed to start: port ${port} on 127.0.0.1 is already in use (another Ketenkluis?); stop that one or set PORT to a free port`,
      ]);
    } finally {
      busy.close();
    }
  });

  it('after a crash left PostgreSQL running, a start names it and says how to stop it; following that advice works', async () => {
    const crashed = await startReady();
    const postgres = pgPid();
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(pidAlive(postgres)).toBe(true);

    const next = start(env);
    expect(await next.exited).toBe(1);
    expect(next.output().trim().split('\n')).toEqual([
      `Ketenkluis failed to start: an embedded PostgreSQL (pid ${postgres}) is still running in ${dataDir}/pg, left behind by a Ketenkluis ` +
        `that did not stop cleanly; stop it with \`kill ${postgres}\` (it shuts down cleanly) and start again`,
    ]);
    expect(pidAlive(postgres)).toBe(true); // nothing was taken down by the refused start

    process.kill(postgres, 'SIGTERM');
    await waitFor(() => !pidAlive(postgres), 10_000, 'the orphaned PostgreSQL to stop');
    const again = await startReady();
    expect(again.output()).toContain('Demo data: existing data kept');
    process.kill(-again.child.pid!, 'SIGINT');
    expect(await exitedWithin(again, STOP_BOUND_MS)).toBe(0);
  });
});
