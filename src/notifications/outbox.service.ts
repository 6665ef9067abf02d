import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxRepository } from './outbox.repository.js';
import { renderMail, TemplateError, type Language, type MailParams } from './render.js';
import { TEMPLATES } from './templates/index.js';

export interface OutgoingMail {
  to: { email: string; language: Language };
  /** a name registered in `src/notifications/templates/index.ts`, e.g. `auth.invitation` */
  template: string;
  /** placeholder values; never confidential data (NAW, scores): the mail only links to the service */
  params: MailParams;
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;

/**
 * The transactional outbox (issue 3, item 6; DESIGN.md "mail"). `enqueue` renders the mail in the recipient's
 * language and inserts it into `outbox` through the caller's transaction, so the mail exists exactly when the
 * change that causes it commits; `MailDeliveryWorker` sends it later.
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: OutboxRepository,
  ) {}

  /** Throws (a programming error, so a 500 and a rolled-back transaction) for an unknown template or bad input. */
  async enqueue(manager: EntityManager, mail: OutgoingMail): Promise<void> {
    const email = mail.to.email?.trim().toLowerCase();
    if (!email || !ADDRESS.test(email)) throw new TemplateError('mail recipient is not a valid address');
    const rendered = renderMail(TEMPLATES, mail.template, mail.to.language, mail.params, this.config.publicUrl);
    await this.repo.insert(manager, { to: email, template: mail.template, language: mail.to.language, subject: rendered.subject, text: rendered.text });
  }
}
