import { Module } from '@nestjs/common';
import { AgreementYearModule } from '../agreement-year/agreement-year.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { KerngroepModule } from '../kerngroep/kerngroep.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { NdasModule } from '../ndas/ndas.module.js';
import { ProductionLocationsModule } from '../production-locations/production-locations.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

/** Every person's to-do list (issue 14, item 1), put together from the modules that own the routes it points to. */
@Module({
  imports: [CasesModule, NdasModule, MonitoringModule, ProductionLocationsModule, KerngroepModule, AgreementYearModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
