import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { NdasMonitoring1764000300000 } from './1764000300000-ndas-monitoring.js';
import { ProductionLocations1764000400000 } from './1764000400000-production-locations.js';
import { CasesKerngroep1764000500000 } from './1764000500000-cases-kerngroep.js';
import { AuditCheckpoints1764000640000 } from './1764000640000-audit-checkpoints.js';
import { Governance1764000650000 } from './1764000650000-governance.js';
import { Membership1764000660000 } from './1764000660000-membership.js';
import { ConsentDecline1764000670000 } from './1764000670000-consent-decline.js';
import { VoteDeadlines1764000680000 } from './1764000680000-vote-deadlines.js';
import { VacantSeats1764000710000 } from './1764000710000-vacant-seats.js';
import { NdaLanguages1764000730000 } from './1764000730000-nda-languages.js';
import { AgreementCalendar1764000750000 } from './1764000750000-agreement-calendar.js';
import { KerngroepMeetings1764000760000 } from './1764000760000-kerngroep-meetings.js';
import { PublishedOutputs1764000770000 } from './1764000770000-published-outputs.js';
import { SupplierMatching1764000780000 } from './1764000780000-supplier-matching.js';
import { SecondFactor1764000790000 } from './1764000790000-second-factor.js';
import { GrantIndexes1764000800000 } from './1764000800000-grant-indexes.js';
import { ProbeIndexes1764000810000 } from './1764000810000-probe-indexes.js';
import { UploadPipeline1764000820000 } from './1764000820000-upload-pipeline.js';
import { PersonLanguages1764000830000 } from './1764000830000-person-languages.js';
import { VoteDecidedIndexes1764000870000 } from './1764000870000-vote-decided-indexes.js';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works from compiled
 * JavaScript, under the test runner and in the Docker image. Add new migrations at the end.
 */
export const MIGRATIONS = [
  Foundation1764000000000,
  NdasMonitoring1764000300000,
  ProductionLocations1764000400000,
  CasesKerngroep1764000500000,
  AuditCheckpoints1764000640000,
  Governance1764000650000,
  Membership1764000660000,
  ConsentDecline1764000670000,
  VoteDeadlines1764000680000,
  VacantSeats1764000710000,
  NdaLanguages1764000730000,
  AgreementCalendar1764000750000,
  KerngroepMeetings1764000760000,
  PublishedOutputs1764000770000,
  SupplierMatching1764000780000,
  SecondFactor1764000790000,
  GrantIndexes1764000800000,
  ProbeIndexes1764000810000,
  UploadPipeline1764000820000,
  PersonLanguages1764000830000,
  VoteDecidedIndexes1764000870000,
];
