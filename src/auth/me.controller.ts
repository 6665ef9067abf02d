import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { PoliciesService } from '../policies/policies.service.js';
import { MeDto } from './dto/me.dto.js';
import { ME_VIEW } from './session.repository.js';
import { OpenDuringEnrolment } from './second-factor/gate.js';

@ApiTags('identity')
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Policy('read', 'Me', { recordFacts: 'none', shows: { ndas: true }, reads: ME_VIEW })
  @OpenDuringEnrolment()
  @ApiOperation({ summary: 'The signed-in person: organisation, roles, Kerngroep seat, chair flag, active NDAs, module participation' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentCaller() caller: Caller): Promise<MeDto> {
    // Module participation and the affiliated organisation were read in the session check's statement (ME_VIEW), and
    // the active NDAs are the caller's facts from that same statement, the very facts the policies decided with: one
    // round trip, one snapshot, so /me shows exactly the NDAs that grant access.
    const { modules, affiliation } = this.policies.routeRead(caller, ME_VIEW);
    const { facts } = await this.policies.abilityForRoute(caller);
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
      modules,
    };
  }
}
