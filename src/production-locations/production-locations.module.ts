import { Module } from '@nestjs/common';
import { LocationDisclosureService } from './location-disclosure.service.js';
import { ProductionLocationRepository } from './production-location.repository.js';
import { ProductionLocationsController } from './production-locations.controller.js';
import { ProductionLocationsService } from './production-locations.service.js';

/** The production-location registry (issue 5, art. 17-24). Exports what the cases module and the seed need. */
@Module({
  controllers: [ProductionLocationsController],
  providers: [ProductionLocationRepository, ProductionLocationsService, LocationDisclosureService],
  exports: [LocationDisclosureService, ProductionLocationsService],
})
export class ProductionLocationsModule {}
