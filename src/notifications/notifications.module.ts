import { Global, Module } from '@nestjs/common';
import { MailDeliveryWorker } from './mail-delivery.worker.js';
import { OutboxService } from './outbox.service.js';

/** Mail through a transactional outbox (issue 3, item 6). Global: every module enqueues through `OutboxService`. */
@Global()
@Module({
  providers: [OutboxService, MailDeliveryWorker],
  exports: [OutboxService],
})
export class NotificationsModule {}
