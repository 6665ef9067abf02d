import type { Language } from '../../common/caller.js';

/** A fixed value's words in each language (French and Spanish fall back to English where a set has none). */
export type ValueWords = Record<string, { nl: string; en: string; fr?: string; es?: string }>;

/**
 * The fixed values a mail names (issue 14, item 6): the caller passes the code (`approved`, `baseline`,
 * `disclosure`), the template declares the param's set in `values`, and `renderMail` writes the word in the reader's
 * language, as the pages do with `useValues` (the words follow web/src/locales). A code a set does not know is refused,
 * so a mail never shows a raw code (templates.spec.ts renders every code in every language).
 */
export const MAIL_VALUES = {
  /** a Kerngroep ruling's outcome (art. 49) */
  outcome: {
    approved: { nl: 'goedgekeurd', en: 'approved', fr: 'approuvé', es: 'aprobado' },
    rejected: { nl: 'afgewezen', en: 'rejected', fr: 'rejeté', es: 'rechazado' },
  },
  /** how a case was closed (art. 84-86), by the closing step's action */
  resolution: {
    'close-resolved': { nl: 'opgelost', en: 'resolved', fr: 'résolu', es: 'resuelto' },
    'close-joint-project': { nl: 'gezamenlijk project', en: 'joint project', fr: 'projet commun', es: 'proyecto conjunto' },
    'close-no-agreement': { nl: 'geen overeenstemming', en: 'no agreement', fr: 'pas d’accord', es: 'sin acuerdo' },
    close: { nl: 'afgehandeld', en: 'completed', fr: 'traité', es: 'concluido' },
  },
  /** the confidentiality agreements (art. 13, 21, 22; annex) */
  ndaKind: {
    'cso-monitoring': { nl: 'geheimhoudingsovereenkomst voor CSO-monitoring', en: 'CSO monitoring confidentiality agreement', fr: 'accord de confidentialité pour le suivi par les OSC', es: 'acuerdo de confidencialidad para el seguimiento por las OSC' },
    'company-region': { nl: 'geheimhoudingsclausule voor bedrijven-per-regio-antwoorden', en: 'confidentiality clause for company-by-region answers', fr: 'clause de confidentialité pour les réponses entreprises par région', es: 'cláusula de confidencialidad para las respuestas de empresas por región' },
    disclosure: { nl: 'standaard geheimhoudingsclausule voor artikel-22-inzage', en: 'standard confidentiality clause for article-22 access', fr: 'clause de confidentialité standard pour l’accès au titre de l’article 22', es: 'cláusula de confidencialidad estándar para el acceso del artículo 22' },
    'supporters-protocol': { nl: 'geheimhoudingsprotocol voor steunbetuigers', en: 'supporters’ confidentiality protocol', fr: 'protocole de confidentialité des soutiens', es: 'protocolo de confidencialidad de los simpatizantes' },
    'secretariat-obligation': { nl: 'geheimhoudingsplicht van het secretariaat', en: 'secretariat’s confidentiality obligation', fr: 'obligation de confidentialité du secrétariat', es: 'obligación de confidencialidad de la secretaría' },
  },
  /** the monitoring rounds (art. 9-11) */
  round: {
    baseline: { nl: 'nulmeting', en: 'baseline measurement', fr: 'mesure de référence', es: 'medición de referencia' },
    year2: { nl: 'meting jaar 2', en: 'year-2 measurement', fr: 'mesure de l’année 2', es: 'medición del año 2' },
    year4: { nl: 'meting jaar 4', en: 'year-4 measurement', fr: 'mesure de l’année 4', es: 'medición del año 4' },
  },
  /** a Kerngroep seat, by its constituency (art. 45-46) */
  constituency: {
    companies: { nl: 'bedrijven', en: 'companies', fr: 'entreprises', es: 'empresas' },
    ngos: { nl: "ngo's", en: 'NGOs', fr: 'ONG', es: 'ONG' },
    unions: { nl: 'vakbonden', en: 'trade unions', fr: 'syndicats', es: 'sindicatos' },
    branch_orgs: { nl: 'brancheorganisaties', en: 'branch organisations', fr: 'organisations professionnelles', es: 'organizaciones sectoriales' },
  },
  /** a representative's place in a seat (art. 47) */
  seatPosition: {
    fixed: { nl: 'vaste', en: 'fixed', fr: 'titulaire', es: 'titular' },
    deputy: { nl: 'plaatsvervangende', en: 'deputy', fr: 'suppléant', es: 'suplente' },
  },
  /** how a membership ends (art. 73-77) */
  membershipEnd: {
    withdrawal: { nl: 'opzegging', en: 'withdrawal', fr: 'retrait', es: 'retirada' },
    removal: { nl: 'verwijdering', en: 'removal', fr: 'exclusion', es: 'expulsión' },
  },
} satisfies Record<string, ValueWords>;

export type ValueSet = keyof typeof MAIL_VALUES;

/** The word for `code` of `set` in `language`, or undefined when the set does not know the code. */
export function valueWord(set: ValueSet, code: string, language: Language): string | undefined {
  const words: ValueWords = MAIL_VALUES[set];
  if (!Object.hasOwn(words, code)) return undefined;
  const w = words[code];
  return w[language] ?? w.en;
}
