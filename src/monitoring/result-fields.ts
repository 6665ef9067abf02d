import type { MonitoringResultDto, ReportsOn, SectionResultDto } from './dto/monitoring.dto.js';

/**
 * Keeps only the parts of a monitoring result that the permitted fields open (from the policy file). A section
 * is kept when `sections.<reportsOn>` is permitted: art. 13 opens the sections that report on risks and on the
 * plan of action, never the others. `*` keeps everything. Pure, so it is tested without a database.
 */
export function filterResult(result: Required<MonitoringResultDto>, fields: readonly string[]): MonitoringResultDto {
  if (fields.includes('*')) return result;
  const allowed = new Set(fields);
  const out: MonitoringResultDto = {};
  for (const key of Object.keys(result) as Array<keyof MonitoringResultDto>) {
    if (key === 'sections') continue;
    if (allowed.has(key)) (out as Record<string, unknown>)[key] = result[key];
  }
  const sections = result.sections.filter((s: SectionResultDto) => allowed.has(`sections.${s.reportsOn satisfies ReportsOn}`));
  if ([...allowed].some((f) => f.startsWith('sections.'))) out.sections = sections;
  return out;
}
