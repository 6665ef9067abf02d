import { runCli } from './cli/run-cli.js';

/** Operator commands: `npm run cli -- <command> [options]` (`npm run cli -- help` lists them). */
runCli(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
