import { Body, Controller, Get, HttpCode, Param, type PipeTransform, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import type { VoteChoice } from '../kerngroep/decision-rule.js';
import { Policy } from '../policies/policy.decorator.js';
import { ViewDisclosedLocations } from './access/view-disclosed-locations.js';
import { CaseView } from './case-view.js';
import { AnswerConsent } from './consent/answer-consent.js';
import { PostMessage } from './dialogue/post-message.js';
import { ReportFindings } from './dialogue/report-findings.js';
import { ReviewSupplierMatches } from './dialogue/review-supplier-matches.js';
import { FileCase } from './filing/file-case.js';
import { CastVote } from './ruling/cast-vote.js';
import { TakeTransition } from './transitions/take-transition.js';
import { ConsentDto, CreateCaseDto, ListCasesQueryDto, MatchDecisionDto, MessageDto, ReportDto, TransitionDto, VoteDto } from './dto/case-requests.dto.js';
import { StepUp } from '../auth/second-factor/gate.js';
import { CasePageDto, CaseViewDto, DisclosedLocationsDto, MatchCandidateDto, MatchCandidatesDto, MessagePostedDto, VoteResultDto } from './dto/case-responses.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A case id that is not a uuid names no case: 404, like an absent one. */
const uuid: PipeTransform<string, string> = {
  transform(value: string) {
    if (!UUID.test(value)) throw new NotFound('case');
    return value.toLowerCase();
  },
};

/**
 * The tracked cases (API.md "Cases and the Kerngroep"; art. 22-24, 45-49, 83-84). Who may do what is in
 * policies/cases.yaml and policies/disclosed-locations.yaml; the state machines (state-machines.ts) say when.
 */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly filing: FileCase,
    private readonly view: CaseView,
    private readonly transitions: TakeTransition,
    private readonly votes: CastVote,
    private readonly consents: AnswerConsent,
    private readonly disclosure: ViewDisclosedLocations,
    private readonly reports: ReportFindings,
    private readonly messages: PostMessage,
    private readonly matches: ReviewSupplierMatches,
  ) {}

  @Post()
  @HttpCode(201)
  @Policy('create', 'Case')
  @ApiCreatedResponse({ type: CaseViewDto })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateCaseDto) {
    return this.filing.execute(caller, body);
  }

  @Get()
  @Policy('list', 'Case')
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQueryDto) {
    return this.view.list(caller, { type: query.type ?? null, state: query.state ?? null, status: query.status ?? null }, query.page ?? 1, query.pageSize ?? 50);
  }

  @Get(':id')
  @Policy('read', 'Case', { recordFacts: { param: 'id' } })
  @ApiOkResponse({ type: CaseViewDto })
  read(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.view.read(caller, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Policy('transition', 'Case', { recordFacts: { param: 'id' } })
  @ApiOkResponse({ type: CaseViewDto })
  transition(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: TransitionDto) {
    return this.transitions.execute(caller, id, body);
  }

  @Post(':id/votes')
  @HttpCode(201)
  @Policy('vote', 'Case', { recordFacts: { param: 'id' } })
  @ApiCreatedResponse({ type: VoteResultDto })
  vote(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: VoteDto) {
    return this.votes.execute(caller, id, body.vote as VoteChoice, body.reason ?? null);
  }

  @Post(':id/consents')
  @HttpCode(201)
  @Policy('consent', 'Case', { recordFacts: { param: 'id' } })
  @ApiCreatedResponse({ type: CaseViewDto })
  consent(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: ConsentDto) {
    return this.consents.execute(caller, id, body);
  }

  @Get(':id/disclosed-locations')
  @Policy('list', 'DisclosedLocation', { recordFacts: { param: 'id' }, alsoDecides: ['Case'] })
  @StepUp() // decrypted NAW of an art-22 disclosure (issue 17)
  @ApiOkResponse({ type: DisclosedLocationsDto })
  async disclosed(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<DisclosedLocationsDto> {
    return this.disclosure.execute(caller, id);
  }

  @Post(':id/reports')
  @HttpCode(201)
  @Policy('report', 'Case', { recordFacts: { param: 'id' } })
  @ApiCreatedResponse({ type: CaseViewDto })
  report(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: ReportDto) {
    return this.reports.execute(caller, id, body);
  }

  /** Issue 16: the supplier matches found for the case's reports, the uncertain ones side by side (secretariat). */
  @Get(':id/match-candidates')
  @Policy('review-matches', 'Case')
  @ApiOkResponse({ type: MatchCandidatesDto })
  matchCandidates(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<MatchCandidatesDto> {
    return this.matches.list(caller, id);
  }

  @Post(':id/match-candidates/:candidateId/decision')
  @HttpCode(200)
  @Policy('decide-match', 'Case')
  @ApiOkResponse({ type: MatchCandidateDto })
  decideMatch(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Param('candidateId', uuid) candidateId: string, @Body() body: MatchDecisionDto): Promise<MatchCandidateDto> {
    return this.matches.decide(caller, id, candidateId, body);
  }

  @Post(':id/messages')
  @HttpCode(201)
  @Policy('message', 'Case', { recordFacts: { param: 'id' } })
  @ApiCreatedResponse({ type: MessagePostedDto })
  message(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: MessageDto) {
    return this.messages.execute(caller, id, body);
  }
}
