import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Typed, validated configuration. Every setting comes from the environment; `loadConfig` either returns a
 * complete `AppConfig` or throws a `ConfigError` whose message is one line naming the variable.
 *
 * Secrets (JWT secret, master key, blind-index key, audit signing key) have no defaults in production. In development and test
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
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'must be a real date');

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
  KETENKLUIS_AUDIT_SIGNING_KEY: z.string().optional(),
  KETENKLUIS_AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: intFrom(1, 7 * 24 * 60).default(24 * 60),
  AUDIT_CHECKPOINTS: z.enum(['on', 'off']).default('on'),
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
  // issue 18: compute the fuzzy indexes of rows stored before issue 16 in the background at start-up (README "Key management")
  MATCH_KEY_BACKFILL: z.enum(['on', 'off']).default('on'),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('ketenkluis-demo'),
  SEED_DEMO: z.enum(['auto', 'off']).default('auto'),
  SEED_DEMO_CASES: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_LIMIT: intFrom(1, 10_000).default(10),
  LOGIN_RATE_WINDOW_SECONDS: intFrom(1, 86_400).default(60),
  LOGIN_RATE_LIMIT_PER_ADDRESS: intFrom(1, 100_000).default(100),
  LOGIN_RATE_LIMIT_PER_ACCOUNT: intFrom(1, 100_000).default(30),
  PASSWORD_HASH_WORKERS: intFrom(1, 64).optional(),
  PASSWORD_HASH_QUEUE: intFrom(1, 100_000).default(32),
  TRUST_PROXY: z.string().default('off'),
  UPLOAD_RATE_LIMIT: intFrom(1, 10_000).default(30),
  MATCH_AUTO_THRESHOLD: intFrom(1, 100).default(88),
  MATCH_REVIEW_THRESHOLD: intFrom(1, 100).default(70),
  UPLOAD_MAX_BYTES: intFrom(1024, 1024 * 1024 * 1024).default(20 * 1024 * 1024),
  UPLOAD_MAX_UNCOMPRESSED_BYTES: intFrom(1024, 4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  UPLOAD_MAX_SHEETS: intFrom(1, 1000).default(16),
  UPLOAD_MAX_ROWS: intFrom(1, 10_000_000).default(50_000),
  UPLOAD_MAX_COLUMNS: intFrom(11, 16_384).default(64),
  UPLOAD_MAX_CELL_LENGTH: intFrom(2000, 10_000_000).default(10_000),
  UPLOAD_PARSE_TIMEOUT_SECONDS: intFrom(1, 3600).default(60),
  UPLOAD_WORKER_MEMORY_MB: intFrom(64, 65_536).default(512),
  UPLOAD_WORKERS: intFrom(1, 64).default(2),
  AGGREGATION_MIN_COMPANIES: intFrom(1, 1000).default(3),
  ACCESS_WINDOW_DAYS: intFrom(1, 365).default(30),
  ART22_MIN_GROUNDS_LENGTH: intFrom(1, 5000).default(50),
  CONSENT_DEADLINE_DAYS: intFrom(1, 365).default(14),
  KERNGROEP_VOTE_DAYS: intFrom(1, 365).default(14),
  MEMBER_DATA_RETENTION_DAYS: intFrom(0, 3650).default(90),
  AGREEMENT_STARTS_ON: isoDay.default('2025-10-16'),
  AGREEMENT_ENDS_ON: isoDay.default('2029-12-31'),
  LIST_DUE_DAY: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be a month and day, MM-DD').default('06-30'),
  LIST_REMINDER_DAYS: intFrom(1, 365).default(30),
  MONITORING_REMINDER_DAYS: intFrom(1, 365).default(30),
  POLICIES_DIR: z.string().optional(),
  API_DOCS: z.enum(['public', 'signed-in']).optional(),
  SECOND_FACTOR_ENFORCEMENT: z.enum(['on', 'off']).default('on'),
  STEP_UP_MAX_AGE_SECONDS: intFrom(30, 86_400).default(900),
  WEBAUTHN_RP_ID: z.string().regex(/^[a-z0-9.-]+$/i, 'must be a host name').optional(),
  WEBAUTHN_ORIGIN: z.url().optional(),
  WEBAUTHN_RP_NAME: z.string().min(1).max(64).default('Ketenkluis'),
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
  audit: {
    /** the 32-byte Ed25519 seed that signs audit checkpoints (never stored in the database) */
    signingKey: Uint8Array;
    checkpointIntervalMinutes: number;
    /** whether this instance signs checkpoints at the interval (operator commands never do) */
    checkpointsEnabled: boolean;
  };
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
  /** MATCH_KEY_BACKFILL: the background backfill of fuzzy indexes for rows stored before issue 16 */
  matchKeyBackfill: boolean;
  demoPassword: string;
  seedDemo: boolean;
  /** whether seeding the demo sector also opens the demo cases (through the API, after the sector is committed) */
  seedDemoCases: boolean;
  logLevel: string;
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  /** sign-in (and invitation) attempts per client address over all emails, per window; successes give theirs back */
  loginRateLimitPerAddress: number;
  /** sign-in attempts per email over all client addresses, per window; a successful sign-in clears them */
  loginRateLimitPerAccount: number;
  /** worker threads hashing passwords (Argon2id) */
  passwordHashWorkers: number;
  /** hashing tasks that may wait for a worker; the next one is a 429 */
  passwordHashQueue: number;
  /** Fastify's `trustProxy`: false (the socket's peer is the client) or the proxies' addresses and CIDR ranges */
  trustProxy: TrustProxy;
  uploadRateLimit: number;
  /** issue 16: a candidate supplier match scoring at least this is proposed at once (the secretariat still confirms each company) */
  matchAutoThreshold: number;
  /** from this score up to `matchAutoThreshold` a candidate goes to the secretariat's review queue; below it, nothing */
  matchReviewThreshold: number;
  uploadMaxBytes: number;
  /** what one upload may hold, checked as it is read (README "Upload limits") */
  uploadLimits: {
    maxUncompressedBytes: number;
    maxSheets: number;
    maxRows: number;
    maxColumns: number;
    maxCellLength: number;
  };
  /** uploads are parsed in this many worker threads, each stopped past the time or heap limit */
  uploadWorkers: { size: number; timeoutSeconds: number; memoryMb: number };
  aggregationMinCompanies: number;
  accessWindowDays: number;
  /** art. 22: the fewest characters of grounds an art-22 request is filed with (issue 14, "Bad input") */
  art22MinGroundsLength: number;
  consentDeadlineDays: number;
  /** art. 49: the default deadline of a Kerngroep or assembly vote, from the moment the matter goes to the vote */
  kerngroepVoteDays: number;
  /** days after a withdrawal or removal takes effect until the organisation's data keys are shredded (art. 73-77) */
  memberDataRetentionDays: number;
  /**
   * The agreement's year (issue 15, item 1): its start and end (art. 66-67), the day of the year each year's
   * production-location list is due (art. 17-18), and how many days before a list or monitoring round is due
   * (art. 9-10) its reminder goes out.
   */
  agreementCalendar: { startsOn: string; endsOn: string; listDueDay: string; listReminderDays: number; monitoringReminderDays: number };
  policiesDir: string;
  /** who may read /docs and /docs-json: anyone, or only a caller with a live bearer token (production default) */
  apiDocs: 'public' | 'signed-in';
  /** issue 17: the second factor (TOTP, passkeys) */
  secondFactor: {
    /** off only outside production: the gate, the second sign-in step and step-up are not asked for */
    enforced: boolean;
    /** a sensitive action needs a second factor verified at most this long ago in the session */
    stepUpMaxAgeSeconds: number;
    rpId: string;
    rpName: string;
    origin: string;
  };
}

