import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidTransition } from '../../common/errors.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { CaseAccess } from '../case-access.js';
import { CaseMail } from '../case-mail.js';
import { CasesRepository } from '../cases.repository.js';
import type { MessageDto } from '../dto/case-requests.dto.js';

/** A message or agreed action in the dialogue (art. 22 step 8; art. 83-84 follow-up). */
@Injectable()
export class PostMessage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccess,
    private readonly mail: CaseMail,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** POST /api/v1/cases/:id/messages: the dialogue between the companies, the requester, its constituency and the secretariat. */
  async execute(caller: Caller, id: string, dto: MessageDto): Promise<Record<string, unknown>> {
    await this.access.freshAbility(caller);
    return this.db.transaction(async (m) => {
      const c = await this.access.lockVisible(m, caller, id, 'message');
      if (c.closed_at) throw new InvalidTransition(`The case is closed (${c.state}); the dialogue has ended`);
      const messageId = await this.cases.insertMessage(m, id, caller.personId, caller.organisation.id, dto.kind ?? 'message', dto.body);
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action: dto.kind === 'agreed-action' ? 'agreed-action' : 'message' });
      await this.cases.touch(m, id);
      const others = (await this.mail.participantOrganisations(m, c, ['requester', 'sponsor', 'brokered', 'subject', 'secretariat'])).filter((o) => o !== caller.organisation.id);
      for (const to of await this.mail.recipients(m, others)) await this.outbox.enqueue(m, { to, template: 'cases.message', params: { caseId: id } });
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'cases.message', object: { type: 'case', id }, details: { messageId, kind: dto.kind ?? 'message' } });
      return { id: messageId, kind: dto.kind ?? 'message' };
    });
  }
}
