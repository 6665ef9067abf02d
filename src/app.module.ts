import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { ENTITIES } from './database/entities.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { HealthModule } from './health/health.module.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { ProductionLocationsModule } from './production-locations/production-locations.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { NdasModule } from './ndas/ndas.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { CasesModule } from './cases/cases.module.js';
import { KerngroepModule } from './kerngroep/kerngroep.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { MembershipModule } from './membership/membership.module.js';
import { AgreementYearModule } from './agreement-year/agreement-year.module.js';
import { YearlyReportModule } from './yearly-report/yearly-report.module.js';
import { RequestGuard } from './policies/request.guard.js';
import { MIGRATIONS } from '../migrations/index.js';

/** Feature modules, in the order the agreement builds on them. Each feature module adds itself here. */
const FEATURES = [HealthModule, AuditModule, NotificationsModule, PoliciesModule, AuthModule, OrganisationsModule, CryptoModule, ProductionLocationsModule, NdasModule, MonitoringModule, SchedulerModule, KerngroepModule, CasesModule, TasksModule, MembershipModule, AgreementYearModule, YearlyReportModule];

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('AppModule needs a database URL (start the embedded database first)');
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          synchronize: false,
          migrationsRun: false,
          logging: false,
          extra: { max: 20, application_name: 'ketenkluis' },
        }),
        ...FEATURES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: RequestGuard },
      ],
    };
  }
}
