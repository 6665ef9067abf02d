import type { components } from '../api/schema';

// Shapes the secretariat's organisation pages share: the API's own (generated from /docs-json, issue 14, item 8).
export type Organisation = components['schemas']['OrganisationDto'];
export type Person = components['schemas']['PersonDto'];
