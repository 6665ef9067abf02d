import type { TemplateSet } from './template.js';

/**
 * Mail of identity (src/organisations, src/auth). The invitation carries a one-time link and nothing else:
 * no data of the organisation beyond its name, no confidential content.
 */
export const IDENTITY_TEMPLATES: TemplateSet = {
  'identity.invitation': {
    params: ['name', 'organisationName', 'token', 'validHours'],
    carriesCredential: true,
    nl: {
      subject: 'Ketenkluis: uitnodiging voor {organisationName}',
      text:
        'Beste {name},\n\n' +
        'U bent uitgenodigd om Ketenkluis te gebruiken namens {organisationName}.\n' +
        'Kies via deze link een wachtwoord om uw account te activeren:\n\n' +
        '{publicUrl}/invitation?token={token}\n\n' +
        'De link werkt één keer en verloopt na {validHours} uur. Heeft u deze uitnodiging niet verwacht, negeer dan dit bericht.\n',
    },
    en: {
      subject: 'Ketenkluis: invitation for {organisationName}',
      text:
        'Dear {name},\n\n' +
        'You have been invited to use Ketenkluis on behalf of {organisationName}.\n' +
        'Choose a password through this link to activate your account:\n\n' +
        '{publicUrl}/invitation?token={token}\n\n' +
        'The link works once and expires after {validHours} hours. If you did not expect this invitation, ignore this message.\n',
    },
  },
};
