import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One row of the outbox as the delivery worker needs it. */
export interface OutboxRow {
  id: string;
  created_at: Date;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

/** Every query of the `outbox` table: enqueue (in the caller's transaction), claim, and mark sent or failed. */
@Injectable()
export class OutboxRepository {
  async insert(m: EntityManager, mail: { to: string; template: string; language: string; subject: string; text: string }): Promise<void> {
    await m.query(`INSERT INTO outbox (to_address, template, language, subject, body_text) VALUES ($1, $2, $3, $4, $5)`, [
      mail.to,
      mail.template,
      mail.language,
      mail.subject,
      mail.text,
    ]);
  }

  /** Claims the next due row (locked, skipping rows another worker holds), if any. */
  async claimNext(m: EntityManager): Promise<OutboxRow | undefined> {
    const [row] = await m.query<OutboxRow[]>(
      `SELECT id::text, created_at, to_address, subject, body_text, attempts
         FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
    );
    return row;
  }

  /** Marks a row sent; a one-time link (`credentialTemplates`) is a credential: the outbox keeps no copy of it. */
  async markSent(m: EntityManager, id: string, credentialTemplates: readonly string[]): Promise<void> {
    await m.query(
      `UPDATE outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
              body_text = CASE WHEN template = ANY($2::text[]) THEN '(one-time link removed after delivery)' ELSE body_text END
        WHERE id = $1`,
      [id, credentialTemplates],
    );
  }

  async markFailedAttempt(m: EntityManager, id: string, attempts: number, reason: string, failed: boolean, delayMs: number): Promise<void> {
    await m.query(
      `UPDATE outbox SET attempts = $2, last_error = $3, status = $4,
              next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
        WHERE id = $1`,
      [id, attempts, reason, failed ? 'failed' : 'pending', delayMs],
    );
  }
}
