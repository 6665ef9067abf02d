import { normaliseOsId, osIdProblem } from './supplier-matching/match-profile.js';
import { ACTIVITY_TYPES, type ActivityType, type LocationInput, type Tier } from './location.types.js';

/**
 * The documented column layout of an upload (README "Production locations"; issue 5 item 4). Headers are matched
 * case-insensitively, with spaces and hyphens read as underscores; English and Dutch names are both accepted.
 */
export interface ColumnSpec {
  key: keyof LocationInput;
  en: string;
  nl: string;
  required: boolean;
  /** competition-sensitive (art. 22-23): encrypted and never disclosed */
  sensitive?: boolean;
}

export const COLUMNS: ColumnSpec[] = [
  { key: 'supplierName', en: 'supplier_name', nl: 'naam_leverancier', required: true },
  { key: 'address', en: 'address', nl: 'adres', required: true },
  { key: 'postcode', en: 'postcode', nl: 'postcode', required: true },
  { key: 'city', en: 'city', nl: 'plaats', required: true },
  { key: 'country', en: 'country', nl: 'land', required: true },
  { key: 'region', en: 'region', nl: 'regio', required: true },
  { key: 'activityType', en: 'activity_type', nl: 'type_activiteit', required: true },
  { key: 'rawMaterials', en: 'raw_materials', nl: 'grondstoffen', required: true },
  { key: 'tier', en: 'tier', nl: 'schakel', required: true },
  { key: 'volume', en: 'volume', nl: 'volume', required: false, sensitive: true },
  { key: 'contractNotes', en: 'contract_notes', nl: 'contractnotities', required: false, sensitive: true },
  // Issue 16 item 4: the supplier's Open Supply Hub facility ID, when the company knows it; stored like the NAW.
  { key: 'osId', en: 'os_id', nl: 'os_id', required: false },
];

/** Dutch names of the activity types, accepted in uploads beside the English ones. */
export const ACTIVITY_TYPES_NL: Record<string, ActivityType> = {
  mijnbouw: 'mining',
  smelten: 'smelting',
  smelterij: 'smelting',
  raffinage: 'refining',
  raffineren: 'refining',
  verwerking: 'processing',
  productie: 'manufacturing',
  fabricage: 'manufacturing',
  recycling: 'recycling',
  handel: 'trading',
};

const headerAliases = new Map<string, ColumnSpec>();
for (const c of COLUMNS) {
  headerAliases.set(c.en, c);
  headerAliases.set(c.nl, c);
}
// A few spellings companies actually use.
headerAliases.set('leverancier', COLUMNS[0]);
headerAliases.set('woonplaats', COLUMNS[3]);
headerAliases.set('tier_level', COLUMNS[8]);
headerAliases.set('os_hub_id', COLUMNS[11]);
headerAliases.set('oar_id', COLUMNS[11]);

export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');
export const columnForHeader = (h: string): ColumnSpec | undefined => headerAliases.get(normaliseHeader(h));

/**
 * Columns the list export adds for reading only (issue 14, item 5: the region's name beside its code): an upload
 * accepts and ignores them, so an exported list can be corrected and uploaded again as it is.
 */
export const READ_ONLY_COLUMNS = { regionName: { en: 'region_name', nl: 'regio_naam' } };
const readOnlyHeaders = new Set(Object.values(READ_ONLY_COLUMNS).flatMap((c) => [c.en, c.nl]));
export const isReadOnlyHeader = (h: string): boolean => readOnlyHeaders.has(normaliseHeader(h));

export interface RowProblem {
  row: number;
  field: string;
  problem: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes Intl knows that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'AA', 'XA', 'XB']);

/** answers per code (at most 26 × 26): Intl's lookup is the costliest step of validating a row */
const countryAnswers = new Map<string, boolean>();

export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  let known = countryAnswers.get(code);
  if (known === undefined) {
    try {
      known = regionNames.of(code) !== code;
    } catch {
      known = false;
    }
    countryAnswers.set(code, known);
  }
  return known;
}

/** A cell that a spreadsheet would run as a formula (CSV/formula injection, OWASP): refused, never stored. */
const FORMULA_START = /^[=+\-@\t\r]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const LIMITS: Partial<Record<keyof LocationInput, number>> = {
  supplierName: 200,
  address: 200,
  postcode: 20,
  city: 100,
  region: 100,
  volume: 200,
  contractNotes: 2000,
  osId: 40,
};

