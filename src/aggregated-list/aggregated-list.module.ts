import { Module } from '@nestjs/common';
import { AggregatedListController } from './aggregated-list.controller.js';
import { AggregatedListRepository } from './aggregated-list.repository.js';
import { AggregatedListService } from './aggregated-list.service.js';
import { ExportAggregatedList } from './export-list.js';
import { PublishAggregatedList } from './publish-list.js';

/** The aggregated, not-traceable production-location list (art. 19-20) and its yearly published versions. */
@Module({
  controllers: [AggregatedListController],
  providers: [AggregatedListService, AggregatedListRepository, PublishAggregatedList, ExportAggregatedList],
  exports: [AggregatedListService],
})
export class AggregatedListModule {}
