import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { KerngroepController } from './kerngroep.controller.js';
import { AttendanceRequests } from './meetings/attendance-requests.js';
import { AttendanceRepository } from './meetings/attendance.repository.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { MeetingsRepository } from './meetings/meetings.repository.js';
import { MeetingsService } from './meetings/meetings.service.js';
import { ProgressReportService } from './meetings/progress-report.js';
import { ProgressReportRepository } from './meetings/progress-report.repository.js';
import { RulingTasks } from './ruling-tasks.js';
import { RulingTasksRepository } from './ruling-tasks.repository.js';
import { RulingsRepository } from './rulings.repository.js';
import { RulingsService } from './rulings.service.js';
import { VoterFacts } from './voter-facts.js';

/** Kerngroep rulings (art. 45-50, 84) as a reusable part of every tracked case; the cases module drives them. */
@Module({
  imports: [SchedulerModule],
  controllers: [KerngroepController, MeetingsController],
  providers: [
    RulingsService, RulingsRepository, RulingTasks, RulingTasksRepository, VoterFacts,
    // meetings, agenda, minutes, progress report and requests to attend (art. 48, 52)
    MeetingsService, MeetingsRepository, ProgressReportService, ProgressReportRepository, AttendanceRequests, AttendanceRepository,
  ],
  exports: [RulingsService, RulingTasks, AttendanceRequests],
})
export class KerngroepModule {}
