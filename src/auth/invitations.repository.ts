import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '../common/caller.js';

/** An invitation with its person and organisation, as the link's checks need it. */
export interface InvitationRow {
  id: string;
  person_id: string;
  expires_at: Date;
  used_at: Date | null;
  expired: boolean;
  email: string;
  name: string;
  language: Language;
  organisation_id: string;
  organisation_name: string;
  password_hash: string | null;
  person_disabled: boolean;
}

/** Every query of `invitations`, and the password an accepted invitation sets (issue 3, item 4). */
@Injectable()
export class InvitationsRepository {
  async insert(m: EntityManager, i: { personId: string; tokenHash: Buffer; createdBy: string | null; ttlHours: number }): Promise<{ id: string; expires_at: Date }> {
    const [row] = await m.query<Array<{ id: string; expires_at: Date }>>(
      `INSERT INTO invitations (person_id, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id, expires_at`,
      [i.personId, i.tokenHash, i.createdBy, i.ttlHours],
    );
    return row;
  }

  /** The database's now and the expiry an invitation made now would get (an answer that looks like a new invitation). */
  async nowAndExpiry(m: EntityManager, ttlHours: number): Promise<{ created_at: Date; expires_at: Date }> {
    const [row] = await m.query<Array<{ created_at: Date; expires_at: Date }>>(
      `SELECT now() AS created_at, now() + make_interval(hours => $1) AS expires_at`,
      [ttlHours],
    );
    return row;
  }

  /** The invitation with this token hash; `lock`: the invitation and its person FOR UPDATE. */
  async byTokenHash(m: EntityManager, tokenHash: Buffer, lock: boolean): Promise<InvitationRow | null> {
    const [row] = await m.query<InvitationRow[]>(
      `SELECT i.id, i.person_id, i.expires_at, i.used_at, i.expires_at <= now() AS expired,
              p.email, p.name, p.language, p.password_hash, (p.disabled_at IS NOT NULL OR o.status IN ('withdrawn', 'removed')) AS person_disabled,
              o.id AS organisation_id, o.name AS organisation_name
         FROM invitations i JOIN people p ON p.id = i.person_id JOIN organisations o ON o.id = p.organisation_id
        WHERE i.token_hash = $1
        ${lock ? 'FOR UPDATE OF i, p' : ''}`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Spends the invitation and sets its person's password hash. */
  async accept(m: EntityManager, invitationId: string, personId: string, passwordHash: string): Promise<void> {
    await m.query(`UPDATE invitations SET used_at = now() WHERE id = $1`, [invitationId]);
    await m.query(`UPDATE people SET password_hash = $2 WHERE id = $1`, [personId, passwordHash]);
  }

  /** The person's links not yet used stop working (a new invitation, or the person disabled). */
  async expireOpenOf(m: EntityManager, personId: string): Promise<void> {
    await m.query(`UPDATE invitations SET expires_at = now() WHERE person_id = $1 AND used_at IS NULL AND expires_at > now()`, [personId]);
  }
}
