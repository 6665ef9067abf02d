import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import { AgreementCalendarRepository } from './agreement-calendar.repository.js';
import { aggregatedProgress, type AggregatedProgressYear, companyProgress, type CompanyProgressYear } from './transparency-progress.js';
import { TransparencyProgressRepository } from './transparency-progress.repository.js';

/** Art. 18 progress: one company's years (the company and the secretariat), and across companies (all parties). */
@Injectable()
export class TransparencyProgressService {
  constructor(
    private readonly repository: TransparencyProgressRepository,
    private readonly companies: AgreementCalendarRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A company's own progress; another company's is the one 404 (absent and not yours answer alike). */
  async ofCompany(caller: Caller, companyId: string): Promise<CompanyProgressYear[]> {
    await this.policies.authorizeRecord(caller, 'read', 'TransparencyProgress', { companyId }, { id: companyId });
    if (!(await this.companies.isCompanyTakingPart(companyId))) throw new NotFound('TransparencyProgress');
    const years = companyProgress(await this.repository.ofCompany(companyId));
    // Derived from the confidential list (art. 17-19): who looked is audited.
    await this.audit.record({
      actor: actorOf(caller),
      action: 'transparency-progress.read',
      object: { type: 'transparency-progress', id: companyId },
      details: { years: years.length },
    });
    return years;
  }

  async aggregated(caller: Caller): Promise<{ minCompanies: number; years: AggregatedProgressYear[] }> {
    const k = this.config.aggregationMinCompanies;
    const years = aggregatedProgress(await this.repository.ofAllCompanies(), k);
    await this.audit.record({ actor: actorOf(caller), action: 'transparency-progress.aggregated.read', details: { years: years.length } });
    return { minCompanies: k, years };
  }
}
