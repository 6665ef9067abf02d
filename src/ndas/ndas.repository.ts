import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NdaKind } from '../policies/subjects.js';
import type { NdaLanguage, NdaSignatureDto, NdaTextDto } from './dto/nda.dto.js';

export type SignatureRow = Omit<NdaSignatureDto, 'signedAt' | 'expiresAt' | 'revokedAt'> & { signedAt: Date; expiresAt: Date; revokedAt: Date | null };
export type TextRow = Omit<NdaTextDto, 'publishedAt'> & { publishedAt: Date };
export interface ActiveNdaRow {
  kind: NdaKind;
  signatureId: string;
  version: number;
  signedAt: Date;
  expiresAt: Date;
}
/** The current version of a kind in one of its languages, as a signature needs it. */
export interface CurrentTextRow {
  id: string;
  sha256: string;
  language: NdaLanguage;
  version: number;
  valid_for_days: number;
}

const SIGNATURE_SELECT = `
  SELECT s.id, s.organisation_id AS "organisationId", s.person_id AS "personId", t.kind, t.version, t.sha256, s.language,
         s.signer_name AS "signerName", s.signed_at AS "signedAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt",
         CASE WHEN s.revoked_at IS NOT NULL THEN 'revoked'
              WHEN t.version < (SELECT max(c.version) FROM nda_texts c WHERE c.kind = t.kind) THEN 'superseded'
              WHEN s.expires_at <= now() THEN 'expired'
              ELSE 'active' END AS status
    FROM nda_signatures s JOIN nda_texts t ON t.id = s.text_id`;

/**
 * The one definition of an active NDA of the organisation `organisationId` (an SQL expression): current text
 * version, not expired, not revoked, newest signature per kind. Used by `activeOf` and, as a subquery of the
 * per-request session check, by the caller's facts (NdasService's fact provider).
 */
export const activeNdasSql = (organisationId: string) => `
  SELECT DISTINCT ON (t.kind) t.kind, s.id AS "signatureId", t.version, s.signed_at AS "signedAt", s.expires_at AS "expiresAt"
    FROM nda_signatures s JOIN nda_texts t ON t.id = s.text_id
   WHERE s.organisation_id = ${organisationId} AND s.revoked_at IS NULL AND s.expires_at > now()
     AND t.version = (SELECT max(c.version) FROM nda_texts c WHERE c.kind = t.kind)
   ORDER BY t.kind, s.expires_at DESC`;

