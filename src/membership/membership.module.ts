import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { KerngroepModule } from '../kerngroep/kerngroep.module.js';
import { ProductionLocationsModule } from '../production-locations/production-locations.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { Accession } from './accession.js';
import { AccessionController } from './accession.controller.js';
import { AccessionRepository } from './accession.repository.js';
import { EffectiveDates } from './effective-date.js';
import { GiveNotice } from './give-notice.js';
import { MembershipController } from './membership.controller.js';
import { MembershipRegister } from './membership-register.js';
import { MembershipRepository } from './membership.repository.js';
import { MembershipStatistics } from './membership-statistics.repository.js';
import { Removal } from './removal.js';
import { MembershipStatisticsService } from './membership-statistics.service.js';

/**
 * Membership of the agreement (issue 13, parts 4-7; art. 69-77): accession, withdrawal, removal and what an
 * effective date does. Accession and removal are cases ruled by the Kerngroep (the cases module's ruling, through
 * CaseTypeHooks); the effective dates run in the deadline scheduler's loop.
 */
@Module({
  imports: [CasesModule, KerngroepModule, SchedulerModule, ProductionLocationsModule],
  controllers: [MembershipController, AccessionController],
  providers: [MembershipRepository, GiveNotice, Removal, MembershipRegister, EffectiveDates, AccessionRepository, Accession, MembershipStatistics, MembershipStatisticsService],
  exports: [MembershipStatisticsService],
})
export class MembershipModule {}
