import { Module } from '@nestjs/common';
import { NdasController } from './ndas.controller.js';
import { NdasRepository } from './ndas.repository.js';
import { NdasService } from './ndas.service.js';

/** Confidentiality agreements (art. 13, 21, 22, 56, annex): texts, signatures, expiry, revocation. */
@Module({
  controllers: [NdasController],
  providers: [NdasService, NdasRepository],
  exports: [NdasService],
})
export class NdasModule {}
