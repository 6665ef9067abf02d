import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { NdasMonitoring1764000300000 } from './1764000300000-ndas-monitoring.js';
import { ProductionLocations1764000400000 } from './1764000400000-production-locations.js';
import { CasesKerngroep1764000500000 } from './1764000500000-cases-kerngroep.js';
import { Membership1764000660000 } from './1764000660000-membership.js';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works from compiled
 * JavaScript, under the test runner and in the Docker image. Add new migrations at the end.
 */
export const MIGRATIONS = [Foundation1764000000000, NdasMonitoring1764000300000, ProductionLocations1764000400000, CasesKerngroep1764000500000, Membership1764000660000];
