import type { Language } from '../../common/caller.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface TotpRow {
  sealed: Uint8Array;
  masterVersion: number;
  confirmed: boolean;
  lastStep: number | null;
}

export interface PasskeyRow {
  id: string;
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type AuthMethod = 'password' | 'totp' | 'recovery' | 'passkey';

/** A `totp_factors` row as selected (`last_step` is a bigint, which the driver returns as text). */
interface TotpColumns {
  sealed_secret: Buffer;
  master_version: number;
  confirmed_at: Date | null;
  last_step: string | null;
}

/** A `passkeys` row as selected (`counter` is a bigint, returned as text). */
interface PasskeyColumns {
  id: string;
  credential_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[] | null;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

/** Rows of a statement that only reports which rows it touched (`RETURNING id` / `person_id` through a CTE). */
type Touched = unknown[];

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

/** Second factors (issue 17) in SQL: TOTP secrets (sealed), recovery codes (hashed), passkeys, WebAuthn challenges. */
@Injectable()
export class SecondFactorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async person(personId: string): Promise<{ email: string; name: string; language: Language; organisationId: string; disabled: boolean } | undefined> {
    const [r] = await this.db.query<Array<{ email: string; name: string; language: Language; organisation_id: string; disabled: boolean }>>(
      `SELECT p.email, p.name, p.language, p.organisation_id,
              (p.disabled_at IS NOT NULL OR o.status IN ('withdrawn', 'removed')) AS disabled
         FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1`,
      [personId],
    );
    return r ? { email: r.email, name: r.name, language: r.language, organisationId: r.organisation_id, disabled: r.disabled } : undefined;
  }

  /** Whether the person has a confirmed TOTP app or a passkey. */
  async hasFactor(m: EntityManager, personId: string): Promise<boolean> {
    const [r] = await m.query<Array<{ has: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM totp_factors WHERE person_id = $1 AND confirmed_at IS NOT NULL)
           OR EXISTS (SELECT 1 FROM passkeys WHERE person_id = $1) AS has`,
      [personId],
    );
    return r.has;
  }

  async totp(m: EntityManager, personId: string, lock = false): Promise<TotpRow | undefined> {
    const [r] = await m.query<TotpColumns[]>(
      `SELECT sealed_secret, master_version, confirmed_at, last_step FROM totp_factors WHERE person_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [personId],
    );
    return r ? toTotp(r) : undefined;
  }

  /** A new, unconfirmed secret (replacing an unconfirmed one; a confirmed one is never overwritten here). */
  async putUnconfirmedTotp(m: EntityManager, personId: string, sealed: Uint8Array, masterVersion: number): Promise<boolean> {
    const rows = await m.query<Touched>(
      `INSERT INTO totp_factors (person_id, sealed_secret, master_version) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, master_version = EXCLUDED.master_version,
              last_step = NULL, created_at = now()
        WHERE totp_factors.confirmed_at IS NULL
       RETURNING person_id`,
      [personId, Buffer.from(sealed), masterVersion],
    );
    return rows.length > 0;
  }

  /**
   * Records `step` as the person's last accepted TOTP step, only if it is later than the one stored: one statement,
   * so of two instances accepting the same code at once exactly one wins (replay refused across instances).
   */
  async acceptStep(m: EntityManager, personId: string, step: number, confirm: boolean): Promise<boolean> {
    const rows = await m.query<Touched>(
      `WITH u AS (UPDATE totp_factors SET last_step = $2${confirm ? ', confirmed_at = coalesce(confirmed_at, now())' : ''}
                   WHERE person_id = $1 AND (last_step IS NULL OR last_step < $2) RETURNING person_id) SELECT * FROM u`,
      [personId, step],
    );
    return rows.length > 0;
  }

  async deleteTotp(m: EntityManager, personId: string): Promise<boolean> {
    const rows = await m.query<Touched>(`WITH d AS (DELETE FROM totp_factors WHERE person_id = $1 RETURNING person_id) SELECT * FROM d`, [personId]);
    return rows.length > 0;
  }

  async replaceRecoveryCodes(m: EntityManager, personId: string, hashes: Buffer[]): Promise<void> {
    await m.query(`DELETE FROM recovery_codes WHERE person_id = $1`, [personId]);
    await m.query(`INSERT INTO recovery_codes (person_id, code_hash) SELECT $1, h FROM unnest($2::bytea[]) AS h`, [personId, hashes]);
  }

  /** Uses up one unused recovery code; false when there is none with this hash (wrong, or used before). */
  async useRecoveryCode(m: EntityManager, personId: string, hash: Buffer): Promise<boolean> {
    const rows = await m.query<Touched>(
      `WITH u AS (UPDATE recovery_codes SET used_at = now() WHERE person_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id) SELECT * FROM u`,
      [personId, hash],
    );
    return rows.length > 0;
  }

