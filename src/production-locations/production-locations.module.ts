import { Module } from '@nestjs/common';
import { AggregatedListModule } from '../aggregated-list/aggregated-list.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { CompanyRegionRequestsRepository } from './company-region-requests.repository.js';
import { CompanyRegionRequestsService } from './company-region-requests.service.js';
import { CsoExpertiseRepository } from './cso-expertise.repository.js';
import { CsoExpertiseService } from './cso-expertise.service.js';
import { KeyOperationsRepository } from './key-operations.repository.js';
import { KeyOperationsService } from './key-operations.service.js';
import { LocationKeysRepository } from './location-keys.repository.js';
import { ExportList } from './export-list.js';
import { ListReplacementPreview } from './list-replacement-preview.js';
import { LocationDisclosureRepository } from './location-disclosure.repository.js';
import { LocationDisclosureService } from './location-disclosure.service.js';
import { ProductionLocationRepository } from './production-location.repository.js';
import { ProductionLocationsController } from './production-locations.controller.js';
import { ProductionLocationsService } from './production-locations.service.js';
import { CompanyRegionRequestsController, CsoExpertiseController } from './region-requests.controller.js';
import { UploadProgressRepository } from './upload-progress.repository.js';
import { UploadProgressService } from './upload-progress.js';
import { MatchKeyBackfill } from './match-key-backfill.js';
import { UploadParsingService } from './upload-parsing.service.js';
import { SupplierMatchRepository } from './supplier-match.repository.js';
import { SupplierMatchingService } from './supplier-matching.service.js';

/**
 * The production-location registry (issue 5, art. 17-24). Exports what the cases module and the seed need; brings
 * in the outputs built on it (the aggregated list, art. 19-20), so the app lists one module for the area.
 */
@Module({
  imports: [AggregatedListModule, OrganisationsModule],
  controllers: [ProductionLocationsController, CompanyRegionRequestsController, CsoExpertiseController],
  providers: [ProductionLocationRepository, ProductionLocationsService, LocationDisclosureService, LocationDisclosureRepository, KeyOperationsService, KeyOperationsRepository, LocationKeysRepository,
    CompanyRegionRequestsService, CompanyRegionRequestsRepository, CsoExpertiseService, CsoExpertiseRepository, UploadParsingService, SupplierMatchRepository, SupplierMatchingService, ListReplacementPreview, ExportList,
    UploadProgressRepository, UploadProgressService, MatchKeyBackfill],
  exports: [LocationDisclosureService, ProductionLocationsService, KeyOperationsService, SupplierMatchingService, MatchKeyBackfill],
})
export class ProductionLocationsModule {}
