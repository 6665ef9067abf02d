import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Language } from '../common/caller.js';
import { DomainError, NotFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PasswordHasher } from '../crypto/password.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { type InvitationRow, InvitationsRepository } from './invitations.repository.js';

/** 410: the invitation link existed but can no longer be used (used once already, expired, or the person disabled). */
export class InvitationGone extends DomainError {
  readonly statusCode = 410;
}

/** 32 random bytes, base64url: what the link carries. Only its SHA-256 is stored. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashInvitationToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export interface Invitee {
  personId: string;
  email: string;
  name: string;
  language: Language;
  organisationName: string;
}

export interface InvitationStatus {
  email: string;
  name: string;
  organisation: { id: string; name: string };
  expiresAt: string;
  /** the invited person's language: the invitation page opens in it (issue 14, item 6) */
  language: Language;
}

/**
 * Invitations by mail (issue 3, item 4): a one-time link, expiring after INVITATION_TTL_HOURS, that lets the
 * invited person choose their password once. The link carries a 256-bit random token; the database keeps only its
 * SHA-256 (a stolen `invitations` table opens no account). The invitation row, its audit entry (by the caller) and
 * its mail commit in one transaction, so a mail exists exactly when the invitation does.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly passwords: PasswordHasher,
    private readonly invitations: InvitationsRepository,
  ) {}

  /** Creates an invitation for `invitee` in the caller's transaction and queues its mail; returns the invitation id. */
  async issue(m: EntityManager, invitee: Invitee, createdBy: string | null): Promise<{ invitationId: string; expiresAt: string; link: string }> {
    const token = randomBytes(32).toString('base64url');
    const row = await this.invitations.insert(m, {
      personId: invitee.personId,
      tokenHash: hashInvitationToken(token),
      createdBy,
      ttlHours: this.config.invitationTtlHours,
    });
    await this.outbox.enqueue(m, {
      to: { email: invitee.email, language: invitee.language },
      template: 'identity.invitation',
      params: { name: invitee.name, organisationName: invitee.organisationName, token, validHours: this.config.invitationTtlHours },
    });
    // `link` is for the operator's first-run command only (printed when no SMTP is configured); routes never return it.
    return { invitationId: row.id, expiresAt: new Date(row.expires_at).toISOString(), link: `${this.config.publicUrl}/invitation?token=${token}` };
  }

  /**
   * An invitation to an address that already has an account (issue 12, part 5): no person and no link are made; the
   * account's owner gets a mail saying so (without a link), in the caller's transaction. The inviter gets what any other
   * invitation answers, a fresh id, a creation time and the same expiry, so an organisation admin cannot tell from the
   * answer that someone else's account exists. Returns those.
   */
  async notifyExistingAccount(
    m: EntityManager,
    owner: { email: string; name: string; language: Language },
    organisationName: string,
  ): Promise<{ invitationId: string; expiresAt: string; createdAt: string }> {
    const row = await this.invitations.nowAndExpiry(m, this.config.invitationTtlHours);
    await this.outbox.enqueue(m, {
      to: { email: owner.email, language: owner.language },
      template: 'identity.invitation-existing-account',
      params: { name: owner.name, organisationName },
    });
    return { invitationId: randomUUID(), expiresAt: new Date(row.expires_at).toISOString(), createdAt: new Date(row.created_at).toISOString() };
  }

  /** What the link is for, so the page can greet the person; 404 unknown, 410 used or expired. */
  async check(token: string): Promise<InvitationStatus> {
    const row = await this.find(this.db.manager, token, false);
    this.assertUsable(row);
    return {
      email: row.email,
      name: row.name,
      organisation: { id: row.organisation_id, name: row.organisation_name },
      expiresAt: new Date(row.expires_at).toISOString(),
      language: row.language,
    };
  }

  /**
   * Sets the person's password (Argon2id) from a usable link and spends the link, in one transaction with its audit
   * entry. The link is looked up first, so an unknown, used or expired token costs a SHA-256 and an index lookup, never
   * a password hash (issue 12, part 2); the hash runs in the worker pool, outside the transaction. Then the row is
   * locked and checked again, so two submissions of one link race for it and exactly one wins; the others get 410.
   */
  async accept(token: string, password: string): Promise<{ email: string }> {
    this.assertUsable(await this.find(this.db.manager, token, false));
    const passwordHash = await this.passwords.hash(password);
    return this.db.transaction(async (m) => {
      const row = await this.find(m, token, true);
      this.assertUsable(row);
      await this.invitations.accept(m, row.id, row.person_id, passwordHash);
      await this.audit.appendInTransaction(m, {
        actor: { personId: row.person_id, organisationId: row.organisation_id },
        action: 'auth.invitation-accepted',
        object: { type: 'Invitation', id: row.id },
      });
      return { email: row.email };
    });
  }

  /** The person's invitation links not yet used stop working (a new invitation replaces them, or the person is disabled). */
  async expireOpenOf(m: EntityManager, personId: string): Promise<void> {
    await this.invitations.expireOpenOf(m, personId);
  }

  private async find(m: EntityManager, token: string, lock: boolean): Promise<InvitationRow> {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw new NotFound('invitation');
    const row = await this.invitations.byTokenHash(m, hashInvitationToken(token), lock);
    if (!row) throw new NotFound('invitation');
    return row;
  }

  private assertUsable(row: InvitationRow): void {
    if (row.used_at) throw new InvitationGone('This invitation link has already been used; sign in with your password');
    if (row.person_disabled) throw new InvitationGone('This invitation is no longer valid; the account has been disabled');
    if (row.expired) throw new InvitationGone('This invitation link has expired; ask your organisation or the secretariat for a new invitation');
  }
}
