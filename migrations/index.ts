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
import { PublishedOutputs1764000770000 } from './1764000770000-published-outputs.js';

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
  PublishedOutputs1764000770000,
];