/**
 * Validates one data row (cells by column key, already text) and returns the entry or its problems.
 * `row` is the 1-based data row (the first row after the header is 1). Pure.
 */
export function validateRow(row: number, cells: Partial<Record<keyof LocationInput, string>>): { entry?: LocationInput; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const spec = (key: keyof LocationInput) => COLUMNS.find((c) => c.key === key)!;
  const text = (key: keyof LocationInput, required: boolean): string | null => {
    const raw = cells[key];
    const v = raw === undefined ? '' : raw.trim();
    const field = spec(key).en;
    if (v === '') {
      if (required) problems.push({ row, field, problem: 'is required' });
      return null;
    }
    if (FORMULA_START.test(v)) {
      problems.push({ row, field, problem: 'must not start with =, +, -, @ or a tab (spreadsheet formula)' });
      return null;
    }
    if (CONTROL.test(v)) {
      problems.push({ row, field, problem: 'contains control characters' });
      return null;
    }
    const max = LIMITS[key];
    if (max && v.length > max) {
      problems.push({ row, field, problem: `is longer than ${max} characters` });
      return null;
    }
    return v;
  };

  const supplierName = text('supplierName', true);
  const address = text('address', true);
  const postcode = text('postcode', false);
  const city = text('city', true);
  const countryText = text('country', true);
  const country = countryText?.toUpperCase() ?? null;
  if (country !== null && !isCountryCode(country)) {
    problems.push({ row, field: 'country', problem: 'is not an ISO 3166-1 alpha-2 country code' });
  }
  let region = text('region', false);
  if (region !== null && /^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/.test(region)) {
    region = region.toUpperCase();
    if (country && !region.startsWith(`${country}-`)) {
      problems.push({ row, field: 'region', problem: 'is a subdivision code of another country' });
    }
  }
  const activityText = text('activityType', true)?.toLowerCase() ?? null;
  let activityType: ActivityType | null = null;
  if (activityText !== null) {
    activityType = (ACTIVITY_TYPES as readonly string[]).includes(activityText)
      ? (activityText as ActivityType)
      : (ACTIVITY_TYPES_NL[activityText] ?? null);
    if (!activityType) problems.push({ row, field: 'activity_type', problem: `must be one of ${ACTIVITY_TYPES.join(', ')}` });
  }
  const materialsText = text('rawMaterials', true);
  let rawMaterials: string[] = [];
  if (materialsText !== null) {
    rawMaterials = [...new Set(materialsText.split(';').map((m) => m.trim().toLowerCase()).filter(Boolean))];
    // Every value of the list is checked, not only the cell's start: `tin;=1+1` must not store `=1+1` (issue 12).
    if (rawMaterials.some((m) => FORMULA_START.test(m))) {
      problems.push({ row, field: 'raw_materials', problem: 'has a material that starts with =, +, -, @ or a tab (spreadsheet formula)' });
      rawMaterials = [];
    } else if (rawMaterials.length === 0) problems.push({ row, field: 'raw_materials', problem: 'is required' });
    else if (rawMaterials.length > 20) problems.push({ row, field: 'raw_materials', problem: 'lists more than 20 materials' });
    else if (rawMaterials.some((m) => m.length > 60)) problems.push({ row, field: 'raw_materials', problem: 'has a material longer than 60 characters' });
  }
  const tierText = text('tier', true);
  let tier: Tier | null = null;
  if (tierText !== null) {
    const t = tierText.replace(/\s/g, '');
    tier = t === '1' ? 1 : t === '2' ? 2 : t === '3' || t === '3+' ? 3 : null;
    if (tier === null) problems.push({ row, field: 'tier', problem: 'must be 1, 2 or 3+' });
  }
  const volume = text('volume', false);
  const contractNotes = text('contractNotes', false);
  const osIdText = text('osId', false);
  const osProblem = osIdText === null ? null : osIdProblem(osIdText);
  if (osProblem) problems.push({ row, field: 'os_id', problem: osProblem });

  if (problems.length > 0) return { problems };
  return {
    problems,
    entry: {
      supplierName: supplierName!,
      address: address!,
      postcode,
      city: city!,
      country: country!,
      region,
      activityType: activityType!,
      rawMaterials,
      tier: tier!,
      volume,
      contractNotes,
      osId: osIdText === null ? null : normaliseOsId(osIdText),
    },
  };
}
