import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../common/caller.js';
import { renderMail } from '../render.js';
import { PARTNER_FACING, TEMPLATES } from './index.js';
import type { MailText } from './template.js';
import { MAIL_VALUES } from './values.js';

const placeholders = (t: MailText) => [...`${t.subject}\n${t.text}`.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1]).sort();
const unique = (xs: string[]) => [...new Set(xs)];
// a param that carries a fixed value's code takes the first code of its set (./values.ts); the others a placeholder
const paramsOf = (name: string) => {
  const values = TEMPLATES[name].values ?? {};
  return Object.fromEntries(TEMPLATES[name].params.map((p) => [p, values[p] ? Object.keys(MAIL_VALUES[values[p]])[0] : `<${p}>`]));
};

describe('mail templates per language (issue 14, item 6)', () => {
  it('names only templates that exist as partner-facing', () => {
    const missing = PARTNER_FACING.filter((name) => !TEMPLATES[name]);
    expect(missing).toEqual([]);
  });

  it('writes every partner-facing template in Dutch, English, French and Spanish, with the same placeholders', () => {
    const problems: string[] = [];
    for (const name of PARTNER_FACING) {
      const template = TEMPLATES[name];
      const english = unique(placeholders(template.en));
      for (const language of LANGUAGES) {
        const text = template[language];
        if (!text?.subject.trim() || !text.text.trim()) {
          problems.push(`${name}: no ${language}`);
          continue;
        }
        const own = unique(placeholders(text));
        if (own.join() !== english.join()) problems.push(`${name} (${language}): placeholders ${own.join()} instead of ${english.join()}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes every template in Dutch and English at least', () => {
    const missing = Object.entries(TEMPLATES).filter(([, t]) => !t.nl?.text || !t.en?.text).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('renders a partner-facing template in French and Spanish, not in English', () => {
    for (const name of PARTNER_FACING) {
      const en = renderMail(TEMPLATES, name, 'en', paramsOf(name), 'https://k.test');
      const fr = renderMail(TEMPLATES, name, 'fr', paramsOf(name), 'https://k.test');
      const es = renderMail(TEMPLATES, name, 'es', paramsOf(name), 'https://k.test');
      expect(fr.text, name).not.toBe(en.text);
      expect(es.text, name).not.toBe(en.text);
      expect(es.text, name).not.toBe(fr.text);
    }
  });

  it('sends a template that lacks French or Spanish in English, never fails', () => {
    const name = Object.keys(TEMPLATES).find((n) => !TEMPLATES[n].fr && !TEMPLATES[n].es && !PARTNER_FACING.includes(n));
    expect(name).toBeDefined();
    const en = renderMail(TEMPLATES, name!, 'en', paramsOf(name!), 'https://k.test');
    expect(renderMail(TEMPLATES, name!, 'fr', paramsOf(name!), 'https://k.test')).toEqual(en);
    expect(renderMail(TEMPLATES, name!, 'es', paramsOf(name!), 'https://k.test')).toEqual(en);
  });

  it('refuses a language it does not know', () => {
    expect(() => renderMail(TEMPLATES, 'system.test', 'de' as never, { reference: 'x' }, 'https://k.test')).toThrow(/unknown mail language/);
  });
});
