import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACHINES, mermaid } from './state-machines.js';

/** The README's diagrams of the cases (issue 6 "Done means") are the state machines the service runs, not a copy that drifts. */
describe('README "Cases and the Kerngroep"', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  for (const machine of Object.values(MACHINES)) {
    it(`shows the ${machine.type} case's state machine as it is in state-machines.ts`, () => {
      expect(readme).toContain('```mermaid\n' + mermaid(machine) + '\n```');
    });
  }
});
