import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { KerngroepController } from './kerngroep.controller.js';
import { RulingTasks } from './ruling-tasks.js';
import { RulingTasksRepository } from './ruling-tasks.repository.js';
import { RulingsRepository } from './rulings.repository.js';
import { RulingsService } from './rulings.service.js';

/** Kerngroep rulings (art. 45-50, 84) as a reusable part of every tracked case; the cases module drives them. */
@Module({
  imports: [SchedulerModule],
  controllers: [KerngroepController],
  providers: [RulingsService, RulingsRepository, RulingTasks, RulingTasksRepository],
  exports: [RulingsService, RulingTasks],
})
export class KerngroepModule {}
