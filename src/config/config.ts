import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Typed, validated configuration. Every setting comes from the environment; `loadConfig` either returns a
 * complete `AppConfig` or throws a `ConfigError` whose message is one line naming the variable.
 *
 * Secrets (JWT secret, master key, blind-index key) have no defaults in production. In development and test
 * they are generated once into `<DATA_DIR>/secrets.json` (mode 0600) and reused, so tokens and ciphertexts
 * survive restarts.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
  }
}

export interface MasterKeyring {
  /** the version new data keys are wrapped with: the highest one configured */
  current: number;
  keys: Map<number, Uint8Array>;
}

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: intFrom(0, 65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: intFrom(1024, 65535).default(54320),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  KETENKLUIS_MASTER_KEY: z.string().optional(),
  KETENKLUIS_MASTER_KEY_FILE: z.string().optional(),
  KETENKLUIS_BLIND_INDEX_KEY: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: intFrom(30, 86_400).default(900),
  SESSION_TTL_HOURS: intFrom(1, 24 * 30).default(12),
  INVITATION_TTL_HOURS: intFrom(1, 24 * 30).default(72),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Ketenkluis <no-reply@ketenkluis.test>'),
  MAIL_DIR: z.string().optional(),
  OUTBOX_POLL_MS: intFrom(10, 600_000).default(1000),
  OUTBOX_BACKOFF_BASE_MS: intFrom(10, 3_600_000).default(5000),
  OUTBOX_MAX_ATTEMPTS: intFrom(1, 100).default(12),
  OUTBOX_WORKER: z.enum(['on', 'off']).default('on'),
  SCHEDULER_POLL_MS: intFrom(10, 600_000).default(5000),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('ketenkluis-demo'),
  SEED_DEMO: z.enum(['auto', 'off']).default('auto'),
  SEED_DEMO_CASES: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_LIMIT: intFrom(1, 10_000).default(10),
  LOGIN_RATE_WINDOW_SECONDS: intFrom(1, 86_400).default(60),
  UPLOAD_RATE_LIMIT: intFrom(1, 10_000).default(30),
  UPLOAD_MAX_BYTES: intFrom(1024, 1024 * 1024 * 1024).default(20 * 1024 * 1024),
  AGGREGATION_MIN_COMPANIES: intFrom(1, 1000).default(3),
  ACCESS_WINDOW_DAYS: intFrom(1, 365).default(30),
  CONSENT_DEADLINE_DAYS: intFrom(1, 365).default(14),
  MEMBER_DATA_RETENTION_DAYS: intFrom(0, 3650).default(90),
  POLICIES_DIR: z.string().optional(),
});

export type Environment = 'development' | 'production' | 'test';

export interface AppConfig {
  env: Environment;
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
  masterKeyring: MasterKeyring;
  blindIndexKey: Uint8Array;
  accessTokenTtlSeconds: number;
  sessionTtlHours: number;
  invitationTtlHours: number;
  mail: {
    smtpUrl?: string;
    from: string;
    dir: string;
    pollMs: number;
    backoffBaseMs: number;
    maxAttempts: number;
    workerEnabled: boolean;
  };
  schedulerPollMs: number;
  /** whether this process polls for due deadlines (off for operator commands) */
  schedulerEnabled: boolean;
  demoPassword: string;
  seedDemo: boolean;
  /** whether seeding the demo sector also opens the demo cases (through the API, after the sector is committed) */
  seedDemoCases: boolean;
  logLevel: string;
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  uploadRateLimit: number;
  uploadMaxBytes: number;
  aggregationMinCompanies: number;
  accessWindowDays: number;
  consentDeadlineDays: number;
  /** days after a withdrawal or removal takes effect until the organisation's data keys are shredded (art. 73-77) */
  memberDataRetentionDays: number;
  policiesDir: string;
}

function decodeKey(variable: string, text: string): Uint8Array {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== 32) throw new ConfigError(variable, 'must be 32 bytes, base64-encoded');
  return new Uint8Array(bytes);
}

/**
 * A master keyring is either one base64 key (version 1) or comma-separated `version:base64` entries,
 * e.g. `2:…,1:…`. The highest version is current; older versions stay to unwrap data keys not yet re-wrapped.
 */
