import type { TemplateSet } from './template.js';

/** Mail of monitoring (src/monitoring). Never a score, signal or advice: the reader signs in to see the result. */
export const MONITORING_TEMPLATES: TemplateSet = {
  'monitoring.result-stored': {
    params: ['round'],
    values: { round: 'round' },
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
  // Art. 11, issue 6 item 6: sent by the deadline scheduler; the deadline and a link, never which score.
  'monitoring.improvement-reminder': {
    params: ['round', 'deadline'],
    values: { round: 'round' },
    nl: {
      subject: 'Ketenkluis: verbetertermijn loopt af op {deadline}',
      text:
        'Uit het monitoringresultaat van uw organisatie voor de ronde "{round}" volgde een verbetertermijn van drie maanden (art. 11).\n' +
        'Die termijn loopt af op {deadline}. Daarna kijkt het secretariaat of de verbetering er is.\n' +
        'U vindt de onderdelen en hun termijnen in Ketenkluis.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: improvement period ends on {deadline}',
      text:
        'Your organisation\'s monitoring result for the round "{round}" opened a three-month improvement period (art. 11).\n' +
        'That period ends on {deadline}. After it, the secretariat checks whether the improvement was made.\n' +
        'Sign in to see the sections and their deadlines.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
  'monitoring.improvement-period-ended': {
    params: ['round'],
    values: { round: 'round' },
    nl: {
      subject: 'Ketenkluis: verbetertermijn verstreken, opvolging nodig',
      text:
        'De verbetertermijn (art. 11) van een monitoringresultaat uit de ronde "{round}" is verstreken.\n' +
        'Er staat een opvolgtaak voor het secretariaat klaar bij de monitoring-opvolging in Ketenkluis.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: improvement period ended, follow-up needed',
      text:
        'The improvement period (art. 11) of a monitoring result of the round "{round}" has ended.\n' +
        'A follow-up task for the secretariat is waiting under monitoring follow-ups in Ketenkluis.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
};
