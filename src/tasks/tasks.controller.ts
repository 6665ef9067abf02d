import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { TasksDto } from './dto/task.dto.js';
import { TasksService } from './tasks.service.js';

@ApiTags('identity')
@Controller('api/v1/me/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Policy('list', 'Task')
  @ApiOperation({
    summary:
      "The signed-in person's to-do list: consent requests, votes, substitutes to appoint, reports to confirm, dialogue replies, expiring NDAs, follow-ups, lists and plans due — each with its deadline, the page and the request that does it, ordered by deadline",
  })
  @ApiOkResponse({ type: TasksDto })
  async list(@CurrentCaller() caller: Caller): Promise<TasksDto> {
    const items = await this.tasks.forCaller(caller);
    return { items, total: items.length };
  }
}