export function parseMasterKeyring(variable: string, text: string): MasterKeyring {
  const keys = new Map<number, Uint8Array>();
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError(variable, 'is empty');
  for (const entry of entries) {
    const m = /^(\d+):(.+)$/.exec(entry);
    if (!m) {
      if (entries.length > 1) throw new ConfigError(variable, 'entries must look like version:base64key');
      keys.set(1, decodeKey(variable, entry));
      continue;
    }
    const version = Number(m[1]);
    if (version < 1 || keys.has(version)) throw new ConfigError(variable, `has a bad or repeated version ${m[1]}`);
    keys.set(version, decodeKey(variable, m[2]));
  }
  return { current: Math.max(...keys.keys()), keys };
}

interface GeneratedSecrets {
  jwtSecret: string;
  masterKey: string;
  blindIndexKey: string;
}

function developmentSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    masterKey: `1:${randomBytes(32).toString('base64')}`,
    blindIndexKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `is invalid: ${issue.message}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = resolve(e.DATA_DIR);

  const require = (variable: keyof typeof e, value: string | undefined): string => {
    if (value === undefined || value === '') throw new ConfigError(variable, 'is required in production');
    return value;
  };
  let generated: GeneratedSecrets | undefined;
  const dev = () => (generated ??= developmentSecrets(dataDir));

  const jwtSecret = isProduction ? require('JWT_SECRET', e.JWT_SECRET) : (e.JWT_SECRET ?? dev().jwtSecret);

  let masterKeyText: string;
  let masterVariable = 'KETENKLUIS_MASTER_KEY';
  if (e.KETENKLUIS_MASTER_KEY) masterKeyText = e.KETENKLUIS_MASTER_KEY;
  else if (e.KETENKLUIS_MASTER_KEY_FILE) {
    masterVariable = 'KETENKLUIS_MASTER_KEY_FILE';
    if (!existsSync(e.KETENKLUIS_MASTER_KEY_FILE)) throw new ConfigError(masterVariable, 'names a file that does not exist');
    masterKeyText = readFileSync(e.KETENKLUIS_MASTER_KEY_FILE, 'utf8');
  } else if (isProduction) throw new ConfigError('KETENKLUIS_MASTER_KEY', 'is required in production (or KETENKLUIS_MASTER_KEY_FILE)');
  else masterKeyText = dev().masterKey;
  const masterKeyring = parseMasterKeyring(masterVariable, masterKeyText);

  const blindIndexKey = decodeKey(
    'KETENKLUIS_BLIND_INDEX_KEY',
    isProduction
      ? require('KETENKLUIS_BLIND_INDEX_KEY', e.KETENKLUIS_BLIND_INDEX_KEY)
      : (e.KETENKLUIS_BLIND_INDEX_KEY ?? dev().blindIndexKey),
  );

  return {
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    jwtSecret,
    masterKeyring,
    blindIndexKey,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      dir: resolve(e.MAIL_DIR ?? join(dataDir, 'mail')),
      pollMs: e.OUTBOX_POLL_MS,
      backoffBaseMs: e.OUTBOX_BACKOFF_BASE_MS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      workerEnabled: e.OUTBOX_WORKER === 'on',
    },
    schedulerPollMs: e.SCHEDULER_POLL_MS,
    schedulerEnabled: e.SCHEDULER === 'on',
    demoPassword: e.DEMO_PASSWORD,
    // Demo data is for development only, never in production mode (issue 3, item 8).
    seedDemo: !isProduction && e.SEED_DEMO === 'auto',
    seedDemoCases: e.SEED_DEMO_CASES === 'on',
    logLevel: e.LOG_LEVEL,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: e.LOGIN_RATE_WINDOW_SECONDS,
    uploadRateLimit: e.UPLOAD_RATE_LIMIT,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    aggregationMinCompanies: e.AGGREGATION_MIN_COMPANIES,
    accessWindowDays: e.ACCESS_WINDOW_DAYS,
    consentDeadlineDays: e.CONSENT_DEADLINE_DAYS,
    memberDataRetentionDays: e.MEMBER_DATA_RETENTION_DAYS,
    policiesDir: resolve(e.POLICIES_DIR ?? 'policies'),
  };
}

/** Nest injection token for the validated `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
