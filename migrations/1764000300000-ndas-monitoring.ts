import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confidentiality agreements (art. 13, 21, 22, 56, annex), monitoring results (art. 9-13) and plans of action
 * (art. 12) — issue 4.
 */
export class NdasMonitoring1764000300000 implements MigrationInterface {
  name = 'NdasMonitoring1764000300000';

  async up(q: QueryRunner): Promise<void> {
    // Versioned NDA texts: the current text of a kind is its highest version. A signature names the exact text
    // (and its SHA-256); once a newer version is published, older signatures of that kind grant nothing.
    await q.query(`
      CREATE TABLE nda_texts (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind            text NOT NULL CHECK (kind IN ('cso-monitoring', 'company-region', 'disclosure', 'supporters-protocol', 'secretariat-obligation')),
        version         integer NOT NULL CHECK (version >= 1),
        title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
        sha256          char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        valid_for_days  integer NOT NULL CHECK (valid_for_days BETWEEN 1 AND 3650),
        published_at    timestamptz NOT NULL DEFAULT now(),
        published_by    uuid REFERENCES people(id),
        UNIQUE (kind, version)
      )`);
    await q.query(`
      CREATE TABLE nda_signatures (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text_id          uuid NOT NULL REFERENCES nda_texts(id),
        organisation_id  uuid NOT NULL REFERENCES organisations(id),
        person_id        uuid NOT NULL REFERENCES people(id),
        signer_name      text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
        signed_at        timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        revoked_at       timestamptz,
        revoked_by       uuid REFERENCES people(id),
        revoke_reason    text CHECK (length(revoke_reason) <= 500),
        CHECK (expires_at > signed_at),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX nda_signatures_org_idx ON nda_signatures (organisation_id, text_id)`);

    // The monitoring framework: the six OECD due-diligence steps; each section reports on risks, on the plan of
    // action, or on neither (art. 13 opens only the first two to CSOs). A score below `sufficient_from` is
    // "onvoldoende" and opens a three-month improvement period (art. 11).
    await q.query(`
      CREATE TABLE monitoring_sections (
        step             integer PRIMARY KEY CHECK (step BETWEEN 1 AND 6),
        key              text NOT NULL UNIQUE,
        title            text NOT NULL,
        reports_on       text NOT NULL CHECK (reports_on IN ('risks', 'planOfAction', 'other')),
        sufficient_from  numeric(5,2) NOT NULL CHECK (sufficient_from BETWEEN 0 AND 100)
      )`);
    await q.query(`INSERT INTO monitoring_sections (step, key, title, reports_on, sufficient_from) VALUES
      (1, 'embed-rbc', 'Embed responsible business conduct in policies and management systems', 'other', 50),
      (2, 'identify-risks', 'Identify and assess adverse impacts (risks)', 'risks', 50),
      (3, 'cease-prevent-mitigate', 'Cease, prevent or mitigate adverse impacts (plan of action)', 'planOfAction', 50),
      (4, 'track', 'Track implementation and results', 'planOfAction', 50),
      (5, 'communicate', 'Communicate how impacts are addressed', 'other', 50),
      (6, 'remediate', 'Provide for or cooperate in remediation', 'other', 50)`);

    // Art. 9-10: rounds baseline (year 1), year 2, year 4; a final score and a signal green/orange/red, advice.
    await q.query(`
      CREATE TABLE monitoring_results (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id   uuid NOT NULL REFERENCES organisations(id),
        round        text NOT NULL CHECK (round IN ('baseline', 'year2', 'year4')),
        final_score  numeric(5,2) NOT NULL CHECK (final_score BETWEEN 0 AND 100),
        signal       text NOT NULL CHECK (signal IN ('green', 'orange', 'red')),
        advice       text NOT NULL CHECK (length(advice) <= 10000),
        stored_by    uuid REFERENCES people(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (company_id, round)
      )`);
    await q.query(`
      CREATE TABLE monitoring_result_sections (
        result_id  uuid NOT NULL REFERENCES monitoring_results(id) ON DELETE CASCADE,
        step       integer NOT NULL REFERENCES monitoring_sections(step),
        score      numeric(5,2) NOT NULL CHECK (score BETWEEN 0 AND 100),
        advice     text NOT NULL CHECK (length(advice) <= 10000),
        PRIMARY KEY (result_id, step)
      )`);
    // Art. 10-11: an orange or red result → a talk by the secretariat; an insufficient section → three months
    // to improve. Deadlines are rows, so any instance (or the scheduler) can pick them up: the scheduler reminds
    // the company some days before `deadline_at` (`reminded_at`) and, at it, opens an `improvement-period-ended`
    // follow-up for the secretariat (`fired_at`); each exactly once. A failed step counts `attempts` and waits
    // until `retry_at` (the deadline itself never moves: the company sees it).
    await q.query(`
      CREATE TABLE monitoring_follow_ups (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        result_id     uuid NOT NULL REFERENCES monitoring_results(id),
        company_id    uuid NOT NULL REFERENCES organisations(id),
        kind          text NOT NULL CHECK (kind IN ('signal-talk', 'improvement-period', 'improvement-period-ended')),
        step          integer REFERENCES monitoring_sections(step),
        created_at    timestamptz NOT NULL DEFAULT now(),
        deadline_at   timestamptz,
        completed_at  timestamptz,
        completed_by  uuid REFERENCES people(id),
        reminded_at   timestamptz,
        fired_at      timestamptz,
        attempts      integer NOT NULL DEFAULT 0,
        retry_at      timestamptz,
        last_error    text CHECK (length(last_error) <= 500),
        CHECK ((kind = 'improvement-period') = (step IS NOT NULL AND deadline_at IS NOT NULL)),
        CHECK (kind <> 'improvement-period-ended' OR step IS NOT NULL),
        CHECK (kind = 'improvement-period' OR (reminded_at IS NULL AND fired_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX monitoring_follow_ups_open_key ON monitoring_follow_ups (result_id, kind, coalesce(step, 0)) WHERE completed_at IS NULL`);
    await q.query(`CREATE INDEX monitoring_follow_ups_deadline_idx ON monitoring_follow_ups (deadline_at) WHERE completed_at IS NULL AND fired_at IS NULL`);

    // Art. 12: a company's yearly plan of action; only the company and the secretariat see it.
    await q.query(`
      CREATE TABLE plans_of_action (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id    uuid NOT NULL REFERENCES organisations(id),
        year          integer NOT NULL CHECK (year BETWEEN 2025 AND 2035),
        revision      integer NOT NULL DEFAULT 1,
        measures      jsonb NOT NULL CHECK (jsonb_typeof(measures) = 'array'),
        submitted_by  uuid REFERENCES people(id),
        submitted_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (company_id, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['plans_of_action', 'monitoring_follow_ups', 'monitoring_result_sections', 'monitoring_results',
      'monitoring_sections', 'nda_signatures', 'nda_texts']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
