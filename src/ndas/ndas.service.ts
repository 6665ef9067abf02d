import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { Conflict, InvalidTransition, NotAllowed, NotFound } from '../common/errors.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import type { NdaKind } from '../policies/subjects.js';
import { InvalidInput } from '../common/errors.js';
import { type NdaLanguage, type NdaSignatureDto, type NdaTextDto } from './dto/nda.dto.js';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ActiveNda {
  kind: NdaKind;
  signatureId: string;
  version: number;
  signedAt: string;
  expiresAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
 * version, not expired, not revoked, newest signature per kind. Used by `activeNdasOf` and, as a subquery of the
 * per-request session check, by the caller's facts.
 */
const activeNdasSql = (organisationId: string) => `
  SELECT DISTINCT ON (t.kind) t.kind, s.id AS "signatureId", t.version, s.signed_at AS "signedAt", s.expires_at AS "expiresAt"
    FROM nda_signatures s JOIN nda_texts t ON t.id = s.text_id
   WHERE s.organisation_id = ${organisationId} AND s.revoked_at IS NULL AND s.expires_at > now()
     AND t.version = (SELECT max(c.version) FROM nda_texts c WHERE c.kind = t.kind)
   ORDER BY t.kind, s.expires_at DESC`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
function toSignature(r: Record<string, unknown>): NdaSignatureDto {
  return {
    id: r.id as string,
    organisationId: r.organisationId as string,
    personId: r.personId as string,
    kind: r.kind as NdaKind,
    version: r.version as number,
    sha256: r.sha256 as string,
    language: r.language as NdaLanguage,
    signerName: r.signerName as string,
    signedAt: iso(r.signedAt)!,
    expiresAt: iso(r.expiresAt)!,
    revokedAt: iso(r.revokedAt),
    status: r.status as NdaSignatureDto['status'],
  };
}

/**
 * Confidentiality agreements (DOMAIN.md "Confidentiality agreements"): versioned texts per kind with their
 * SHA-256, signatures for an exact text version, expiry and revocation. An NDA that is missing, expired, revoked
 * or signed for an older text version grants nothing — `activeNdasOf` is the one definition of "active", and it
 * feeds every caller's ability (policy condition `nda: <kind>`).
 */
@Injectable()
export class NdasService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.policies.registerFactProvider({
      name: 'ndas',
      // folded into the session check's statement: one round trip per request for the caller and all their facts
      sql: (ref) =>
        `(SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'signatureId', a."signatureId") ORDER BY a.kind), '[]'::json)
            FROM (${activeNdasSql(ref.organisationId)}) a)`,
      read: (json) => ({ ndas: json as Array<{ kind: string; signatureId: string }> }),
    });
    this.policies.registerRecordLoader('NdaSignature', async (id) => {
      if (!UUID.test(id)) return null;
      const [row] = await this.db.query(`${SIGNATURE_SELECT} WHERE s.id = $1`, [id]);
      return row ? toSignature(row) as unknown as Record<string, unknown> : null;
    });
  }

  /** The organisation's active NDAs: current text version, not expired, not revoked (newest signature per kind). */
  async activeNdasOf(organisationId: string, manager: EntityManager = this.db.manager): Promise<ActiveNda[]> {
    const rows = await manager.query(activeNdasSql('$1'), [organisationId]);
    return rows.map((r: Record<string, unknown>) => ({ ...r, signedAt: iso(r.signedAt), expiresAt: iso(r.expiresAt) }) as ActiveNda);
  }

  /**
   * The current version of every kind in `language` where it is published in it, else in Dutch (the original), with
   * the languages that version is published in (issue 14, item 6).
   */
  async currentTexts(language: NdaLanguage = 'nl'): Promise<NdaTextDto[]> {
    const rows = await this.db.query(
      `SELECT DISTINCT ON (t.kind) t.id, t.kind, t.version, t.language, t.title, t.sha256, t.body AS text,
              t.valid_for_days AS "validForDays", t.published_at AS "publishedAt",
              (SELECT array_agg(o.language ORDER BY o.language) FROM nda_texts o WHERE o.kind = t.kind AND o.version = t.version) AS languages
         FROM nda_texts t
        WHERE t.version = (SELECT max(c.version) FROM nda_texts c WHERE c.kind = t.kind)
        ORDER BY t.kind, (t.language = $1) DESC, (t.language = 'nl') DESC, t.language`,
      [language],
    );
    return rows.map((r: Record<string, unknown>) => ({ ...r, publishedAt: iso(r.publishedAt) }) as NdaTextDto);
  }

  /** Signs the current text of `kind` for the caller's organisation; 409 when `sha256` is not that text. */
  async sign(caller: Caller, input: { kind: NdaKind; sha256: string; signerName: string; language?: NdaLanguage }): Promise<NdaSignatureDto> {
    const ability = await this.policies.abilityFor(caller);
    if (!ability.can('sign', 'NdaSignature', { kind: input.kind, organisationId: caller.organisation.id })) {
      throw new NotAllowed(`Your organisation does not sign the ${input.kind} agreement`);
    }
    const id = await this.db.transaction(async (m) => {
      // Shared with other signers, exclusive against publishing a new version of this kind: a signature is either
      // of the version that stays current, or its signer is among those publish() mails.
      await m.query('SELECT pg_advisory_xact_lock_shared(727003, hashtext($1))', [input.kind]);
      // The current version in every language it is published in: the signer signs the text of one of them, and the
      // signature records which (issue 14, item 6).
      const texts: Array<{ id: string; sha256: string; language: NdaLanguage; version: number; valid_for_days: number }> = await m.query(
        `SELECT id, sha256, language, version, valid_for_days FROM nda_texts
          WHERE kind = $1 AND version = (SELECT max(version) FROM nda_texts WHERE kind = $1) FOR SHARE`,
        [input.kind],
      );
      if (!texts.length) throw new NotFound('NDA text', input.kind);
      const current = texts.find((x) => x.sha256 === input.sha256 && (!input.language || x.language === input.language));
      if (!current) {
        throw new Conflict(`The ${input.kind} text has changed: read the current version and sign its SHA-256`);
      }
      const [row] = await m.query(
        `INSERT INTO nda_signatures (text_id, organisation_id, person_id, signer_name, expires_at, language)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6) RETURNING id`,
        [current.id, caller.organisation.id, caller.personId, input.signerName.trim(), current.valid_for_days, current.language],
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'ndas.sign',
        object: { type: 'nda-signature', id: row.id },
        details: { kind: input.kind, version: current.version, language: current.language, sha256: input.sha256 },
      });
      return row.id as string;
    });
    await this.policies.rebuildAbility(caller);
    const [row] = await this.db.query(`${SIGNATURE_SELECT} WHERE s.id = $1`, [id]);
    return toSignature(row);
  }

  /** The signatures the caller may see (own organisation's; the secretariat all), newest first. */
  async listFor(caller: Caller): Promise<NdaSignatureDto[]> {
    const where = await this.policies.scope(caller, 'list', 'NdaSignature', { organisationId: 's.organisation_id' });
    const rows = await this.db.query(`${SIGNATURE_SELECT} WHERE ${where.sql} ORDER BY s.signed_at DESC, s.id`, where.params);
    return rows.map(toSignature);
  }

  async readFor(caller: Caller, id: string): Promise<NdaSignatureDto> {
    if (!UUID.test(id)) throw new NotFound('NDA signature', id);
    const [row] = await this.db.query(`${SIGNATURE_SELECT} WHERE s.id = $1`, [id]);
    if (!row) throw new NotFound('NDA signature', id);
    const signature = toSignature(row);
    await this.policies.authorizeRecord(caller, 'read', 'NdaSignature', signature as unknown as Record<string, unknown>, { id });
    return signature;
  }

  /** The secretariat revokes a signature (art. 56); from then on it grants nothing. */
  async revoke(caller: Caller, id: string, reason?: string): Promise<NdaSignatureDto> {
    const signature = await this.readFor(caller, id);
    await this.policies.authorizeRecord(caller, 'revoke', 'NdaSignature', signature as unknown as Record<string, unknown>, { id });
    await this.db.transaction(async (m) => {
      const updated = await m.query(
        `UPDATE nda_signatures SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [id, caller.personId, reason ?? null],
      );
      if (updated[0].length === 0) throw new InvalidTransition('This signature is already revoked');
      // The signer learns it at once (the reason stays with the secretariat: it may be confidential).
      const [signer] = await m.query(`SELECT email, language FROM people WHERE id = $1 AND disabled_at IS NULL`, [signature.personId]);
      if (signer) await this.outbox.enqueue(m, { to: { email: signer.email, language: signer.language }, template: 'ndas.revoked', params: { kind: signature.kind } });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'ndas.revoke',
        object: { type: 'nda-signature', id },
        details: { kind: signature.kind },
      });
    });
    return this.readFor(caller, id);
  }

  /**
   * Publishes a new text version of a kind. Signatures of older versions then grant nothing until re-signed; the
   * people who signed a still-valid older version get a mail (through the outbox, in the same transaction).
   */
  async publish(
    caller: Caller,
    input: { kind: NdaKind; title: string; text: string; validForDays?: number; language?: NdaLanguage; translations?: Array<{ language: NdaLanguage; title: string; text: string }> },
  ): Promise<NdaTextDto> {
    const language = input.language ?? 'nl';
    const translations = input.translations ?? [];
    const seen = [language, ...translations.map((x) => x.language)];
    const twice = seen.findIndex((l, i) => seen.indexOf(l) !== i);
    if (twice > 0) throw new InvalidInput('The request is invalid', [{ field: `translations[${twice - 1}].language`, problem: 'is given twice: one text per language' }]);
    const id = await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(727003, hashtext($1))', [input.kind]);
      const [row] = await m.query(
        `INSERT INTO nda_texts (kind, version, title, body, sha256, valid_for_days, published_by, language)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7 FROM nda_texts WHERE kind = $1
         RETURNING id, version`,
        [input.kind, input.title, input.text, sha256Hex(input.text), input.validForDays ?? 730, caller.personId, language],
      );
      // the same version in the other languages, each text with its own SHA-256 (issue 14, item 6)
      for (const tr of translations) {
        await m.query(
          `INSERT INTO nda_texts (kind, version, title, body, sha256, valid_for_days, published_by, language) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [input.kind, row.version, tr.title, tr.text, sha256Hex(tr.text), input.validForDays ?? 730, caller.personId, tr.language],
        );
      }
      const signers = await m.query(
        `SELECT DISTINCT p.email, p.language
           FROM nda_signatures s JOIN nda_texts t ON t.id = s.text_id JOIN people p ON p.id = s.person_id
          WHERE t.kind = $1 AND t.version < $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND p.disabled_at IS NULL`,
        [input.kind, row.version],
      );
      for (const s of signers) {
        await this.outbox.enqueue(m, { to: { email: s.email, language: s.language }, template: 'ndas.new-version', params: { kind: input.kind } });
      }
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'ndas.publish',
        object: { type: 'nda-text', id: row.id },
        details: { kind: input.kind, version: row.version, languages: seen, signersNotified: signers.length },
      });
      return row.id as string;
    });
    const [text] = await this.db.query(
      `SELECT id, kind, version, language, title, sha256, body AS text, valid_for_days AS "validForDays", published_at AS "publishedAt",
              (SELECT array_agg(o.language ORDER BY o.language) FROM nda_texts o WHERE o.kind = t.kind AND o.version = t.version) AS languages
         FROM nda_texts t WHERE id = $1`,
      [id],
    );
    return { ...text, publishedAt: iso(text.publishedAt) };
  }
}
