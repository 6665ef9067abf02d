import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Issue 4, "Done means": the README section "Who may see what" is generated from policies/*.yaml and kept in step. */
const check = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['scripts/policies-doc.mjs', '--check'], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('README "Who may see what" (npm run policies:doc)', () => {
  it('matches the policy files (run `npm run policies:doc` after changing policies/)', () => {
    const res = check();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('lists every rule of every policy file with its article', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('| MonitoringResult | read | NGOs, unions that are parties | an active NDA "cso-monitoring" (current text, not expired, not revoked); takes part in a module |');
    expect(readme).toMatch(/\| PlanOfAction \| list, read \| companies \| own organisation's \(companyId\) \| all \| 12 \|/);
  });

  it('fails when a policy changes and the README does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-policies-doc-'));
    cpSync(resolve('policies'), dir, { recursive: true });
    const file = join(dir, 'monitoring-results.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('sections.risks, sections.planOfAction', 'sections.risks'));
    const res = check({ POLICIES_DIR: dir });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('run `npm run policies:doc`');
  });
});
