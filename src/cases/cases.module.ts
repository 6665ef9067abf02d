import { Module } from '@nestjs/common';
import { KerngroepModule } from '../kerngroep/kerngroep.module.js';
import { ProductionLocationsModule } from '../production-locations/production-locations.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { CaseTasks } from './case-tasks.js';
import { CaseTasksRepository } from './case-tasks.repository.js';
import { CaseTypeHooks } from './case-type-hooks.js';
import { CasesController } from './cases.controller.js';
import { ComplaintAdmissibility } from './complaint-admissibility.js';
import { ComplaintAdmissibilityController } from './complaint-admissibility.controller.js';
import { ComplaintAdmissibilityRepository } from './complaint-admissibility.repository.js';
import { GrievanceMechanismsModule } from '../grievance-mechanisms/grievance-mechanisms.module.js';
import { MatchCandidatesRepository } from './match-candidates.repository.js';
import { ReviewSupplierMatches } from './dialogue/review-supplier-matches.js';
import { CasesRepository } from './cases.repository.js';
import { CaseStatistics } from './case-statistics.repository.js';
import { ViewDisclosedLocations } from './access/view-disclosed-locations.js';
import { CaseAccess } from './case-access.js';
import { CaseMail } from './case-mail.js';
import { CaseView } from './case-view.js';
import { AnswerConsent } from './consent/answer-consent.js';
import { PostMessage } from './dialogue/post-message.js';
import { ReportFindings } from './dialogue/report-findings.js';
import { FileCase } from './filing/file-case.js';
import { OpenMatter } from './filing/open-matter.js';
import { CastVote } from './ruling/cast-vote.js';
import { ChairRunsRuling } from './ruling/chair-runs-ruling.js';
import { CaseTransitions } from './transitions/case-transitions.js';
import { TakeTransition } from './transitions/take-transition.js';
import { CaseStatisticsService } from './case-statistics.service.js';

/** The tracked cases (issue 6): art-22 disclosure, art-23/24 restriction, art-83/84 complaint, ruled by the Kerngroep. */
@Module({
  imports: [KerngroepModule, SchedulerModule, ProductionLocationsModule, GrievanceMechanismsModule],
  controllers: [CasesController, ComplaintAdmissibilityController],
  providers: [
    CasesRepository, CaseAccess, CaseMail, CaseView, CaseTransitions,
    FileCase, OpenMatter, TakeTransition, ChairRunsRuling, CastVote, AnswerConsent, ViewDisclosedLocations, ReportFindings, PostMessage,
    CaseTasks, CaseTasksRepository, CaseTypeHooks, ComplaintAdmissibility, ComplaintAdmissibilityRepository,
    MatchCandidatesRepository, ReviewSupplierMatches, CaseStatistics, CaseStatisticsService,
  ],
  exports: [CaseTasks, OpenMatter, CasesRepository, CaseTypeHooks, CaseView, CaseTransitions, CaseStatisticsService],
})
export class CasesModule {}
