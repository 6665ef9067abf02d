import type { TemplateSet } from './template.js';

/**
 * Mail of the confidentiality agreements (src/ndas). No confidential content: the reader signs in to see it. In French
 * and Spanish too: a local partner signs the art-22 clause (issue 14, item 6). `{kind}` is the agreement's name in the
 * reader's language (the caller passes the kind's code; ./values.ts).
 */
export const NDAS_TEMPLATES: TemplateSet = {
  'ndas.new-version': {
    params: ['kind'],
    values: { kind: 'ndaKind' },
    nl: {
      subject: 'Ketenkluis: nieuwe tekst van de {kind}',
      text:
        'Er is een nieuwe versie gepubliceerd van de tekst "{kind}" die u eerder ondertekende.\n' +
        'Uw eerdere ondertekening geeft geen toegang meer totdat u de nieuwe tekst ondertekent.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: new text of the {kind}',
      text:
        'A new version of the {kind} that you signed has been published.\n' +
        'Your earlier signature grants no access until you sign the new text.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    fr: {
      subject: 'Ketenkluis: nouveau texte : {kind}',
      text:
        'Une nouvelle version du texte « {kind} » que vous avez signé a été publiée.\n' +
        'Votre signature précédente ne donne plus accès tant que vous n’avez pas signé le nouveau texte.\n\nOuvrir Ketenkluis : {publicUrl}\n',
    },
    es: {
      subject: 'Ketenkluis: nuevo texto: {kind}',
      text:
        'Se ha publicado una nueva versión del texto «{kind}» que usted firmó.\n' +
        'Su firma anterior ya no da acceso hasta que firme el nuevo texto.\n\nAbrir Ketenkluis: {publicUrl}\n',
    },
  },
  'ndas.revoked': {
    params: ['kind'],
    values: { kind: 'ndaKind' },
    nl: {
      subject: 'Ketenkluis: uw ondertekening is ingetrokken ({kind})',
      text:
        'Het secretariaat heeft de ondertekening van de tekst "{kind}" door uw organisatie ingetrokken.\n' +
        'Deze geeft geen toegang meer. Neem contact op met het secretariaat voor de reden.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: your signature was revoked ({kind})',
      text:
        'The secretariat revoked your organisation\'s signature of the {kind}.\n' +
        'It grants no access any more. Contact the secretariat for the reason.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    fr: {
      subject: 'Ketenkluis: votre signature a été révoquée ({kind})',
      text:
        'Le secrétariat a révoqué la signature du texte « {kind} » par votre organisation.\n' +
        'Elle ne donne plus accès. Contactez le secrétariat pour en connaître la raison.\n\nOuvrir Ketenkluis : {publicUrl}\n',
    },
    es: {
      subject: 'Ketenkluis: se ha revocado su firma ({kind})',
      text:
        'La secretaría ha revocado la firma del texto «{kind}» por parte de su organización.\n' +
        'Ya no da acceso. Póngase en contacto con la secretaría para conocer el motivo.\n\nAbrir Ketenkluis: {publicUrl}\n',
    },
  },
};
