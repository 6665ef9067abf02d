import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { PoliciesService } from '../policies/policies.service.js';
import { MeDto } from './dto/me.dto.js';

@ApiTags('identity')
@Controller('api/v1/me')
export class MeController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
  ) {}

  @Get()
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'The signed-in person: organisation, roles, Kerngroep seat, chair flag, active NDAs, module participation' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentCaller() caller: Caller): Promise<MeDto> {
    const [modules, facts, affiliation] = await Promise.all([
      this.db.query(
        `SELECT module, joined_at FROM module_participations WHERE organisation_id = $1 ORDER BY module`,
        [caller.organisation.id],
      ) as Promise<Array<{ module: string; joined_at: Date }>>,
      // Active NDAs are contributed to the caller's facts by the NDA module (src/ndas) — the same facts the
      // policies decide with, so /me shows exactly the NDAs that grant access.
      this.policies.factsFor(caller),
      caller.organisation.affiliatedTo
        ? (this.db.query(`SELECT id, name, slug, kind FROM organisations WHERE id = $1`, [caller.organisation.affiliatedTo]) as Promise<
            Array<{ id: string; name: string; slug: string; kind: string }>
          >)
        : Promise.resolve([]),
    ]);
    return {
      person: { id: caller.personId, email: caller.email, name: caller.name, language: caller.language },
      organisation: {
        id: caller.organisation.id,
        name: caller.organisation.name,
        slug: caller.organisation.slug,
        kind: caller.organisation.kind,
        party: caller.organisation.isParty,
        constituency: caller.organisation.constituency,
        affiliatedTo: affiliation[0] ?? null,
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
