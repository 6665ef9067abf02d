import type { TemplateSet } from './template.js';

/** Mail of the confidentiality agreements (src/ndas). No confidential content: the reader signs in to see it. */
export const NDAS_TEMPLATES: TemplateSet = {
  'ndas.new-version': {
    params: ['kind'],
    nl: {
      subject: 'Ketenkluis: nieuwe tekst van de vertrouwelijkheidsovereenkomst ({kind})',
      text:
        'Er is een nieuwe versie gepubliceerd van de vertrouwelijkheidsovereenkomst "{kind}" die u eerder ondertekende.\n' +
        'Uw eerdere ondertekening geeft geen toegang meer totdat u de nieuwe tekst ondertekent.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: new text of the confidentiality agreement ({kind})',
      text:
        'A new version of the confidentiality agreement "{kind}" that you signed has been published.\n' +
        'Your earlier signature grants no access until you sign the new text.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
  'ndas.revoked': {
    params: ['kind'],
    nl: {
      subject: 'Ketenkluis: uw ondertekening van de vertrouwelijkheidsovereenkomst ({kind}) is ingetrokken',
      text:
        'Het secretariaat heeft de ondertekening van de vertrouwelijkheidsovereenkomst "{kind}" door uw organisatie ingetrokken.\n' +
        'Deze geeft geen toegang meer. Neem contact op met het secretariaat voor de reden.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: your signature of the confidentiality agreement ({kind}) was revoked',
      text:
        'The secretariat revoked your organisation\'s signature of the confidentiality agreement "{kind}".\n' +
        'It grants no access any more. Contact the secretariat for the reason.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
};
