import { Module } from '@nestjs/common';
import { AgreementCalendarRepository } from './agreement-calendar.repository.js';
import { AgreementCalendarService } from './agreement-calendar.service.js';
import { AgreementCalendarController, TransparencyProgressController } from './agreement-year.controller.js';
import { TransparencyProgressRepository } from './transparency-progress.repository.js';
import { TransparencyProgressService } from './transparency-progress.service.js';

/** The agreement's year (issue 15, items 1-2): its calendar, the companies' deadlines, progress in transparency (art. 18). */
@Module({
  controllers: [AgreementCalendarController, TransparencyProgressController],
  providers: [AgreementCalendarRepository, AgreementCalendarService, TransparencyProgressRepository, TransparencyProgressService],
  exports: [AgreementCalendarService],
})
export class AgreementYearModule {}
