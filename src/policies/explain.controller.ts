import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { InvalidInput } from '../common/errors.js';
import { ExplainQueryDto, ExplanationDto } from './dto/explain.dto.js';
import { PoliciesService } from './policies.service.js';
import { Policy } from './policy.decorator.js';
import { SUBJECTS } from './subjects.js';

@ApiTags('authorization')
@Controller('api/v1/authz')
export class ExplainController {
  constructor(private readonly policies: PoliciesService) {}

  /** Why the caller may or may not do `action` on `subject` (issue 4, item 8). */
  @Get('explain')
  @Policy('explain', 'Authorization')
  @ApiOkResponse({ type: ExplanationDto })
  async explain(@CurrentCaller() caller: Caller, @Query() query: ExplainQueryDto): Promise<ExplanationDto> {
    const definition = SUBJECTS[query.subject];
    if (!definition) throw new InvalidInput('The request is invalid', [{ field: 'subject', problem: `is not a known subject` }]);
    if (!definition.actions.includes(query.action)) {
      throw new InvalidInput('The request is invalid', [{ field: 'action', problem: `is not an action on ${query.subject}` }]);
    }
    return this.policies.explain(caller, query.action, query.subject, query.id);
  }
}
