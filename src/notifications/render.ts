import { type Language, LANGUAGES } from '../common/caller.js';
import type { MailTemplate, MailText, TemplateSet } from './templates/template.js';
import { valueWord } from './templates/values.js';

export type MailParams = Record<string, string | number>;
export type { Language };

/** Param names that would put supplier NAW into a mail; refused whatever the template (DESIGN.md, no leaks). */
const CONFIDENTIAL_PARAMS = new Set(['suppliername', 'address', 'postcode', 'city', 'naw', 'score', 'finalscore']);

export class TemplateError extends Error {}

/** Fills a template's placeholders; throws `TemplateError` for an unknown template or a missing/unsafe param. */
export function renderMail(
  templates: TemplateSet,
  name: string,
  language: Language,
  params: MailParams,
  publicUrl: string,
): MailText {
  const template: MailTemplate | undefined = Object.hasOwn(templates, name) ? templates[name] : undefined;
  if (!template) throw new TemplateError(`unknown mail template "${name}"`);
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new TemplateError(`unknown mail language "${String(language)}"`);
  for (const key of Object.keys(params)) {
    if (CONFIDENTIAL_PARAMS.has(key.toLowerCase())) throw new TemplateError(`mail param "${key}" would carry confidential data`);
  }
  for (const p of template.params) {
    if (params[p] === undefined || params[p] === null) throw new TemplateError(`mail template "${name}" needs param "${p}"`);
  }
  const values: Record<string, string> = { ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), publicUrl };
  // a fixed value's code becomes its word in the reader's language (issue 14, item 6): never a raw code in a mail
  for (const [param, set] of Object.entries(template.values ?? {})) {
    const word = valueWord(set, String(params[param]), language);
    if (word === undefined) throw new TemplateError(`mail template "${name}": "${String(params[param])}" is not a known ${set} for param "${param}"`);
    values[param] = word;
  }
  const fill = (text: string) =>
    text.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, key: string) => {
      if (!Object.hasOwn(values, key)) throw new TemplateError(`mail template "${name}" uses {${key}} but it was not given`);
      return values[key];
    });
  // French and Spanish where the template has them (the partner-facing ones), else English (issue 14, item 6)
  const text = template[language] ?? template.en;
  const subject = fill(text.subject);
  if (/[\r\n]/.test(subject)) throw new TemplateError('a mail subject may not contain line breaks');
  return { subject, text: fill(text.text) };
}