  async recoveryCodesLeft(m: EntityManager, personId: string): Promise<number> {
    const [r] = await m.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM recovery_codes WHERE person_id = $1 AND used_at IS NULL`, [personId]);
    return r.n;
  }

  async passkeys(m: EntityManager, personId: string): Promise<PasskeyRow[]> {
    const rows = await m.query<PasskeyColumns[]>(
      `SELECT id, credential_id, public_key, counter, transports, name, created_at, last_used_at FROM passkeys WHERE person_id = $1 ORDER BY created_at`,
      [personId],
    );
    return rows.map(toPasskey);
  }

  async passkeyByCredential(credentialId: string): Promise<(PasskeyRow & { personId: string }) | undefined> {
    const [r] = await this.db.query<Array<PasskeyColumns & { person_id: string }>>(
      `SELECT id, person_id, credential_id, public_key, counter, transports, name, created_at, last_used_at FROM passkeys WHERE credential_id = $1`,
      [credentialId],
    );
    return r ? { ...toPasskey(r), personId: r.person_id } : undefined;
  }

  async addPasskey(m: EntityManager, personId: string, p: { credentialId: string; publicKey: Uint8Array; counter: number; transports: string[]; name: string }): Promise<string> {
    const [r] = await m.query<Array<{ id: string }>>(
      `INSERT INTO passkeys (person_id, credential_id, public_key, counter, transports, name) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [personId, p.credentialId, Buffer.from(p.publicKey), p.counter, p.transports, p.name],
    );
    return r.id;
  }

  /** Stores the new signature counter, only if it moved on (a cloned authenticator's stale counter loses). */
  async usePasskey(m: EntityManager, id: string, counter: number): Promise<boolean> {
    const rows = await m.query<Touched>(
      `WITH u AS (UPDATE passkeys SET counter = $2, last_used_at = now() WHERE id = $1 AND ($2 = 0 OR counter < $2) RETURNING id) SELECT * FROM u`,
      [id, counter],
    );
    return rows.length > 0;
  }

  async renamePasskey(m: EntityManager, personId: string, id: string, name: string): Promise<boolean> {
    const rows = await m.query<Touched>(`WITH u AS (UPDATE passkeys SET name = $3 WHERE id = $2 AND person_id = $1 RETURNING id) SELECT * FROM u`, [personId, id, name]);
    return rows.length > 0;
  }

  async deletePasskey(m: EntityManager, personId: string, id: string): Promise<boolean> {
    const rows = await m.query<Touched>(`WITH d AS (DELETE FROM passkeys WHERE id = $2 AND person_id = $1 RETURNING id) SELECT * FROM d`, [personId, id]);
    return rows.length > 0;
  }

  /** Every factor of a person gone (the secretariat's reset): TOTP, recovery codes and passkeys. */
  async deleteAll(m: EntityManager, personId: string): Promise<{ totp: boolean; passkeys: number; recoveryCodes: number }> {
    const totp = await this.deleteTotp(m, personId);
    const pk = await m.query<Touched>(`WITH d AS (DELETE FROM passkeys WHERE person_id = $1 RETURNING id) SELECT * FROM d`, [personId]);
    const rc = await m.query<Touched>(`WITH d AS (DELETE FROM recovery_codes WHERE person_id = $1 RETURNING id) SELECT * FROM d`, [personId]);
    return { totp, passkeys: pk.length, recoveryCodes: rc.length };
  }

  async saveChallenge(m: EntityManager, personId: string | null, purpose: 'register' | 'sign-in' | 'step-up', challenge: string): Promise<string> {
    await m.query(`DELETE FROM webauthn_challenges WHERE expires_at < now()`);
    const [r] = await m.query<Array<{ id: string }>>(
      `INSERT INTO webauthn_challenges (person_id, purpose, challenge, expires_at) VALUES ($1, $2, $3, now() + interval '5 minutes') RETURNING id`,
      [personId, purpose, challenge],
    );
    return r.id;
  }

  /** Takes a live challenge (once: it is deleted as it is read). */
  async takeChallenge(m: EntityManager, id: string, purpose: string, personId: string | null): Promise<string | undefined> {
    const [r] = await m.query<Array<{ challenge: string }>>(
      `WITH d AS (DELETE FROM webauthn_challenges WHERE id = $1 AND purpose = $2 AND person_id IS NOT DISTINCT FROM $3 AND expires_at > now()
                  RETURNING challenge) SELECT * FROM d`,
      [id, purpose, personId],
    );
    return r?.challenge;
  }

  /** The session's record of a second factor just given: its method added, the time of verification now. */
  async markSecondFactor(m: EntityManager, sessionId: string, method: AuthMethod): Promise<void> {
    await m.query(
      `UPDATE sessions SET second_factor_at = now(),
              auth_methods = CASE WHEN $2 = ANY(auth_methods) THEN auth_methods ELSE array_append(auth_methods, $2) END
        WHERE id = $1`,
      [sessionId, method],
    );
  }

  /** Sealed TOTP secrets under an older master version, locked for re-sealing (master-key rotation). */
  async totpToReseal(m: EntityManager, currentVersion: number, limit: number): Promise<Array<{ personId: string } & TotpRow>> {
    const rows = await m.query<Array<TotpColumns & { person_id: string }>>(
      `SELECT person_id, sealed_secret, master_version, confirmed_at, last_step FROM totp_factors
        WHERE master_version <> $1 ORDER BY person_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [currentVersion, limit],
    );
    return rows.map((r) => ({ personId: r.person_id, ...toTotp(r) }));
  }

  async resealTotp(m: EntityManager, personId: string, sealed: Uint8Array, masterVersion: number): Promise<void> {
    await m.query(`UPDATE totp_factors SET sealed_secret = $2, master_version = $3 WHERE person_id = $1`, [personId, Buffer.from(sealed), masterVersion]);
  }
}

function toTotp(r: TotpColumns): TotpRow {
  return {
    sealed: new Uint8Array(r.sealed_secret),
    masterVersion: r.master_version,
    confirmed: r.confirmed_at !== null,
    lastStep: r.last_step === null ? null : Number(r.last_step),
  };
}

function toPasskey(r: PasskeyColumns): PasskeyRow {
  return {
    id: r.id,
    credentialId: r.credential_id,
    publicKey: new Uint8Array(r.public_key),
    counter: Number(r.counter),
    transports: r.transports ?? [],
    name: r.name,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
  };
}
