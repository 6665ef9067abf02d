import { Global, Module } from '@nestjs/common';
import { ExplainController } from './explain.controller.js';
import { PoliciesService } from './policies.service.js';
import { CaslPolicyEnforcer } from './policy-enforcer.js';
import { POLICY_ENFORCER } from './request.guard.js';

/** The confidentiality rules of `policies/*.yaml` as CASL abilities (issue 4); global so every module can scope. */
@Global()
@Module({
  controllers: [ExplainController],
  providers: [PoliciesService, CaslPolicyEnforcer, { provide: POLICY_ENFORCER, useExisting: CaslPolicyEnforcer }],
  exports: [PoliciesService, POLICY_ENFORCER],
})
export class PoliciesModule {}
