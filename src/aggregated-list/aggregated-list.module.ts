import { Module } from '@nestjs/common';
import { AggregatedListController } from './aggregated-list.controller.js';
import { AggregatedListRepository } from './aggregated-list.repository.js';
import { AggregatedListService } from './aggregated-list.service.js';

/** The aggregated, not-traceable production-location list (art. 19-20). */
@Module({ controllers: [AggregatedListController], providers: [AggregatedListService, AggregatedListRepository], exports: [AggregatedListService] })
export class AggregatedListModule {}
