import type { components } from '../api/schema';

// The case pages' shapes are the API's own (issue 14, item 8): aliases of the schemas generated from /docs-json
// (web/src/api/schema.d.ts), so a changed response DTO breaks `tsc -p web/tsconfig.json` instead of a page.
type Schemas = components['schemas'];

export type CaseView = Schemas['CaseViewDto'];
export type Scope = Schemas['CaseScopeDto'];
/** One entry as a case shows it (issue 14): the facts, and name and address where the caller may read the entry. */
export type CaseEntry = Schemas['CaseEntryDto'];
export type Reveal = Schemas['RevealDto'];
/** The company's own entry in a consent request, with what each answer would reveal (computed by the API). */
export type ConsentEntry = Schemas['ConsentEntryDto'];
export type Organisation = Schemas['OrganisationDto'];
export type DisclosedEntry = Schemas['DisclosedEntryDto'];
/** Declined and silent entries (art. 19): counts per country, region and activity type, small cells withheld. */
export type DisclosedCounts = Schemas['DeclinedCountsDto'];

export const TRANSITIONS = ['withdraw', 'open-access', 'close-consent', 'close-access', 'confirm-brokering', 'close-resolved', 'close-joint-project', 'close-no-agreement'];
