import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { Conflict, InvalidTransition, NotAllowed, NotFound } from '../common/errors.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import type { NdaKind } from '../policies/subjects.js';
import { InvalidInput } from '../common/errors.js';
import { type NdaLanguage, type NdaSignatureDto, type NdaTextDto } from './dto/nda.dto.js';
import { activeNdasSql, NdasRepository, type SignatureRow } from './ndas.repository.js';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ActiveNda {
  kind: NdaKind;
  signatureId: string;
  version: number;
  signedAt: string;
  expiresAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (v: Date | string | null) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
function toSignature(r: SignatureRow): NdaSignatureDto {
  return {
    id: r.id,
    organisationId: r.organisationId,
    personId: r.personId,
    kind: r.kind,
    version: r.version,
    sha256: r.sha256,
    language: r.language,
    signerName: r.signerName,
    signedAt: iso(r.signedAt)!,
    expiresAt: iso(r.expiresAt)!,
    revokedAt: iso(r.revokedAt),
    status: r.status,
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
    private readonly recipients: RecipientsService,
    private readonly ndas: NdasRepository,
  ) {}

  onModuleInit(): void {
    this.policies.registerFactProvider({
      name: 'ndas',
      // rules about anyone use NDAs (second-factor.yaml), so this says which subjects' requests read them, not for whom
      provides: { ndas: true },
      // folded into the session check's statement: one round trip per request for the caller and all their facts
      sql: (ref) =>
        `(SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'signatureId', a."signatureId") ORDER BY a.kind), '[]'::json)
            FROM (${activeNdasSql(ref.organisationId)}) a)`,
      read: (json) => ({ ndas: json as Array<{ kind: string; signatureId: string }> }),
    });
    this.policies.registerRecordLoader('NdaSignature', async (id) => {
      if (!UUID.test(id)) return null;
      const row = await this.ndas.signature(this.db.manager, id);
      return row ? (toSignature(row) as unknown as Record<string, unknown>) : null;
    });
  }

  /** The organisation's active NDAs: current text version, not expired, not revoked (newest signature per kind). */
  async activeNdasOf(organisationId: string, manager: EntityManager = this.db.manager): Promise<ActiveNda[]> {
    const rows = await this.ndas.activeOf(manager, organisationId);
    return rows.map((r) => ({ ...r, signedAt: iso(r.signedAt)!, expiresAt: iso(r.expiresAt)! }));
  }

  /**
   * The current version of every kind in `language` where it is published in it, else in Dutch (the original), with
   * the languages that version is published in (issue 14, item 6).
   */
  async currentTexts(language: NdaLanguage = 'nl'): Promise<NdaTextDto[]> {
    const rows = await this.ndas.currentTexts(this.db.manager, language);
    return rows.map((r) => ({ ...r, publishedAt: iso(r.publishedAt)! }));
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
      await this.ndas.lockKind(m, input.kind, true);
      // The current version in every language it is published in: the signer signs the text of one of them, and the
      // signature records which (issue 14, item 6).
      const texts = await this.ndas.currentVersionTexts(m, input.kind);
      if (!texts.length) throw new NotFound('NDA text', input.kind);
      const current = texts.find((x) => x.sha256 === input.sha256 && (!input.language || x.language === input.language));
      if (!current) {
        throw new Conflict(`The ${input.kind} text has changed: read the current version and sign its SHA-256`);
      }
      const signatureId = await this.ndas.insertSignature(m, {
        textId: current.id,
        organisationId: caller.organisation.id,
        personId: caller.personId,
        signerName: input.signerName.trim(),
        validForDays: current.valid_for_days,
        language: current.language,
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'ndas.sign',
        object: { type: 'nda-signature', id: signatureId },
        details: { kind: input.kind, version: current.version, language: current.language, sha256: input.sha256 },
      });
      return signatureId;
    });
    await this.policies.rebuildAbility(caller);
    return toSignature((await this.ndas.signature(this.db.manager, id))!);
  }

  /** The signatures the caller may see (own organisation's; the secretariat all), newest first. */
  async listFor(caller: Caller): Promise<NdaSignatureDto[]> {
    const where = await this.policies.scope(caller, 'list', 'NdaSignature', { organisationId: 's.organisation_id' });
    const rows = await this.ndas.signatures(this.db.manager, where);
    return rows.map(toSignature);
  }

  async readFor(caller: Caller, id: string): Promise<NdaSignatureDto> {
    if (!UUID.test(id)) throw new NotFound('NDA signature', id);
    const row = await this.ndas.signature(this.db.manager, id);
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
      if (!(await this.ndas.revoke(m, id, caller.personId, reason ?? null))) throw new InvalidTransition('This signature is already revoked');
      // The signer learns it at once (the reason stays with the secretariat: it may be confidential).
      const [signer] = await this.recipients.forPeople(m, [signature.personId]);
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
      await this.ndas.lockKind(m, input.kind, false);
      const row = await this.ndas.insertNextVersion(m, {
        kind: input.kind,
        title: input.title,
        body: input.text,
        sha256: sha256Hex(input.text),
        validForDays: input.validForDays ?? 730,
        publishedBy: caller.personId,
        language,
      });
      // the same version in the other languages, each text with its own SHA-256 (issue 14, item 6)
      for (const tr of translations) {
        await this.ndas.insertTranslation(m, {
          kind: input.kind,
          version: row.version,
          title: tr.title,
          body: tr.text,
          sha256: sha256Hex(tr.text),
          validForDays: input.validForDays ?? 730,
          publishedBy: caller.personId,
          language: tr.language,
        });
      }
      // who signed a still-valid older version, unless disabled (RecipientsService answers who gets mail)
      const signers = await this.recipients.forPeople(m, await this.ndas.signersOfOlderVersions(m, input.kind, row.version));
      for (const s of signers) {
        await this.outbox.enqueue(m, { to: { email: s.email, language: s.language }, template: 'ndas.new-version', params: { kind: input.kind } });
      }
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'ndas.publish',
        object: { type: 'nda-text', id: row.id },
        details: { kind: input.kind, version: row.version, languages: seen, signersNotified: signers.length },
      });
      return row.id;
    });
    const text = await this.ndas.text(this.db.manager, id);
    return { ...text, publishedAt: iso(text.publishedAt)! };
  }
}
