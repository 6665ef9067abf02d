import { type FieldProblem, InvalidInput } from '../../common/errors.js';

/**
 * The scope of an art-22 request in one canonical form (sorted, without duplicates, raw materials in lower case).
 * Pure. Art. 22: the data relevant to the risk found, so at least one country or region.
 */
export function normaliseScope(raw: Record<string, unknown>, field: string): Record<string, unknown> {
  const s = raw as { countries?: string[]; regions?: string[]; rawMaterials?: string[]; activityTypes?: string[]; year?: number };
  if (!s.countries?.length && !s.regions?.length)
    throw new InvalidInput('The request is invalid', [{ field: `${field}.countries`, problem: 'name at least one country or region (art. 22: the data relevant to the risk found)' }]);
  const out: Record<string, unknown> = {};
  if (s.countries?.length) out.countries = [...new Set(s.countries)].sort();
  if (s.regions?.length) out.regions = [...new Set(s.regions)].sort();
  if (s.rawMaterials?.length) out.rawMaterials = [...new Set(s.rawMaterials.map((x) => x.toLowerCase()))].sort();
  if (s.activityTypes?.length) out.activityTypes = [...new Set(s.activityTypes)].sort();
  if (s.year !== undefined) out.year = s.year;
  return out;
}

/**
 * What an art-22 request must carry beyond the DTO's shape (issue 14, "Bad input"): grounds that say what risk was
 * found (at least `minGroundsLength` characters, `ART22_MIN_GROUNDS_LENGTH`), and a scope narrowed to at least one
 * raw material or activity type, so the companies asked for consent know what the request is about. Pure.
 */
export function disclosureRequestProblems(grounds: string, scope: Record<string, unknown> | undefined, minGroundsLength: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (grounds.trim().length < minGroundsLength) problems.push({ field: 'grounds', problem: `must be longer than or equal to ${minGroundsLength} characters` });
  const s = (scope ?? {}) as { rawMaterials?: string[]; activityTypes?: string[] };
  if (!s.rawMaterials?.length && !s.activityTypes?.length)
    problems.push({ field: 'scope.rawMaterials', problem: 'name at least one raw material or activity type (art. 22: the data relevant to the risk found)' });
  return problems;
}
