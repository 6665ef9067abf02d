import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the audit chain (issue 12, item 7): the chain head (seq, hash) and the time, signed with an
 * Ed25519 key that is not in the database. One checkpoint per head seq (the primary key), so two instances cannot
 * keep two checkpoints of one head; append-only like the log itself.
 */
export class AuditCheckpoints1764000640000 implements MigrationInterface {
  name = 'AuditCheckpoints1764000640000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoints (
        seq                     bigint PRIMARY KEY CHECK (seq > 0),
        hash                    bytea NOT NULL CHECK (octet_length(hash) = 32),
        signed_at               timestamptz NOT NULL,
        -- the exact signed text: ketenkluis-audit-checkpoint v1 seq=… hash=… time=…
        statement               text NOT NULL,
        signature               bytea NOT NULL CHECK (octet_length(signature) = 64),
        -- SHA-256 of the raw public key that verifies it, hex
        public_key_fingerprint  text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_checkpoints_signed_at_idx ON audit_checkpoints (signed_at)`);
    await q.query(`CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_checkpoints`);
  }
}
