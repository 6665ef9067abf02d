import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Kerngroep's rulings and the tracked cases (issue 6; art. 19, 22-24, 45-50, 83-84): cases with their state
 * and version, the timeline, rulings with one vote per seat (or per party in the assembly) enforced by unique
 * indexes, consent per company and per entry, reports, brokering, dialogue, and the deadlines the scheduler acts on.
 */
export class CasesKerngroep1764000500000 implements MigrationInterface {
  name = 'CasesKerngroep1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type                       text NOT NULL CHECK (type IN ('disclosure', 'restriction', 'complaint')),
        state                      text NOT NULL,
        -- optimistic concurrency on top of the row lock every transition takes
        version                    integer NOT NULL DEFAULT 1,
        -- the organisation that filed: a local partner, or the NGO/union party filing on its behalf (art. 22);
        -- the company asking a restriction (art. 23); the complainant (art. 83)
        requester_organisation_id  uuid NOT NULL REFERENCES organisations(id),
        requested_by               uuid NOT NULL REFERENCES people(id),
        on_behalf_of               uuid REFERENCES organisations(id),
        -- art. 22: the NGO or union party the local partner is affiliated to; its constituency sponsors the request
        sponsor_organisation_id    uuid REFERENCES organisations(id),
        sponsor_constituency       constituency,
        -- the company the matter is about (restriction: the requester itself; complaint: the company complained about)
        subject_organisation_id    uuid REFERENCES organisations(id),
        grounds                    text NOT NULL CHECK (length(grounds) BETWEEN 1 AND 5000),
        -- disclosure: {year, countries, regions, rawMaterials, activityTypes}; restriction: {locationIds, level}
        scope                      jsonb NOT NULL DEFAULT '{}'::jsonb,
        approved_scope             jsonb,
        access_opened_at           timestamptz,
        access_closes_at           timestamptz,
        closed_at                  timestamptz,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_requester_idx ON cases (requester_organisation_id)`);
    await q.query(`CREATE INDEX cases_subject_idx ON cases (subject_organisation_id)`);

    // The timeline: every event of a case (who, when, what). `audience` says who of the participants sees it.
    await q.query(`
      CREATE TABLE case_events (
        id                     bigserial PRIMARY KEY,
        case_id                uuid NOT NULL REFERENCES cases(id),
        occurred_at            timestamptz NOT NULL DEFAULT now(),
        actor_person_id        uuid REFERENCES people(id),
        actor_organisation_id  uuid REFERENCES organisations(id),
        action                 text NOT NULL,
        from_state             text,
        to_state               text,
        audience               text NOT NULL DEFAULT 'participants' CHECK (audience IN ('participants', 'kerngroep', 'secretariat')),
        details                jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, id)`);

    // Art. 22 (joint project): several cases may be linked.
    await q.query(`
      CREATE TABLE case_links (
        case_id         uuid NOT NULL REFERENCES cases(id),
        linked_case_id  uuid NOT NULL REFERENCES cases(id),
        PRIMARY KEY (case_id, linked_case_id),
        CHECK (case_id <> linked_case_id)
      )`);

    // Rulings (art. 45-50, 84): one per case; the proposal is what is voted on (e.g. a narrowed scope, a level).
    await q.query(`
      CREATE TABLE rulings (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id                     uuid NOT NULL UNIQUE REFERENCES cases(id),
        stage                       text NOT NULL DEFAULT 'kerngroep' CHECK (stage IN ('kerngroep', 'assembly', 'decided')),
        proposal                    jsonb NOT NULL DEFAULT '{}'::jsonb,
        -- art. 84: the organisations the matter concerns; their people neither vote nor see the deliberation
        concerned_organisation_ids  uuid[] NOT NULL DEFAULT '{}',
        outcome                     text CHECK (outcome IN ('approved', 'rejected')),
        basis                       text CHECK (basis IN ('consensus', 'majority', 'assembly')),
        tally                       jsonb,
        escalation_reason           text,
        reasons                     text,
        opened_at                   timestamptz NOT NULL DEFAULT now(),
        escalated_at                timestamptz,
        decided_at                  timestamptz,
        CHECK ((stage = 'decided') = (outcome IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE ruling_seats (
        ruling_id                   uuid NOT NULL REFERENCES rulings(id),
        constituency                constituency NOT NULL,
        is_fixed_absent             boolean NOT NULL DEFAULT false,
        substitute_organisation_id  uuid REFERENCES organisations(id),
        substitute_appointed_by     uuid REFERENCES people(id),
        PRIMARY KEY (ruling_id, constituency)
      )`);
    // One vote per seat in the Kerngroep, one per party organisation in the assembly (art. 49): the unique index
    // is the guarantee, whatever the application does.
    await q.query(`
      CREATE TABLE ruling_votes (
        id               bigserial PRIMARY KEY,
        ruling_id        uuid NOT NULL REFERENCES rulings(id),
        stage            text NOT NULL CHECK (stage IN ('kerngroep', 'assembly')),
        seat             constituency,
        organisation_id  uuid NOT NULL REFERENCES organisations(id),
        person_id        uuid NOT NULL REFERENCES people(id),
        capacity         text NOT NULL CHECK (capacity IN ('fixed', 'deputy', 'substitute', 'party')),
        vote             text NOT NULL CHECK (vote IN ('for', 'against', 'abstain')),
        reason           text CHECK (length(reason) <= 2000),
        cast_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((stage = 'kerngroep') = (seat IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ruling_votes_one_per_seat ON ruling_votes (ruling_id, seat) WHERE stage = 'kerngroep'`);
    await q.query(`CREATE UNIQUE INDEX ruling_votes_one_per_party ON ruling_votes (ruling_id, organisation_id) WHERE stage = 'assembly'`);

    // Art. 19, 22: prior consent of each company with entries in scope; silence is not consent.
    await q.query(`
      CREATE TABLE case_consents (
        case_id          uuid NOT NULL REFERENCES cases(id),
        company_id       uuid NOT NULL REFERENCES organisations(id),
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'restricted', 'silent')),
        answered_by      uuid REFERENCES people(id),
        answered_at      timestamptz,
        PRIMARY KEY (case_id, company_id)
      )`);
    // The entries in the approved scope, fixed when consent is asked; `level` is the company's answer per entry.
    await q.query(`
      CREATE TABLE case_entries (
        case_id      uuid NOT NULL REFERENCES cases(id),
        location_id  uuid NOT NULL,
        company_id   uuid NOT NULL REFERENCES organisations(id),
        level        text CHECK (level IN ('full', 'region', 'country')),
        PRIMARY KEY (case_id, location_id)
      )`);
    await q.query(`CREATE INDEX case_entries_company_idx ON case_entries (case_id, company_id)`);

    await q.query(`
      CREATE TABLE case_reports (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid NOT NULL REFERENCES cases(id),
        reported_by   uuid NOT NULL REFERENCES people(id),
        location_ids  uuid[] NOT NULL CHECK (cardinality(location_ids) >= 1),
        description   text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // Art. 22: every member company sourcing from a reported supplier (blind-index match); confirmed by the secretariat.
    await q.query(`
      CREATE TABLE case_brokered_companies (
        case_id       uuid NOT NULL REFERENCES cases(id),
        company_id    uuid NOT NULL REFERENCES organisations(id),
        found_at      timestamptz NOT NULL DEFAULT now(),
        confirmed_at  timestamptz,
        PRIMARY KEY (case_id, company_id)
      )`);
    await q.query(`
      CREATE TABLE case_messages (
        id                      bigserial PRIMARY KEY,
        case_id                 uuid NOT NULL REFERENCES cases(id),
        author_person_id        uuid NOT NULL REFERENCES people(id),
        author_organisation_id  uuid NOT NULL REFERENCES organisations(id),
        kind                    text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'agreed-action')),
        body                    text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_messages_case_idx ON case_messages (case_id, id)`);

    // Deadlines the scheduler acts on (consent deadline, access-window end, improvement period). Rows, not timers:
    // any instance may claim a due row (FOR UPDATE SKIP LOCKED) and it runs once, across restarts.
    await q.query(`
      CREATE TABLE case_deadlines (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid NOT NULL REFERENCES cases(id),
        kind          text NOT NULL CHECK (kind IN ('consent', 'access-window', 'improvement-period')),
        due_at        timestamptz NOT NULL,
        remind_at     timestamptz,
        reminded_at   timestamptz,
        fired_at      timestamptz,
        cancelled_at  timestamptz,
        attempts      integer NOT NULL DEFAULT 0,
        last_error    text,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX case_deadlines_open_key ON case_deadlines (case_id, kind) WHERE fired_at IS NULL AND cancelled_at IS NULL`);
    await q.query(`CREATE INDEX case_deadlines_due_idx ON case_deadlines (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL`);
    await q.query(`CREATE INDEX case_deadlines_remind_idx ON case_deadlines (remind_at) WHERE reminded_at IS NULL AND fired_at IS NULL AND cancelled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['case_deadlines', 'case_messages', 'case_brokered_companies', 'case_reports', 'case_entries', 'case_consents',
      'ruling_votes', 'ruling_seats', 'rulings', 'case_links', 'case_events', 'cases']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
