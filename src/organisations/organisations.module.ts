import { Module } from '@nestjs/common';
import { KerngroepSeatsController, OrganisationsController, PeopleController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';

/** Organisations, people, invitations and the Kerngroep seats (issue 3, item 3; art. 22, 40-50, 69-77). */
@Module({
  controllers: [OrganisationsController, PeopleController, KerngroepSeatsController],
  providers: [OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
