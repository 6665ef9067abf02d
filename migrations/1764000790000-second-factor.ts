import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: a second factor. A session records how it was authenticated and when its second factor was last
 * verified; TOTP secrets are sealed with the master keyring (and re-sealed on its rotation); the last accepted TOTP
 * step is kept per person so a code is accepted once across every instance; recovery codes are stored hashed;
 * passkeys (WebAuthn credentials) keep their public key and signature counter; WebAuthn challenges live here too,
 * so a ceremony begun on one instance finishes on another.
 */
export class SecondFactor1764000790000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sessions
        ADD COLUMN auth_methods text[] NOT NULL DEFAULT '{password}',
        ADD COLUMN second_factor_at timestamptz`);
    await q.query(`
      CREATE TABLE totp_factors (
        person_id      uuid PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
        sealed_secret  bytea NOT NULL,
        master_version int NOT NULL,
        confirmed_at   timestamptz,
        last_step      bigint,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX totp_factors_master_version_idx ON totp_factors (master_version)`);
    await q.query(`
      CREATE TABLE recovery_codes (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id  uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        code_hash  bytea NOT NULL,
        used_at    timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (person_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE passkeys (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id      uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        credential_id  text NOT NULL UNIQUE,
        public_key     bytea NOT NULL,
        counter        bigint NOT NULL DEFAULT 0,
        transports     text[] NOT NULL DEFAULT '{}',
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        created_at     timestamptz NOT NULL DEFAULT now(),
        last_used_at   timestamptz
      )`);
    await q.query(`CREATE INDEX passkeys_person_idx ON passkeys (person_id)`);
    await q.query(`
      CREATE TABLE webauthn_challenges (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id  uuid REFERENCES people(id) ON DELETE CASCADE,
        purpose    text NOT NULL CHECK (purpose IN ('register', 'sign-in', 'step-up')),
        challenge  text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webauthn_challenges, passkeys, recovery_codes, totp_factors`);
    await q.query(`ALTER TABLE sessions DROP COLUMN auth_methods, DROP COLUMN second_factor_at`);
  }
}
