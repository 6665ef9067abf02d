import type { TemplateSet } from './template.js';

/** Mail of monitoring (src/monitoring). Never a score, signal or advice: the reader signs in to see the result. */
export const MONITORING_TEMPLATES: TemplateSet = {
  'monitoring.result-stored': {
    params: ['round'],
    nl: {
      subject: 'Ketenkluis: uw monitoringresultaat ({round}) staat klaar',
      text:
        'Het secretariaat heeft het monitoringresultaat van uw organisatie voor de ronde "{round}" vastgelegd.\n' +
        'U vindt de eindscore, het eindsein, het advies en eventuele verbetertermijnen in Ketenkluis.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: your monitoring result ({round}) is available',
      text:
        'The secretariat has recorded your organisation\'s monitoring result for the round "{round}".\n' +
        'Sign in to see the final score, the signal, the advice and any improvement deadlines.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
};
