import { Global, Module } from '@nestjs/common';
import { MailDeliveryWorker } from './mail-delivery.worker.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';
import { RecipientsRepository } from './recipients.repository.js';
import { RecipientsService } from './recipients.service.js';

/** Mail through a transactional outbox (issue 3, item 6). Global: every module enqueues through `OutboxService`, and asks `RecipientsService` whom to mail. */
@Global()
@Module({
  providers: [OutboxService, OutboxRepository, MailDeliveryWorker, RecipientsService, RecipientsRepository],
  exports: [OutboxService, RecipientsService],
})
export class NotificationsModule {}
