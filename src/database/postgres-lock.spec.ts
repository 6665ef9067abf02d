import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimDataDirectory, DataDirectoryInUse } from './postgres-lock.js';

describe('claimDataDirectory (a start on a data directory another server may hold)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kk-lock-'));
  const pidFile = join(dir, 'postmaster.pid');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hint = { dataDirVariable: 'DATA_DIR' };

  it('does nothing without a pid file', () => {
    expect(() => claimDataDirectory(dir, hint)).not.toThrow();
  });

  it('removes a pid file whose process is gone (a crash or kill -9 of the server)', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.on('exit', r));
    writeFileSync(pidFile, `${gone.pid}\n${dir}\n`);
    claimDataDirectory(dir, hint);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('removes a pid file whose pid now belongs to a program that is not PostgreSQL (pid reuse)', () => {
    writeFileSync(pidFile, `${process.pid}\n${dir}\n`);
    claimDataDirectory(dir, hint);
    expect(existsSync(pidFile)).toBe(false);
  });

  it.runIf(existsSync('/proc') && existsSync('/bin/bash'))('refuses a live postgres without a running parent as left behind, naming the pid and `kill`', async () => {
    // a stand-in "postgres" (a process whose program is named so), orphaned: its parent exits at once
    const parent = spawn('bash', ['-c', '(exec -a postgres sleep 30) & echo $!'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = Number(await new Promise<string>((r) => parent.stdout.once('data', (d) => r(String(d).trim()))));
    await new Promise((r) => parent.on('exit', r));
    // the subshell renames itself only once it has exec'd; on a loaded machine that can come after the parent's exit
    for (let i = 0; i < 200 && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres'); i++) await new Promise((r) => setTimeout(r, 10));
    try {
      writeFileSync(pidFile, `${pid}\n${dir}\n`);
      let error: unknown;
      try {
        claimDataDirectory(dir, hint);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirectoryInUse);
      expect((error as Error).message).toBe(
        `an embedded PostgreSQL (pid ${pid}) is still running in ${dir}, left behind by a Ketenkluis that did not stop cleanly; ` +
          `stop it with \`kill ${pid}\` (it shuts down cleanly) and start again`,
      );
      expect(existsSync(pidFile)).toBe(true);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });
});
