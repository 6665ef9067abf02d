import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { RulingsService } from './rulings.service.js';
import { RulingHeadlinesDto } from './dto/ruling-responses.dto.js';

export class RulingsQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('Kerngroep')
@Controller('api/v1/kerngroep')
export class KerngroepController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rulings: RulingsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Art. 48: agenda and minutes of the Kerngroep are shared with all parties at headline level: per ruling its
   * case type, proposal, stage, outcome and basis; never the votes, the names or the reasons (policies/kerngroep-rulings.yaml).
   */
  @Get('rulings')
  @Policy('list', 'Ruling')
  @ApiOkResponse({ type: RulingHeadlinesDto })
  async headlines(@CurrentCaller() caller: Caller, @Query() query: RulingsQueryDto): Promise<RulingHeadlinesDto> {
    const items = await this.rulings.headlines(this.db.manager, query.limit ?? 100);
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.headlines', details: { count: items.length } });
    return { items };
  }
}
