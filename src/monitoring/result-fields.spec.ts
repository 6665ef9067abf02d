import { describe, expect, it } from 'vitest';
import type { MonitoringResultDto } from './dto/monitoring.dto.js';
import { filterResult } from './result-fields.js';

const section = (step: number, reportsOn: 'risks' | 'planOfAction' | 'other') =>
  ({ step, key: `s${step}`, title: `S${step}`, reportsOn, score: 40, sufficient: false, advice: 'a' });
const full: Required<MonitoringResultDto> = {
  id: 'r', companyId: 'c', companyName: 'C', round: 'baseline', finalScore: 55, signal: 'orange', advice: 'x',
  sections: [section(1, 'other'), section(2, 'risks'), section(3, 'planOfAction'), section(4, 'planOfAction'), section(5, 'other'), section(6, 'other')],
  improvementPeriods: [{ step: 1, deadlineAt: '2026-01-01', completedAt: null }], updatedAt: 'u',
};

describe('monitoring result field filter', () => {
  it('art. 13: a CSO sees only the risk and plan-of-action sections (issue 11: no final score, signal or overall advice)', () => {
    const out = filterResult(full, ['id', 'companyId', 'sections.risks', 'sections.planOfAction']);
    expect(Object.keys(out).sort()).toEqual(['companyId', 'id', 'sections']);
    expect(out.sections!.map((s) => s.step)).toEqual([2, 3, 4]);
  });
  it('art. 10: "*" (company, secretariat) keeps every section and the improvement periods', () => {
    expect(filterResult(full, ['*'])).toEqual(full);
  });
  it('no section field, no sections key at all', () => {
    expect(filterResult(full, ['id'])).toEqual({ id: 'r' });
  });
});
