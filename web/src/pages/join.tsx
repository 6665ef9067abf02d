import { type FormEvent, useState } from 'react';
import { api, base64Of } from '../api.ts';
import type { Body } from '../api/types.ts';
import { Page, useAction, useTexts } from '../components.tsx';
import { useFieldErrors } from '../form-errors.tsx';
import { type Key, type Language, LANGUAGES } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { joinFrEs } from './join.words.fr-es.ts';

/**
 * `/join`, open to anyone (art. 69-70): an organisation that wants to join sends its motivated request — name, kind,
 * contact, and the motivation letter as text or as a PDF. The secretariat informs the parties before the Kerngroep
 * assesses it (art. 71-72). `POST /api/v1/accession-requests`.
 */
const words = {
  en: {
    title: 'Join the agreement',
    intro: 'The agreement is open to other organisations that want to contribute to its aims (art. 69). Send a motivation letter showing that your organisation subscribes to the OECD guidelines and frees enough resources for due diligence (art. 70). The secretariat informs the parties, who may ask questions; then the Kerngroep decides (art. 71-72).',
    name: 'Name of the organisation',
    kind: 'Kind',
    company: 'company',
    ngo: 'NGO',
    union: 'union',
    branch_org: 'branch organisation',
    supporter: 'supporter (no part in decisions, art. 40)',
    country: 'Country (ISO code, e.g. NL)',
    contactName: 'Contact person',
    contactEmail: 'Contact email address',
    language: 'Language for mail',
    motivation: 'Motivation letter (text)',
    pdf: 'Or the motivation letter as a PDF (at most 700 KiB)',
    submit: 'Send the request',
    sent: 'Thank you. The secretariat received your request and will contact you.',
  },
  nl: {
    title: 'Toetreden tot de Sectorovereenkomst',
    intro: 'De Sectorovereenkomst staat open voor andere organisaties die willen bijdragen aan haar doelen (art. 69). Stuur een motivatiebrief waaruit blijkt dat uw organisatie de OESO-richtlijnen onderschrijft en voldoende middelen vrijmaakt voor due diligence (art. 70). Het secretariaat informeert de partijen, die vragen kunnen stellen; daarna beslist de Kerngroep (art. 71-72).',
    name: 'Naam van de organisatie',
    kind: 'Soort',
    company: 'bedrijf',
    ngo: 'ngo',
    union: 'vakbond',
    branch_org: 'brancheorganisatie',
    supporter: 'steunbetuiger (neemt geen deel aan besluiten, art. 40)',
    country: 'Land (ISO-code, bijvoorbeeld NL)',
    contactName: 'Contactpersoon',
    contactEmail: 'E-mailadres contactpersoon',
    language: 'Taal voor e-mail',
    motivation: 'Motivatiebrief (tekst)',
    pdf: 'Of de motivatiebrief als pdf (hoogstens 700 KiB)',
    submit: 'Verzoek versturen',
    sent: 'Dank u. Het secretariaat heeft uw verzoek ontvangen en neemt contact met u op.',
  },
};

// French and Spanish: the page is open to anyone, the local partners' neighbours too (issue 14, item 6)
Object.assign(words, joinFrEs);

const KINDS = ['company', 'ngo', 'union', 'branch_org', 'supporter'] as const;

export function JoinPage() {
  const t = useTexts(words);
  const session = useSession();
  const { language } = session;
  const common = (key: Key) => session.t(key);
  const [form, setForm] = useState<{ name: string; kind: Body<'post', '/api/v1/accession-requests'>['kind']; country: string; contactName: string; contactEmail: string; language: Language; motivation: string }>({ name: '', kind: 'company', country: 'NL', contactName: '', contactEmail: '', language, motivation: '' });
  const [pdf, setPdf] = useState<File | null>(null);
  const send = useAction();
  const f = useFieldErrors(send.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await send.run(async () => {
      const body: Body<'post', '/api/v1/accession-requests'> = {
        name: form.name.trim(),
        kind: form.kind,
        country: form.country.trim().toUpperCase() || undefined,
        contactName: form.contactName.trim(),
        contactEmail: form.contactEmail.trim(),
        language: form.language,
        motivation: form.motivation.trim() ? form.motivation : undefined,
        motivationPdf: pdf ? await base64Of(pdf) : undefined,
      };
      await api('POST', '/accession-requests', body);
    });
  };
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      {send.done ? (
        <p className="ok" role="status">
          {t('sent')}
        </p>
      ) : (
        <form className="card" onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="join-name">{t('name')}</label>
          <input id="join-name" required maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...f.field('name', 'join-name', t('name'))} />
          {f.at('join-name')}
          <label htmlFor="join-kind">{t('kind')}</label>
          <select id="join-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as typeof form.kind })} {...f.field('kind', 'join-kind', t('kind'))}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </select>
          {f.at('join-kind')}
          <label htmlFor="join-country">{t('country')}</label>
          <input id="join-country" maxLength={2} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })} {...f.field('country', 'join-country', t('country'))} />
          {f.at('join-country')}
          <label htmlFor="join-contact">{t('contactName')}</label>
          <input id="join-contact" required maxLength={200} value={form.contactName} onChange={(e) => setForm({ ...form, contactName: e.target.value })} {...f.field('contactName', 'join-contact', t('contactName'))} />
          {f.at('join-contact')}
          <label htmlFor="join-email">{t('contactEmail')}</label>
          <input id="join-email" type="email" required value={form.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} {...f.field('contactEmail', 'join-email', t('contactEmail'))} />
          {f.at('join-email')}
          <label htmlFor="join-language">{t('language')}</label>
          <select id="join-language" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as typeof form.language })} {...f.field('language', 'join-language', t('language'))}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {common(`lang.name.${l}` as Key)}
              </option>
            ))}
          </select>
          {f.at('join-language')}
          <label htmlFor="join-motivation">{t('motivation')}</label>
          <textarea id="join-motivation" rows={6} maxLength={20000} value={form.motivation} onChange={(e) => setForm({ ...form, motivation: e.target.value })} {...f.field('motivation', 'join-motivation', t('motivation'))} />
          {f.at('join-motivation')}
          <label htmlFor="join-pdf">{t('pdf')}</label>
          <input id="join-pdf" type="file" accept="application/pdf" onChange={(e) => setPdf(e.target.files?.[0] ?? null)} {...f.field('motivationPdf', 'join-pdf', t('pdf'))} />
          {f.at('join-pdf')}
          {f.summary()}
          <div className="row">
            <button type="submit" className="primary" disabled={send.busy}>
              {t('submit')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
