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
export type { MailTemplate, MailText, TemplateSet } from './template.js';
