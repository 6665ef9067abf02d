import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation (issue 3): organisations and people as the agreement knows them, sessions, invitations,
 * the hash-chained audit log, the mail outbox and the PostgreSQL-backed rate-limit counters.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    // Organisation kinds, art. 8, 22, 40, 60. `constituency` is the geleding of art. 45 (Kerngroep seats).
    await q.query(`CREATE TYPE organisation_kind AS ENUM
      ('company', 'ngo', 'union', 'branch_org', 'local_partner', 'secretariat', 'supporter')`);
    await q.query(`CREATE TYPE constituency AS ENUM ('unions', 'ngos', 'branch_orgs', 'companies')`);
    await q.query(`
      CREATE TABLE organisations (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug            text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind            organisation_kind NOT NULL,
        -- art. 40: a party signs and takes part in decisions; a supporter only supports.
        is_party        boolean NOT NULL,
        constituency    constituency,
        -- art. 22: a local partner is always affiliated to an NGO or union party.
        affiliated_to   uuid REFERENCES organisations(id),
        country         char(2) CHECK (country ~ '^[A-Z]{2}$'),
        status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawing', 'withdrawn', 'removed')),
        joined_at       timestamptz NOT NULL DEFAULT now(),
        created_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'local_partner') = (affiliated_to IS NOT NULL)),
        CHECK (NOT (kind IN ('supporter', 'secretariat', 'local_partner') AND is_party)),
        CHECK (NOT (kind IN ('company', 'ngo', 'union', 'branch_org') AND NOT is_party)),
        CHECK ((kind IN ('company', 'ngo', 'union', 'branch_org')) = (constituency IS NOT NULL) OR kind = 'local_partner')
      )`);

    await q.query(`
      CREATE TABLE people (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL REFERENCES organisations(id),
        email            text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        language         text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
        password_hash    text,
        roles            text[] NOT NULL DEFAULT '{member}'
                         CHECK (roles <@ ARRAY['member', 'org_admin', 'secretariat_staff']::text[] AND cardinality(roles) > 0),
        -- art. 46: the chair (proposed by the SER) runs Kerngroep meetings and has no vote.
        is_kerngroep_chair boolean NOT NULL DEFAULT false,
        disabled_at      timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX people_email_key ON people (email)`);
    await q.query(`CREATE INDEX people_organisation_idx ON people (organisation_id)`);

    // Art. 45: four seats, one per constituency, each with a fixed and a deputy representative.
    await q.query(`
      CREATE TABLE kerngroep_seats (
        constituency      constituency PRIMARY KEY,
        fixed_person_id   uuid REFERENCES people(id),
        deputy_person_id  uuid REFERENCES people(id),
        CHECK (fixed_person_id <> deputy_person_id)
      )`);
    await q.query(`INSERT INTO kerngroep_seats (constituency) VALUES ('unions'), ('ngos'), ('branch_orgs'), ('companies')`);

    // Art. 13: CSO parties "die deelnemen aan een module" see individual scores under NDA.
    await q.query(`
      CREATE TABLE module_participations (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        module          text NOT NULL CHECK (module ~ '^[a-z0-9-]+$'),
        joined_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, module)
      )`);

    await q.query(`
      CREATE TABLE sessions (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id     uuid NOT NULL REFERENCES people(id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        revoked_at    timestamptz,
        ip            text,
        user_agent    text
      )`);
    await q.query(`CREATE INDEX sessions_person_idx ON sessions (person_id)`);

    await q.query(`
      CREATE TABLE invitations (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id    uuid NOT NULL REFERENCES people(id),
        token_hash   bytea NOT NULL UNIQUE,
        created_by   uuid REFERENCES people(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        used_at      timestamptz
      )`);

    // The audit log: append-only and hash-chained (DESIGN.md, Security design). `audit_head` holds the chain's
    // last sequence number and hash; appenders lock that one row, so the chain is serialised by the database.
    await q.query(`
      CREATE TABLE audit_log (
        seq                    bigint PRIMARY KEY,
        occurred_at            timestamptz NOT NULL,
        actor_person_id        uuid,
        actor_organisation_id  uuid,
        action                 text NOT NULL,
        object_type            text,
        object_id              text,
        grant_type             text,
        grant_id               text,
        details                jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash              bytea NOT NULL,
        hash                   bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at)`);
    await q.query(`CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id)`);
    await q.query(`CREATE INDEX audit_log_actor_org_idx ON audit_log (actor_organisation_id)`);
    await q.query(`
      CREATE TABLE audit_head (
        id    boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq   bigint NOT NULL,
        hash  bytea NOT NULL
      )`);
    await q.query(`INSERT INTO audit_head (id, seq, hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'))`);
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

    // The transactional outbox: written in the same transaction as the change that causes the mail.
    await q.query(`
      CREATE TABLE outbox (
        id               bigserial PRIMARY KEY,
        created_at       timestamptz NOT NULL DEFAULT now(),
        to_address       text NOT NULL,
        template         text NOT NULL,
        language         text NOT NULL CHECK (language IN ('nl', 'en')),
        subject          text NOT NULL,
        body_text        text NOT NULL,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_error       text,
        sent_at          timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status = 'pending'`);

    // Rate-limit counters live in PostgreSQL so that several app instances share them (DESIGN.md, Scaling out).
    await q.query(`
      CREATE TABLE rate_limits (
        key             text PRIMARY KEY,
        hits            integer NOT NULL,
        expires_at      timestamptz NOT NULL,
        blocked_until   timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rate_limits', 'outbox', 'audit_head', 'audit_log', 'invitations', 'sessions',
      'module_participations', 'kerngroep_seats', 'people', 'organisations']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_refuse_change()`);
    await q.query(`DROP TYPE IF EXISTS constituency`);
    await q.query(`DROP TYPE IF EXISTS organisation_kind`);
  }
}
