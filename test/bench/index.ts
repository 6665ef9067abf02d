import type { Bench } from './harness.js';
import { benches as auditBenches } from './audit.bench.js';
import { benches as authBenches } from './auth.bench.js';
import { benches as policiesBenches } from './policies.bench.js';
import { benches as productionLocationsBenches } from './production-locations.bench.js';
import { benches as uploadsBenches } from './uploads.bench.js';
import { benches as supplierMatchingBenches } from './supplier-matching.bench.js';
import { benches as tasksBenches } from './tasks.bench.js';
import { benches as webBenches } from './web.bench.js';
import { benches as publishedOutputsBenches } from './published-outputs.bench.js';

/**
 * Every benchmark `npm run bench` runs, in order. Each area adds its file here with one import and one spread:
 * `import { benches as auditBenches } from './audit.bench.js';
import { benches as authBenches } from './auth.bench.js';` and `...auditBenches,`.
 */
export const BENCHES: Bench[] = [
  ...auditBenches,
  ...authBenches,
  ...policiesBenches,
  ...productionLocationsBenches,
  ...uploadsBenches,
  ...supplierMatchingBenches,
  ...tasksBenches,
  ...webBenches,
  ...publishedOutputsBenches,
];
