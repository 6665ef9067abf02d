import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../web/src/locales/en.js';
import es from '../web/src/locales/es.js';
import fr from '../web/src/locales/fr.js';
import nl from '../web/src/locales/nl.js';

/**
 * Issue 14, item 6: a fixed value the API can return is read in words, never as its code. Every code of the enums
 * below, as the generated schema (web/src/api/schema.d.ts, from the API's DTOs) lists them, has a word in the
 * value catalog of each language the pages it appears on use; `valueText` would otherwise show the code.
 */
const schema = readFileSync(join(__dirname, '..', 'web', 'src', 'api', 'schema.d.ts'), 'utf8');

/** The codes of `field` in the schema's `dto` (its string-literal union). */
function codesOf(dto: string, field: string): string[] {
  const start = schema.indexOf(`\n        ${dto}: {`);
  expect(start, `${dto} in the generated schema`).toBeGreaterThan(0);
  const block = schema.slice(start, schema.indexOf('\n        };', start));
  const union = new RegExp(`\\n\\s+${field}\\??: ((?:"[^"]+"(?: \\| )?)+);`).exec(block);
  expect(union, `${dto}.${field} is an enum`).not.toBeNull();
  return [...union![1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** The raw materials the demo lists carry (the seed's string arrays), and the pickers' list (web/src/shared.tsx). */
const quoted = (file: string, pattern: RegExp) =>
  [...readFileSync(join(__dirname, '..', file), 'utf8').matchAll(pattern)].flatMap((m) => [...m[1].matchAll(/'([a-z ]+)'/g)].map((x) => x[1]));
const RAW_MATERIALS = [
  ...new Set([
    ...quoted('src/database/seed/production-locations.seed.ts', /\[((?:'[a-z ]+'(?:, )?)+)\]/g),
    ...quoted('web/src/shared.tsx', /export const RAW_MATERIALS = \[([^\]]+)\]/g),
  ]),
];

const catalogs: Record<string, Partial<Record<string, string>>> = { en, nl, fr, es };
// [dto, field, value group, languages whose pages show it]
const ENUMS: Array<[string, string, string, string[]]> = [
  ['AccessionViewDto', 'status', 'accessionStatus', ['en', 'nl', 'fr', 'es']],
  ['MeasureInput', 'theme', 'theme', ['en', 'nl']],
  ['LocationDto', 'restrictionLevel', 'restriction', ['en', 'nl']],
  ['NdaSignatureDto', 'kind', 'ndaKind', ['en', 'nl']],
  ['RegionRequestDto', 'status', 'regionRequestStatus', ['en', 'nl']],
  ['MembershipViewDto', 'status', 'orgStatus', ['en', 'nl']],
  ['InvitedPersonDto', 'status', 'personStatus', ['en', 'nl']],
  ['FollowUpDto', 'round', 'round', ['en', 'nl', 'fr', 'es']],
  ['StoreResultDto', 'signal', 'signal', ['en', 'nl', 'fr', 'es']],
  ['ConsentLocationDto', 'level', 'level', ['en', 'nl', 'fr', 'es']],
];

describe('web value catalogs: every code the API returns has a word (issue 14, item 6)', () => {
  it.each(ENUMS)('%s.%s → value.%s', (dto, field, group, languages) => {
    const codes = codesOf(dto, field);
    expect(codes.length).toBeGreaterThan(1);
    for (const language of languages) {
      const missing = codes.filter((code) => !catalogs[language][`value.${group}.${code.toLowerCase()}`]);
      expect(missing, `value.${group} in ${language}`).toEqual([]);
    }
  });

  it('every raw material of the demo data and the pickers has a word in all four languages', () => {
    expect(RAW_MATERIALS.length).toBeGreaterThan(5);
    for (const language of ['en', 'nl', 'fr', 'es']) {
      const missing = RAW_MATERIALS.filter((m) => !catalogs[language][`value.material.${m}`]);
      expect(missing, `value.material in ${language}`).toEqual([]);
    }
    expect(nl['value.material.cobalt']).toBe('kobalt');
  });
});
