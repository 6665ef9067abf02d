import type { TemplateSet } from './template.js';

/**
 * Mail of identity (src/organisations, src/auth). The invitation carries a one-time link and nothing else:
 * no data of the organisation beyond its name, no confidential content. An invitation to an address that already has
 * an account goes to that account's owner instead, without a link (issue 12, part 5).
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
  'identity.invitation-existing-account': {
    params: ['name', 'organisationName'],
    nl: {
      subject: 'Ketenkluis: uitnodiging voor {organisationName}',
      text:
        'Beste {name},\n\n' +
        'U bent uitgenodigd om Ketenkluis te gebruiken namens {organisationName}, maar met dit e-mailadres bestaat al een account.\n' +
        'Er is daarom geen nieuw account gemaakt. Meld u aan met uw eigen wachtwoord:\n\n' +
        '{publicUrl}\n\n' +
        'Moet u namens {organisationName} werken, neem dan contact op met het secretariaat. Heeft u deze uitnodiging niet verwacht, negeer dan dit bericht.\n',
    },
    en: {
      subject: 'Ketenkluis: invitation for {organisationName}',
      text:
        'Dear {name},\n\n' +
        'You have been invited to use Ketenkluis on behalf of {organisationName}, but an account with this email address already exists.\n' +
        'No new account was made. Sign in with your own password:\n\n' +
        '{publicUrl}\n\n' +
        'If you need to act on behalf of {organisationName}, contact the secretariat. If you did not expect this invitation, ignore this message.\n',
    },
  },
  // issue 17: the secretariat reset the person's second factors (lost phone); no link beyond the service's address
  'identity.second-factor-reset': {
    params: ['name'],
    nl: {
      subject: 'Ketenkluis: uw tweede factor is opnieuw ingesteld',
      text:
        'Beste {name},\n\n' +
        'Het secretariaat heeft op uw verzoek uw tweede factor (authenticator-app, passkeys en herstelcodes) verwijderd.\n' +
        'Uw sessies zijn beëindigd. Meld u aan met uw wachtwoord en stel meteen een nieuwe tweede factor in:\n\n' +
        '{publicUrl}\n\n' +
        'Heeft u hier niet om gevraagd, neem dan direct contact op met het secretariaat.\n',
    },
    en: {
      subject: 'Ketenkluis: your second factor was reset',
      text:
        'Dear {name},\n\n' +
        'At your request the secretariat removed your second factor (authenticator app, passkeys and recovery codes).\n' +
        'Your sessions have ended. Sign in with your password and set up a new second factor right away:\n\n' +
        '{publicUrl}\n\n' +
        'If you did not ask for this, contact the secretariat at once.\n',
    },
  },
};
