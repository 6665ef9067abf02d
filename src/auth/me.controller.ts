import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { preparedQuery } from '../common/prepared-query.js';
import { Policy } from '../policies/policy.decorator.js';
import { PoliciesService } from '../policies/policies.service.js';
import { MeDto } from './dto/me.dto.js';
import { OpenDuringEnrolment } from './second-factor/gate.js';

@ApiTags('identity')
@Controller('api/v1/me')
export class MeController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
  ) {}

  @Get()
  @Policy('read', 'Me', { recordFacts: 'none', shows: { ndas: true } })
  @OpenDuringEnrolment()
  @ApiOperation({ summary: 'The signed-in person: organisation, roles, Kerngroep seat, chair flag, active NDAs, module participation' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentCaller() caller: Caller): Promise<MeDto> {
    const [[row], { facts }] = await Promise.all([
      // module participation with its dates and the affiliated organisation, in one statement
      preparedQuery<{ modules: Array<{ module: string; joined_at: string }>; affiliation: { id: string; name: string; slug: string; kind: string } | null }>(
        this.db,
        `SELECT (SELECT coalesce(json_agg(json_build_object('module', m.module, 'joined_at', m.joined_at) ORDER BY m.module), '[]'::json)
                   FROM current_module_participations m WHERE m.organisation_id = $1) AS modules,
                (SELECT json_build_object('id', a.id, 'name', a.name, 'slug', a.slug, 'kind', a.kind)
                   FROM organisations a WHERE a.id = $2) AS affiliation`,
        [caller.organisation.id, caller.organisation.affiliatedTo],
      ),
      // Active NDAs are contributed to the caller's facts by the NDA module (src/ndas) — the very facts the
      // policies decided this request with (read with the session check), so /me shows exactly the NDAs that grant access.
      this.policies.abilityForRoute(caller),
    ]);
    const { modules, affiliation } = row;
    return {
      person: { id: caller.personId, email: caller.email, name: caller.name, language: caller.language },
      organisation: {
        id: caller.organisation.id,
        name: caller.organisation.name,
        slug: caller.organisation.slug,
        kind: caller.organisation.kind,
        party: caller.organisation.isParty,
        constituency: caller.organisation.constituency,
        affiliatedTo: affiliation ?? null,
      },
      roles: caller.roles,
      kerngroepSeat: caller.kerngroepSeat,
      isKerngroepChair: caller.isKerngroepChair,
      language: caller.language,
      activeNdas: facts.ndas.map((n) => ({ kind: n.kind, signatureId: n.signatureId })),
      modules: modules.map((m) => ({ module: m.module, joinedAt: new Date(m.joined_at).toISOString() })),
    };
  }
}
