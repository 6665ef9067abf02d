import { createHash } from 'node:crypto';
import { NDA_KINDS, type NdaKind } from '../../policies/subjects.js';
import { DEMO_NDA_TRANSLATIONS } from './nda-translations.data.js';
import type { SeedContext } from './seed.js';

/**
 * Demo data of issue 4 (item 9): the current text of every NDA kind, a baseline monitoring result for every demo
 * company (mixed signals, including orange and red, with their follow-ups) and a year-1 plan of action for each.
 * Module participation comes with the sector step (two of the three NGOs). No demo NGO has signed an NDA, so a
 * newcomer can try the signing flow.
 */
export const DEMO_NDA_TEXTS: Record<NdaKind, { title: string; article: string; body: string }> = {
  'cso-monitoring': {
    title: 'Geheimhoudingsverklaring monitoringresultaten (art. 13)',
    article: '13',
    body:
      'De ondertekenende maatschappelijke organisatie ontvangt, als deelnemer aan een module, de score en het advies over de ' +
      'onderdelen risico\'s en plan van aanpak van individuele bedrijven. Zij houdt deze gegevens geheim, gebruikt ze alleen voor ' +
      'de uitvoering van de sectorovereenkomst en communiceert er niet extern over.',
  },
  'company-region': {
    title: 'Geheimhoudingsclausule bedrijven per land of regio (art. 21)',
    article: '21',
    body:
      'De ondertekenende maatschappelijke organisatie ontvangt via het secretariaat op verzoek welke bedrijven actief zijn in een ' +
      'land of regio. Zij houdt dit antwoord geheim en gebruikt het alleen om met die bedrijven in dialoog te gaan.',
  },
  disclosure: {
    title: 'Standaard geheimhoudingsclausule inzage productielocaties (art. 22)',
    article: '22',
    body:
      'De ondertekenaar krijgt in een door de Kerngroep goedgekeurde zaak tijdelijk inzage in de relevante productielocaties. ' +
      'Hij houdt de gegevens geheim, deelt ze met niemand en gebruikt ze alleen om de gemelde risico\'s te onderzoeken en te melden.',
  },
  'supporters-protocol': {
    title: 'Geheimhoudingsprotocol steunbetuigers (bijlage)',
    article: 'annex',
    body:
      'De ondertekenende steunbetuiger houdt alle vertrouwelijke informatie die hij in het kader van de sectorovereenkomst ' +
      'ontvangt geheim en gebruikt haar alleen voor het ondersteunen van de overeenkomst.',
  },
  'secretariat-obligation': {
    title: 'Geheimhoudingsplicht secretariaat (art. 56)',
    article: '56',
    body:
      'Het secretariaat is onafhankelijk en gebonden aan geheimhouding van alle vertrouwelijke gegevens van bedrijven en ' +
      'maatschappelijke organisaties die het bij de uitvoering van de sectorovereenkomst ontvangt.',
  },
};

type Signal = 'green' | 'orange' | 'red';
/** Per company: final score, signal and the six section scores (OECD steps 1-6; below 50 is insufficient). */
export const DEMO_BASELINE: Record<string, { finalScore: number; signal: Signal; sections: [number, number, number, number, number, number] }> = {
  'staalwerk-twente': { finalScore: 78, signal: 'green', sections: [80, 75, 78, 72, 85, 70] },
  'gieterij-de-hoop': { finalScore: 55, signal: 'orange', sections: [60, 45, 58, 52, 60, 55] },
  'metaalbouw-brabant': { finalScore: 34, signal: 'red', sections: [40, 30, 35, 28, 45, 25] },
  'recycling-rijnmond': { finalScore: 71, signal: 'green', sections: [70, 68, 74, 66, 80, 65] },
  'precisie-delft': { finalScore: 62, signal: 'orange', sections: [65, 58, 48, 60, 70, 55] },
  'koperwerk-zeeland': { finalScore: 81, signal: 'green', sections: [85, 80, 79, 82, 84, 76] },
};

