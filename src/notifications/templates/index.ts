import { AGREEMENT_YEAR_TEMPLATES } from './agreement-year.js';
import { AUDIT_TEMPLATES } from './audit.js';
import { CASES_TEMPLATES } from './cases.js';
import { GOVERNANCE_TEMPLATES } from './governance.js';
import { IDENTITY_TEMPLATES } from './identity.js';
import { KERNGROEP_MEETING_TEMPLATES } from './kerngroep-meetings.js';
import { MEMBERSHIP_TEMPLATES } from './membership.js';
import { NDAS_TEMPLATES } from './ndas.js';
import { MONITORING_TEMPLATES } from './monitoring.js';
import { SYSTEM_TEMPLATES } from './system.js';
import type { TemplateSet } from './template.js';

/**
 * Every mail template, by name (`<area>.<event>`). Each area keeps its templates in `./<area>.ts` and adds one
 * line here; a duplicate name is refused when the module loads.
 */
const SETS: TemplateSet[] = [
  SYSTEM_TEMPLATES,
  CASES_TEMPLATES,
  NDAS_TEMPLATES,
  MONITORING_TEMPLATES,
  IDENTITY_TEMPLATES,
  AUDIT_TEMPLATES,
  GOVERNANCE_TEMPLATES,
  MEMBERSHIP_TEMPLATES,
  KERNGROEP_MEETING_TEMPLATES,
  AGREEMENT_YEAR_TEMPLATES,
];

export const TEMPLATES: TemplateSet = {};
for (const set of SETS) {
  for (const [name, template] of Object.entries(set)) {
    if (TEMPLATES[name]) throw new Error(`mail template ${name} is defined twice`);
    TEMPLATES[name] = template;
  }
}

/**
 * The mail a local partner (DR Congo, Bolivia) can receive, so each is written in all four languages (issue 14,
 * item 6; checked by templates.spec.ts): its people's invitations and second-factor reset, the NDA mail (it signs the
 * art-22 clause), the mail of an art-22 case it is the requester or the beneficiary of, and of a complaint it filed.
 * Every other template is for parties, the Kerngroep or the secretariat, and falls back to English for French or
 * Spanish readers.
 */
export const PARTNER_FACING: readonly string[] = [
  'identity.invitation',
  'identity.invitation-existing-account',
  'identity.second-factor-reset',
  'ndas.new-version',
  'ndas.revoked',
  'cases.ruling-decided',
  'cases.clause-required',
  'cases.access-opened',
  'cases.access-reminder',
  'cases.access-closed',
  'cases.message',
  'cases.closed',
  'cases.complaint-admissible',
  'cases.complaint-not-admissible',
];
export type { MailTemplate, MailText, TemplateSet } from './template.js';
