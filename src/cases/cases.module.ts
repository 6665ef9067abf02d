import { Module } from '@nestjs/common';
import { KerngroepModule } from '../kerngroep/kerngroep.module.js';
import { ProductionLocationsModule } from '../production-locations/production-locations.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { CaseTypeHooks } from './case-type-hooks.js';
import { CasesController } from './cases.controller.js';
import { ComplaintAdmissibility } from './complaint-admissibility.js';
import { ComplaintAdmissibilityController } from './complaint-admissibility.controller.js';
import { ComplaintAdmissibilityRepository } from './complaint-admissibility.repository.js';
import { GrievanceMechanismsModule } from '../grievance-mechanisms/grievance-mechanisms.module.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

/** The tracked cases (issue 6): art-22 disclosure, art-23/24 restriction, art-83/84 complaint, ruled by the Kerngroep. */
@Module({
  imports: [KerngroepModule, SchedulerModule, ProductionLocationsModule, GrievanceMechanismsModule],
  controllers: [CasesController, ComplaintAdmissibilityController],
  providers: [CasesService, CasesRepository, CaseTypeHooks, ComplaintAdmissibility, ComplaintAdmissibilityRepository],
  exports: [CasesService, CasesRepository, CaseTypeHooks],
})
export class CasesModule {}
