import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A data directory that a live PostgreSQL still holds: start-up stops with `message`, one line saying what to do. */
export class DataDirectoryInUse extends Error {
  constructor(
    readonly dir: string,
    readonly postgresPid: number,
    readonly ownerPid: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function pidIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (e.g. the postgres user when we are not root)
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `/proc/<pid>/…` where there is one (Linux); undefined elsewhere or when the process is gone. */
function procFile(pid: number, file: 'cmdline' | 'stat'): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The parent pid of `pid` (field 4 of /proc/<pid>/stat, after the parenthesised command name). */
function parentOf(pid: number): number | undefined {
  const stat = procFile(pid, 'stat');
  const after = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = after ? Number(after[1]) : NaN;
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Whether `pid` runs a program named like `name` (true when that cannot be told, i.e. no /proc). */
function runs(pid: number, name: RegExp): boolean {
  const cmdline = procFile(pid, 'cmdline');
  return cmdline === undefined ? existsSync('/proc') === false : name.test(cmdline.split('\0')[0] ?? '');
}

/**
 * Before starting an embedded PostgreSQL in `dir`: a `postmaster.pid` left by a crash or `kill -9` whose process
 * is gone (or whose pid now belongs to another program) is removed, as PostgreSQL itself would; one whose
 * postmaster still runs means the directory is in use, and start-up stops with a `DataDirectoryInUse` naming the
 * directory, the pids and the way out — for another running Ketenkluis, or a PostgreSQL orphaned when its
 * Ketenkluis was killed.
 */
export function claimDataDirectory(dir: string, hint: { dataDirVariable: string }): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pidIsAlive(pid) || !runs(pid, /postgres/)) {
    rmSync(pidFile, { force: true });
    return;
  }
  const owner = parentOf(pid);
  if (owner !== undefined && owner > 1 && owner !== process.pid && runs(owner, /node/)) {
    throw new DataDirectoryInUse(
      dir,
      pid,
      owner,
      `another Ketenkluis (pid ${owner}) is already running on the embedded PostgreSQL in ${dir} (pid ${pid}); ` +
        `stop it first (Ctrl-C in its terminal, or \`kill ${owner}\`), or give this one another ${hint.dataDirVariable}`,
    );
  }
  throw new DataDirectoryInUse(
    dir,
    pid,
    undefined,
    `an embedded PostgreSQL (pid ${pid}) is still running in ${dir}, left behind by a Ketenkluis that did not stop cleanly; ` +
      `stop it with \`kill ${pid}\` (it shuts down cleanly) and start again`,
  );
}