const ADVICE: Record<Signal, string> = {
  green: 'Goed op weg. Houd de risicoanalyse actueel en rapporteer over de voortgang van het plan van aanpak.',
  orange: 'Voldoende basis, maar de risicoanalyse en de opvolging moeten concreter. Het secretariaat neemt contact op.',
  red: 'Onvoldoende. Het secretariaat gaat met u in gesprek; verbeter de onvoldoende onderdelen binnen drie maanden.',
};

const PLAN_YEAR = 2025;
const DEMO_MEASURES = [
  { step: 2, theme: 'risk-assessment', description: 'Risicoanalyse van de tier-1 leveranciers per land en grondstof' },
  { step: 3, theme: 'supplier-engagement', description: 'Gedragscode opnemen in nieuwe inkoopcontracten' },
  { step: 4, theme: 'audits', description: 'Voortgang van verbetermaatregelen bij leveranciers jaarlijks volgen' },
];

export async function seedNdasAndMonitoring({ manager, org }: SeedContext): Promise<void> {
  for (const kind of NDA_KINDS) {
    const t = DEMO_NDA_TEXTS[kind];
    await manager.query(
      `INSERT INTO nda_texts (kind, version, title, body, sha256, valid_for_days) VALUES ($1, 1, $2, $3, $4, 730)`,
      [kind, t.title, t.body, createHash('sha256').update(t.body, 'utf8').digest('hex')],
    );
    // the same version in the other languages, each text with its own SHA-256 (issue 14, item 6)
    for (const [language, tr] of Object.entries(DEMO_NDA_TRANSLATIONS[kind])) {
      await manager.query(
        `INSERT INTO nda_texts (kind, version, language, title, body, sha256, valid_for_days) VALUES ($1, 1, $2, $3, $4, $5, 730)`,
        [kind, language, tr.title, tr.body, createHash('sha256').update(tr.body, 'utf8').digest('hex')],
      );
    }
  }
  const sections = await manager.query<Array<{ step: number; threshold: number }>>(`SELECT step, sufficient_from::float8 AS threshold FROM monitoring_sections ORDER BY step`);
  let i = 0;
  for (const [slug, r] of Object.entries(DEMO_BASELINE)) {
    const companyId = org(slug);
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO monitoring_results (company_id, round, final_score, signal, advice) VALUES ($1, 'baseline', $2, $3, $4) RETURNING id`,
      [companyId, r.finalScore, r.signal, ADVICE[r.signal]],
    );
    for (const s of sections) {
      const score = r.sections[s.step - 1];
      await manager.query(`INSERT INTO monitoring_result_sections (result_id, step, score, advice) VALUES ($1, $2, $3, $4)`, [
        row.id,
        s.step,
        score,
        score < s.threshold ? 'Onvoldoende: verbeter dit onderdeel binnen drie maanden.' : 'Voldoende.',
      ]);
      if (score < s.threshold) {
        await manager.query(
          `INSERT INTO monitoring_follow_ups (result_id, company_id, kind, step, deadline_at)
           VALUES ($1, $2, 'improvement-period', $3, now() + interval '3 months')`,
          [row.id, companyId, s.step],
        );
      }
    }
    if (r.signal !== 'green') {
      await manager.query(`INSERT INTO monitoring_follow_ups (result_id, company_id, kind) VALUES ($1, $2, 'signal-talk')`, [row.id, companyId]);
    }
    // Every company plans the three shared measures; each adds one of its own (not traceable in the aggregate).
    const own = { step: 1 + (i % 6), theme: 'training', description: 'Training verantwoord inkopen voor het inkoopteam' };
    await manager.query(`INSERT INTO plans_of_action (company_id, year, measures) VALUES ($1, $2, $3::jsonb)`, [
      companyId,
      PLAN_YEAR,
      JSON.stringify([...DEMO_MEASURES, own]),
    ]);
    i++;
  }
}