export type TrustProxy = false | string[];

/**
 * `TRUST_PROXY`: `off` (default: X-Forwarded-For is ignored, the client is the socket's peer) or comma-separated
 * addresses and CIDR ranges of the proxies in front of the service (proxy-addr also knows `loopback`, `linklocal` and
 * `uniquelocal`). Fastify then takes the client address from X-Forwarded-For, walking back only over hops added by
 * those proxies, so a client cannot choose its own address. A bare hop count is refused: Fastify 5 no longer honours
 * one (it cannot tell the proxy from a client that connects directly and forges the header), it trusts nothing then.
 */
export function parseTrustProxy(text: string): TrustProxy {
  const value = text.trim();
  if (value === '' || value === 'off' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    throw new ConfigError('TRUST_PROXY', 'is a hop count, which Fastify does not trust (a direct client could forge X-Forwarded-For); give the proxies\' addresses or CIDR ranges');
  }
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    if (!family || !bitsOk || extra !== undefined) {
      throw new ConfigError('TRUST_PROXY', `has ${JSON.stringify(entry)}, which is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`);
    }
  }
  return entries;
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

/**
 * The audit signing key: a PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`) or its 32-byte seed in
 * base64 (`openssl rand -base64 32`). Returns the seed.
 */
export function parseAuditSigningKey(variable: string, text: string): Uint8Array {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPrivateKey(trimmed);
    } catch {
      throw new ConfigError(variable, 'is not a readable PEM private key');
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(variable, 'must be an Ed25519 private key');
    const jwk = key.export({ format: 'jwk' });
    return new Uint8Array(Buffer.from(jwk.d!, 'base64url'));
  }
  return decodeKey(variable, trimmed);
}

