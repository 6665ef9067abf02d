import { Module } from '@nestjs/common';
import { KerngroepGovernanceController } from './governance/kerngroep-governance.controller.js';
import { KerngroepGovernanceRepository } from './governance/kerngroep-governance.repository.js';
import { KerngroepGovernanceService } from './governance/kerngroep-governance.service.js';
import { InitialiseSecretariat } from './governance/initialise-secretariat.js';
import { ModulesController } from './modules/modules.controller.js';
import { ModulesRepository } from './modules/modules.repository.js';
import { ModulesService } from './modules/modules.service.js';
import { KerngroepSeatsController, OrganisationsController, PeopleController } from './organisations.controller.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';
import { OwnLanguageController } from './own-language.controller.js';

/**
 * Organisations, people, invitations, the Kerngroep seats and chair with their history, and the modules
 * (issue 3, item 3; issue 13, parts 1-3; art. 13, 22, 40-50, 54, 69-77).
 */
@Module({
  controllers: [OrganisationsController, PeopleController, OwnLanguageController, KerngroepSeatsController, KerngroepGovernanceController, ModulesController],
  providers: [OrganisationsService, OrganisationsRepository, KerngroepGovernanceRepository, KerngroepGovernanceService, ModulesRepository, ModulesService, InitialiseSecretariat],
  exports: [OrganisationsService, KerngroepGovernanceService, ModulesService, InitialiseSecretariat],
})
export class OrganisationsModule {}
