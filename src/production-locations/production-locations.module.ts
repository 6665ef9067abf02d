import { Module } from '@nestjs/common';
import { LocationDisclosureService } from './location-disclosure.service.js';

/** The production-location registry (issue 5, art. 17-24). Exports only what the cases module needs. */
@Module({
  providers: [LocationDisclosureService],
  exports: [LocationDisclosureService],
})
export class ProductionLocationsModule {}