interface GeneratedSecrets {
  jwtSecret: string;
  masterKey: string;
  blindIndexKey: string;
  /** added later than the others: a secrets file written before it gets it on the next start */
  auditSigningKey?: string;
}

function developmentSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
    if (!secrets.auditSigningKey) {
      secrets.auditSigningKey = randomBytes(32).toString('base64');
      writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    }
    return secrets;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    masterKey: `1:${randomBytes(32).toString('base64')}`,
    blindIndexKey: randomBytes(32).toString('base64'),
    auditSigningKey: randomBytes(32).toString('base64'),
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
  if (e.AGREEMENT_ENDS_ON <= e.AGREEMENT_STARTS_ON) throw new ConfigError('AGREEMENT_ENDS_ON', 'must lie after AGREEMENT_STARTS_ON');
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

  // The checkpoint key lives outside the database (issue 12, item 7): whoever can rewrite the tables cannot sign.
  let signingKeyText: string;
  let signingVariable = 'KETENKLUIS_AUDIT_SIGNING_KEY';
  if (e.KETENKLUIS_AUDIT_SIGNING_KEY) signingKeyText = e.KETENKLUIS_AUDIT_SIGNING_KEY;
  else if (e.KETENKLUIS_AUDIT_SIGNING_KEY_FILE) {
    signingVariable = 'KETENKLUIS_AUDIT_SIGNING_KEY_FILE';
    if (!existsSync(e.KETENKLUIS_AUDIT_SIGNING_KEY_FILE)) throw new ConfigError(signingVariable, 'names a file that does not exist');
    signingKeyText = readFileSync(e.KETENKLUIS_AUDIT_SIGNING_KEY_FILE, 'utf8');
  } else if (isProduction) {
    throw new ConfigError('KETENKLUIS_AUDIT_SIGNING_KEY', 'is required in production (or KETENKLUIS_AUDIT_SIGNING_KEY_FILE)');
  } else signingKeyText = dev().auditSigningKey!;
  const auditSigningKey = parseAuditSigningKey(signingVariable, signingKeyText);

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
    audit: {
      signingKey: auditSigningKey,
      checkpointIntervalMinutes: e.AUDIT_CHECKPOINT_INTERVAL_MINUTES,
      checkpointsEnabled: e.AUDIT_CHECKPOINTS === 'on',
    },
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
    matchKeyBackfill: e.MATCH_KEY_BACKFILL === 'on',
    demoPassword: e.DEMO_PASSWORD,
    // Demo data is for development only, never in production mode (issue 3, item 8).
    seedDemo: !isProduction && e.SEED_DEMO === 'auto',
    seedDemoCases: e.SEED_DEMO_CASES === 'on',
    logLevel: e.LOG_LEVEL,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: e.LOGIN_RATE_WINDOW_SECONDS,
    loginRateLimitPerAddress: e.LOGIN_RATE_LIMIT_PER_ADDRESS,
    loginRateLimitPerAccount: e.LOGIN_RATE_LIMIT_PER_ACCOUNT,
    // Half the cores by default: the other half keeps answering requests while every worker hashes.
    passwordHashWorkers: e.PASSWORD_HASH_WORKERS ?? Math.max(1, Math.floor(availableParallelism() / 2)),
    passwordHashQueue: e.PASSWORD_HASH_QUEUE,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    uploadRateLimit: e.UPLOAD_RATE_LIMIT,
    matchAutoThreshold: e.MATCH_AUTO_THRESHOLD,
    matchReviewThreshold: Math.min(e.MATCH_REVIEW_THRESHOLD, e.MATCH_AUTO_THRESHOLD),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadLimits: {
      maxUncompressedBytes: e.UPLOAD_MAX_UNCOMPRESSED_BYTES,
      maxSheets: e.UPLOAD_MAX_SHEETS,
      maxRows: e.UPLOAD_MAX_ROWS,
      maxColumns: e.UPLOAD_MAX_COLUMNS,
      maxCellLength: e.UPLOAD_MAX_CELL_LENGTH,
    },
    uploadWorkers: { size: e.UPLOAD_WORKERS, timeoutSeconds: e.UPLOAD_PARSE_TIMEOUT_SECONDS, memoryMb: e.UPLOAD_WORKER_MEMORY_MB },
    aggregationMinCompanies: e.AGGREGATION_MIN_COMPANIES,
    accessWindowDays: e.ACCESS_WINDOW_DAYS,
    art22MinGroundsLength: e.ART22_MIN_GROUNDS_LENGTH,
    consentDeadlineDays: e.CONSENT_DEADLINE_DAYS,
    kerngroepVoteDays: e.KERNGROEP_VOTE_DAYS,
    memberDataRetentionDays: e.MEMBER_DATA_RETENTION_DAYS,
    agreementCalendar: {
      startsOn: e.AGREEMENT_STARTS_ON,
      endsOn: e.AGREEMENT_ENDS_ON,
      listDueDay: e.LIST_DUE_DAY,
      listReminderDays: e.LIST_REMINDER_DAYS,
      monitoringReminderDays: e.MONITORING_REMINDER_DAYS,
    },
    policiesDir: resolve(e.POLICIES_DIR ?? 'policies'),
    apiDocs: e.API_DOCS ?? (isProduction ? 'signed-in' : 'public'),
    secondFactor: secondFactorConfig(e, isProduction),
  };
}

function secondFactorConfig(e: z.infer<typeof schema>, isProduction: boolean): AppConfig['secondFactor'] {
  // issue 17: nobody who can see confidential data signs in with a password alone in production
  if (isProduction && e.SECOND_FACTOR_ENFORCEMENT === 'off') throw new ConfigError('SECOND_FACTOR_ENFORCEMENT', 'may not be off in production');
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    enforced: e.SECOND_FACTOR_ENFORCEMENT === 'on',
    stepUpMaxAgeSeconds: e.STEP_UP_MAX_AGE_SECONDS,
    rpId: e.WEBAUTHN_RP_ID ?? publicUrl.hostname,
    rpName: e.WEBAUTHN_RP_NAME,
    origin: (e.WEBAUTHN_ORIGIN ? new URL(e.WEBAUTHN_ORIGIN) : publicUrl).origin,
  };
}

/** Nest injection token for the validated `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