/** Every query of `nda_texts` and `nda_signatures` (DOMAIN.md "Confidentiality agreements"). */
@Injectable()
export class NdasRepository {
  async signature(m: EntityManager, id: string): Promise<SignatureRow | null> {
    const [row] = await m.query<SignatureRow[]>(`${SIGNATURE_SELECT} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** The signatures inside the caller's policy scope, newest first. */
  async signatures(m: EntityManager, scope: { sql: string; params: unknown[] }): Promise<SignatureRow[]> {
    return m.query<SignatureRow[]>(`${SIGNATURE_SELECT} WHERE ${scope.sql} ORDER BY s.signed_at DESC, s.id`, scope.params);
  }

  async activeOf(m: EntityManager, organisationId: string): Promise<ActiveNdaRow[]> {
    return m.query<ActiveNdaRow[]>(activeNdasSql('$1'), [organisationId]);
  }

  /** The current version of every kind in `language` where it is published in it, else in Dutch, else the first. */
  async currentTexts(m: EntityManager, language: NdaLanguage): Promise<TextRow[]> {
    return m.query<TextRow[]>(
      `SELECT DISTINCT ON (t.kind) t.id, t.kind, t.version, t.language, t.title, t.sha256, t.body AS text,
              t.valid_for_days AS "validForDays", t.published_at AS "publishedAt",
              (SELECT array_agg(o.language ORDER BY o.language) FROM nda_texts o WHERE o.kind = t.kind AND o.version = t.version) AS languages
         FROM nda_texts t
        WHERE t.version = (SELECT max(c.version) FROM nda_texts c WHERE c.kind = t.kind)
        ORDER BY t.kind, (t.language = $1) DESC, (t.language = 'nl') DESC, t.language`,
      [language],
    );
  }

  async text(m: EntityManager, id: string): Promise<TextRow> {
    const [row] = await m.query<TextRow[]>(
      `SELECT id, kind, version, language, title, sha256, body AS text, valid_for_days AS "validForDays", published_at AS "publishedAt",
              (SELECT array_agg(o.language ORDER BY o.language) FROM nda_texts o WHERE o.kind = t.kind AND o.version = t.version) AS languages
         FROM nda_texts t WHERE id = $1`,
      [id],
    );
    return row;
  }

  /**
   * Locks a kind until the transaction ends: `shared` among signers, exclusive for publishing a new version, so a
   * signature is either of the version that stays current, or its signer is among those the publication mails.
   */
  async lockKind(m: EntityManager, kind: NdaKind, shared: boolean): Promise<void> {
    await m.query(shared ? 'SELECT pg_advisory_xact_lock_shared(727003, hashtext($1))' : 'SELECT pg_advisory_xact_lock(727003, hashtext($1))', [kind]);
  }

  /** The current version of a kind in every language it is published in, FOR SHARE. */
  async currentVersionTexts(m: EntityManager, kind: NdaKind): Promise<CurrentTextRow[]> {
    return m.query<CurrentTextRow[]>(
      `SELECT id, sha256, language, version, valid_for_days FROM nda_texts
        WHERE kind = $1 AND version = (SELECT max(version) FROM nda_texts WHERE kind = $1) FOR SHARE`,
      [kind],
    );
  }

  async insertSignature(
    m: EntityManager,
    s: { textId: string; organisationId: string; personId: string; signerName: string; validForDays: number; language: NdaLanguage },
  ): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, expires_at, language)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6) RETURNING id`,
      [s.textId, s.organisationId, s.personId, s.signerName, s.validForDays, s.language],
    );
    return row.id;
  }

  /** Revokes a signature; false when it already was. */
  async revoke(m: EntityManager, id: string, personId: string, reason: string | null): Promise<boolean> {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount]
    const updated = await m.query<[unknown[], number]>(
      `UPDATE nda_signatures SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, personId, reason],
    );
    return updated[0].length > 0;
  }

  /** Publishes the next version of a kind in its first language; the new text's id and version. */
  async insertNextVersion(
    m: EntityManager,
    t: { kind: NdaKind; title: string; body: string; sha256: string; validForDays: number; publishedBy: string; language: NdaLanguage },
  ): Promise<{ id: string; version: number }> {
    const [row] = await m.query<Array<{ id: string; version: number }>>(
      `INSERT INTO nda_texts (kind, version, title, body, sha256, valid_for_days, published_by, language)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7 FROM nda_texts WHERE kind = $1
       RETURNING id, version`,
      [t.kind, t.title, t.body, t.sha256, t.validForDays, t.publishedBy, t.language],
    );
    return row;
  }

  /** The same version in another language. */
  async insertTranslation(
    m: EntityManager,
    t: { kind: NdaKind; version: number; title: string; body: string; sha256: string; validForDays: number; publishedBy: string; language: NdaLanguage },
  ): Promise<void> {
    await m.query(
      `INSERT INTO nda_texts (kind, version, title, body, sha256, valid_for_days, published_by, language) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [t.kind, t.version, t.title, t.body, t.sha256, t.validForDays, t.publishedBy, t.language],
    );
  }

  /** The people who signed a still-valid, unrevoked signature of a version of `kind` older than `version`. */
  async signersOfOlderVersions(m: EntityManager, kind: NdaKind, version: number): Promise<string[]> {
    const rows = await m.query<Array<{ person_id: string }>>(
      `SELECT DISTINCT s.person_id
         FROM nda_signatures s JOIN nda_texts t ON t.id = s.text_id
        WHERE t.kind = $1 AND t.version < $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [kind, version],
    );
    return rows.map((r) => r.person_id);
  }
}
