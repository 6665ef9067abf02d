import { Module } from '@nestjs/common';
import { KerngroepModule } from '../kerngroep/kerngroep.module.js';
import { ProductionLocationsModule } from '../production-locations/production-locations.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { CaseTasks } from './case-tasks.js';
import { CaseTasksRepository } from './case-tasks.repository.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

/** The tracked cases (issue 6): art-22 disclosure, art-23/24 restriction, art-83/84 complaint, ruled by the Kerngroep. */
@Module({
  imports: [KerngroepModule, SchedulerModule, ProductionLocationsModule],
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseTasks, CaseTasksRepository],
  exports: [CasesService, CaseTasks],
})
export class CasesModule {}
