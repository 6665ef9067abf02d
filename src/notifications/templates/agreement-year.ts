import type { TemplateSet } from './template.js';

/** Mail of the agreement calendar (issue 15, item 1): the year or round and the date, a link; never list contents or scores. */
export const AGREEMENT_YEAR_TEMPLATES: TemplateSet = {
  'agreement-year.list-reminder': {
    params: ['year', 'deadline'],
    nl: {
      subject: 'Ketenkluis: productielocatielijst {year} uiterlijk {deadline}',
      text:
        'Bedrijven leveren jaarlijks hun productielocatielijst aan bij het secretariaat (art. 17-18).\n' +
        'De lijst van uw organisatie voor {year} verwachten we uiterlijk op {deadline}.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: production-location list {year} due by {deadline}',
      text:
        'Companies give the secretariat their production-location list every year (art. 17-18).\n' +
        "Your organisation's list for {year} is due by {deadline}.\n\nOpen Ketenkluis: {publicUrl}\n",
    },
  },
  'agreement-year.list-overdue': {
    params: ['year', 'deadline'],
    nl: {
      subject: 'Ketenkluis: productielocatielijst {year} is te laat',
      text:
        'De productielocatielijst van uw organisatie voor {year} was uiterlijk {deadline} verwacht (art. 17-18) en is nog niet binnen.\n' +
        'Het secretariaat ziet dat de lijst te laat is. U kunt hem nog steeds aanleveren.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: production-location list {year} is overdue',
      text:
        "Your organisation's production-location list for {year} was due by {deadline} (art. 17-18) and has not come in.\n" +
        'The secretariat sees that it is overdue. You can still upload it.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
  'agreement-year.round-reminder': {
    params: ['round', 'deadline'],
    values: { round: 'round' },
    nl: {
      subject: 'Ketenkluis: monitoringronde "{round}" uiterlijk {deadline}',
      text:
        'In de monitoringronde "{round}" vult uw organisatie de monitoring tool in (art. 9-10).\n' +
        'De ronde sluit op {deadline}.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: monitoring round "{round}" due by {deadline}',
      text: 'In the monitoring round "{round}" your organisation fills in the monitoring tool (art. 9-10).\n' + 'The round closes on {deadline}.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
  'agreement-year.round-overdue': {
    params: ['round', 'deadline'],
    values: { round: 'round' },
    nl: {
      subject: 'Ketenkluis: monitoringronde "{round}" is te laat',
      text:
        'De monitoringronde "{round}" van uw organisatie had uiterlijk {deadline} afgerond moeten zijn (art. 9-10).\n' +
        'Het secretariaat ziet dat de ronde te laat is.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: monitoring round "{round}" is overdue',
      text: 'Your organisation\'s monitoring round "{round}" was due by {deadline} (art. 9-10).\n' + 'The secretariat sees that it is overdue.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
};
