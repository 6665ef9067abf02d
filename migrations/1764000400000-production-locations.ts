import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The production-location registry (issue 5, art. 17-24): per-company data keys, supplier lists per company per
 * year with NAW and competition-sensitive fields encrypted (bytea holding a sealed value, never text), the blind
 * index, resumable key operations, art. 21 company-by-region requests and the CSO expertise overview (art. 22).
 */
export class ProductionLocations1764000400000 implements MigrationInterface {
  name = 'ProductionLocations1764000400000';

  async up(q: QueryRunner): Promise<void> {
    // Per-company data keys, wrapped by the master key version `master_version` (DESIGN.md, Security design).
    // During a data-key rotation two versions exist; the old one is deleted once no row uses it.
    await q.query(`
      CREATE TABLE company_data_keys (
        organisation_id  uuid NOT NULL REFERENCES organisations(id),
        version          integer NOT NULL CHECK (version >= 1),
        master_version   integer NOT NULL CHECK (master_version >= 1),
        wrapped          bytea NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, version)
      )`);
    // Art. 73-77: a company that leaves is crypto-shredded; no new data key is ever made for it afterwards.
    await q.query(`
      CREATE TABLE crypto_shredded_companies (
        organisation_id  uuid PRIMARY KEY REFERENCES organisations(id),
        shredded_at      timestamptz NOT NULL DEFAULT now()
      )`);

    // One uploaded list per company per year and revision; only one revision is current, earlier ones stay for
    // the secretariat (issue 5 item 4).
    await q.query(`
      CREATE TABLE production_location_lists (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL REFERENCES organisations(id),
        year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        revision         integer NOT NULL CHECK (revision >= 1),
        is_current       boolean NOT NULL DEFAULT true,
        entry_count      integer NOT NULL,
        source_format    text NOT NULL CHECK (source_format IN ('csv', 'xlsx', 'seed')),
        uploaded_by      uuid REFERENCES people(id),
        uploaded_at      timestamptz NOT NULL DEFAULT now(),
        superseded_at    timestamptz,
        UNIQUE (organisation_id, year, revision)
      )`);
    await q.query(`CREATE UNIQUE INDEX production_location_lists_current_key
      ON production_location_lists (organisation_id, year) WHERE is_current`);

    // Entries. Classification columns are plain (the aggregated list is computed from them in SQL, art. 19-20);
    // NAW and competition-sensitive fields are sealed per field with the company's data key (art. 17-19, 22-23).
    await q.query(`
      CREATE TABLE production_locations (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        list_id            uuid NOT NULL REFERENCES production_location_lists(id),
        organisation_id    uuid NOT NULL REFERENCES organisations(id),
        year               integer NOT NULL,
        is_current         boolean NOT NULL DEFAULT true,
        row_number         integer NOT NULL,
        country            char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        region             text CHECK (length(region) BETWEEN 1 AND 100),
        activity_type      text NOT NULL CHECK (activity_type IN
                             ('mining', 'smelting', 'refining', 'processing', 'manufacturing', 'recycling', 'trading')),
        raw_materials      text[] NOT NULL CHECK (cardinality(raw_materials) >= 1),
        tier               smallint NOT NULL CHECK (tier IN (1, 2, 3)),
        restriction_level  text NOT NULL DEFAULT 'none' CHECK (restriction_level IN ('none', 'region', 'country', 'hidden')),
        restriction_case_id uuid,
        supplier_name      bytea NOT NULL,
        address            bytea NOT NULL,
        postcode           bytea,
        city               bytea NOT NULL,
        volume             bytea,
        contract_notes     bytea,
        key_version        integer NOT NULL,
        supplier_index     bytea NOT NULL CHECK (length(supplier_index) = 16)
      )`);
    await q.query(`CREATE INDEX production_locations_list_idx ON production_locations (list_id, row_number)`);
    await q.query(`CREATE INDEX production_locations_current_idx ON production_locations (year, country) WHERE is_current`);
    await q.query(`CREATE INDEX production_locations_org_idx ON production_locations (organisation_id, year) WHERE is_current`);
    await q.query(`CREATE INDEX production_locations_supplier_idx ON production_locations (supplier_index)`);
    await q.query(`CREATE INDEX production_locations_key_idx ON production_locations (organisation_id, key_version)`);

    // Key operations: progress lives here so a crashed rotation or shredding resumes where it stopped.
    await q.query(`
      CREATE TABLE key_operations (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind             text NOT NULL CHECK (kind IN ('rotate-master-key', 'rotate-data-key', 'shred-company')),
        organisation_id  uuid REFERENCES organisations(id),
        target_version   integer NOT NULL,
        status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
        rows_done        bigint NOT NULL DEFAULT 0,
        started_at       timestamptz NOT NULL DEFAULT now(),
        finished_at      timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX key_operations_running_key
      ON key_operations (kind, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status = 'running'`);

    // Art. 21: a CSO party asks which companies are active in given countries/regions; the secretariat releases.
    await q.query(`
      CREATE TABLE company_region_requests (
        id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requester_organisation_id  uuid NOT NULL REFERENCES organisations(id),
        requested_by               uuid NOT NULL REFERENCES people(id),
        year                       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        countries                  text[] NOT NULL,
        regions                    text[] NOT NULL DEFAULT '{}',
        purpose                    text CHECK (length(purpose) BETWEEN 1 AND 2000),
        nda_signature_id           text,
        status                     text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'released', 'declined')),
        answer_organisation_ids    uuid[],
        decided_by                 uuid REFERENCES people(id),
        decided_at                 timestamptz,
        decision_note              text,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        CHECK (cardinality(countries) + cardinality(regions) >= 1)
      )`);
    await q.query(`CREATE INDEX company_region_requests_requester_idx ON company_region_requests (requester_organisation_id)`);

    // Art. 22 (first sentence): the overview of CSO networks by region and raw material, maintained by the CSOs.
    await q.query(`
      CREATE TABLE cso_expertise (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL REFERENCES organisations(id),
        country          char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        region           text CHECK (length(region) BETWEEN 1 AND 100),
        raw_materials    text[] NOT NULL DEFAULT '{}',
        description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cso_expertise_org_idx ON cso_expertise (organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['cso_expertise', 'company_region_requests', 'key_operations', 'production_locations',
      'production_location_lists', 'crypto_shredded_companies', 'company_data_keys']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
