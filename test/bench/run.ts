import { BENCHES } from './index.js';
import { startHarness } from './harness.js';

/**
 * `npm run bench [name-filter]`: runs every benchmark (or those whose name contains the filter) and prints one line
 * per figure, `name: value unit (ratio R to baseline)`. A failing benchmark is reported and the run exits 1.
 */
async function main() {
  const filter = process.argv[2];
  // `=name` runs that benchmark only (`policies` alone also runs every `policies-…`)
  const selected = BENCHES.filter((b) => !filter || (filter.startsWith('=') ? b.name === filter.slice(1) : b.name.includes(filter)));
  const harness = await startHarness();
  let failed = 0;
  try {
    for (const bench of selected) {
      const started = Date.now();
      try {
        await bench.run(harness);
        console.error(`# ${bench.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        failed++;
        console.error(`# ${bench.name} FAILED:`, error);
      }
    }
  } finally {
    await harness.stop();
  }
  process.exit(failed ? 1 : 0);
}

void main();
