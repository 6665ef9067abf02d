import type { NdaKind } from '../../policies/subjects.js';

/**
 * The demo NDA texts in English, French and Spanish (issue 14, item 6), faithful to the Dutch originals in
 * `DEMO_NDA_TEXTS`. Local partners in DR Congo read French and in Bolivia Spanish; they sign the standard art-22
 * clause (`disclosure`), NGO and union parties also the monitoring NDA and the company-by-region clause. The
 * supporters' protocol and the secretariat's obligation are in English besides Dutch.
 */
export type NdaTranslationLanguage = 'en' | 'fr' | 'es';

export const DEMO_NDA_TRANSLATIONS: Record<NdaKind, Partial<Record<NdaTranslationLanguage, { title: string; body: string }>>> = {
  'cso-monitoring': {
    en: {
      title: 'Confidentiality statement on monitoring results (art. 13)',
      body:
        'As a participant in a module, the signing civil-society organisation receives the score and the advice on the parts ' +
        'on risks and on the plan of action of individual companies. It keeps these data confidential, uses them only to carry ' +
        'out the sector agreement and does not communicate about them externally.',
    },
    fr: {
      title: 'Déclaration de confidentialité relative aux résultats du suivi (art. 13)',
      body:
        'En tant que participante à un module, l’organisation de la société civile signataire reçoit le score et l’avis portant ' +
        'sur les parties « risques » et « plan d’action » d’entreprises individuelles. Elle garde ces données confidentielles, ne ' +
        'les utilise que pour la mise en œuvre de l’accord sectoriel et ne communique pas à leur sujet à l’extérieur.',
    },
    es: {
      title: 'Declaración de confidencialidad sobre los resultados del seguimiento (art. 13)',
      body:
        'Como participante en un módulo, la organización de la sociedad civil firmante recibe la puntuación y el asesoramiento ' +
        'sobre las partes de riesgos y de plan de acción de empresas individuales. Mantiene estos datos en confidencialidad, los ' +
        'utiliza únicamente para la ejecución del acuerdo sectorial y no comunica sobre ellos externamente.',
    },
  },
  'company-region': {
    en: {
      title: 'Confidentiality clause on companies per country or region (art. 21)',
      body:
        'On request, the signing civil-society organisation is told through the secretariat which companies are active in a ' +
        'country or region. It keeps this answer confidential and uses it only to enter into dialogue with those companies.',
    },
    fr: {
      title: 'Clause de confidentialité sur les entreprises par pays ou région (art. 21)',
      body:
        'Sur demande, l’organisation de la société civile signataire apprend par l’intermédiaire du secrétariat quelles ' +
        'entreprises sont actives dans un pays ou une région. Elle garde cette réponse confidentielle et ne l’utilise que pour ' +
        'engager le dialogue avec ces entreprises.',
    },
    es: {
      title: 'Cláusula de confidencialidad sobre las empresas por país o región (art. 21)',
      body:
        'Previa solicitud, la organización de la sociedad civil firmante recibe a través de la secretaría la información de qué ' +
        'empresas están activas en un país o región. Mantiene esta respuesta en confidencialidad y la utiliza únicamente para ' +
        'entablar un diálogo con esas empresas.',
    },
  },
  disclosure: {
    en: {
      title: 'Standard confidentiality clause for access to production locations (art. 22)',
      body:
        'In a case approved by the Kerngroep, the signatory is given temporary access to the relevant production locations. ' +
        'The signatory keeps the data confidential, shares them with no one and uses them only to investigate and report the ' +
        'risks that were reported.',
    },
    fr: {
      title: 'Clause de confidentialité standard pour l’accès aux sites de production (art. 22)',
      body:
        'Dans un dossier approuvé par le Kerngroep, le signataire obtient un accès temporaire aux sites de production concernés. ' +
        'Il garde ces données confidentielles, ne les partage avec personne et ne les utilise que pour examiner et signaler les ' +
        'risques signalés.',
    },
    es: {
      title: 'Cláusula de confidencialidad estándar para el acceso a los lugares de producción (art. 22)',
      body:
        'En un caso aprobado por el Kerngroep, el firmante obtiene acceso temporal a los lugares de producción pertinentes. ' +
        'Mantiene los datos en confidencialidad, no los comparte con nadie y los utiliza únicamente para investigar y notificar ' +
        'los riesgos señalados.',
    },
  },
  'supporters-protocol': {
    en: {
      title: 'Supporters’ confidentiality protocol (annex)',
      body:
        'The signing supporter keeps confidential all confidential information it receives in the context of the sector ' +
        'agreement and uses it only to support the agreement.',
    },
  },
  'secretariat-obligation': {
    en: {
      title: 'Secretariat’s duty of confidentiality (art. 56)',
      body:
        'The secretariat is independent and bound to keep confidential all confidential data of companies and civil-society ' +
        'organisations that it receives in carrying out the sector agreement.',
    },
  },
};
