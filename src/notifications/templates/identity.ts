import type { TemplateSet } from './template.js';

/**
 * Mail of identity (src/organisations, src/auth). The invitation carries a one-time link and nothing else:
 * no data of the organisation beyond its name, no confidential content. An invitation to an address that already has
 * an account goes to that account's owner instead, without a link (issue 12, part 5). Each in French and Spanish too:
 * local partners receive them (issue 14, item 6).
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
    fr: {
      subject: 'Ketenkluis: invitation pour {organisationName}',
      text:
        'Bonjour {name},\n\n' +
        'Vous êtes invité(e) à utiliser Ketenkluis au nom de {organisationName}.\n' +
        'Choisissez un mot de passe par ce lien pour activer votre compte :\n\n' +
        '{publicUrl}/invitation?token={token}\n\n' +
        'Le lien fonctionne une seule fois et expire après {validHours} heures. Si vous n’attendiez pas cette invitation, ignorez ce message.\n',
    },
    es: {
      subject: 'Ketenkluis: invitación para {organisationName}',
      text:
        'Estimado/a {name}:\n\n' +
        'Ha sido invitado/a a usar Ketenkluis en nombre de {organisationName}.\n' +
        'Elija una contraseña con este enlace para activar su cuenta:\n\n' +
        '{publicUrl}/invitation?token={token}\n\n' +
        'El enlace funciona una sola vez y caduca después de {validHours} horas. Si no esperaba esta invitación, ignore este mensaje.\n',
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
    fr: {
      subject: 'Ketenkluis: invitation pour {organisationName}',
      text:
        'Bonjour {name},\n\n' +
        'Vous êtes invité(e) à utiliser Ketenkluis au nom de {organisationName}, mais un compte existe déjà avec cette adresse e-mail.\n' +
        'Aucun nouveau compte n’a donc été créé. Connectez-vous avec votre propre mot de passe :\n\n' +
        '{publicUrl}\n\n' +
        'Si vous devez agir au nom de {organisationName}, contactez le secrétariat. Si vous n’attendiez pas cette invitation, ignorez ce message.\n',
    },
    es: {
      subject: 'Ketenkluis: invitación para {organisationName}',
      text:
        'Estimado/a {name}:\n\n' +
        'Ha sido invitado/a a usar Ketenkluis en nombre de {organisationName}, pero ya existe una cuenta con esta dirección de correo electrónico.\n' +
        'Por eso no se ha creado una cuenta nueva. Inicie sesión con su propia contraseña:\n\n' +
        '{publicUrl}\n\n' +
        'Si debe actuar en nombre de {organisationName}, póngase en contacto con la secretaría. Si no esperaba esta invitación, ignore este mensaje.\n',
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
    fr: {
      subject: 'Ketenkluis: votre second facteur a été réinitialisé',
      text:
        'Bonjour {name},\n\n' +
        'À votre demande, le secrétariat a supprimé votre second facteur (application d’authentification, clés d’accès et codes de récupération).\n' +
        'Vos sessions ont pris fin. Connectez-vous avec votre mot de passe et configurez tout de suite un nouveau second facteur :\n\n' +
        '{publicUrl}\n\n' +
        'Si vous ne l’avez pas demandé, contactez immédiatement le secrétariat.\n',
    },
    es: {
      subject: 'Ketenkluis: su segundo factor se ha restablecido',
      text:
        'Estimado/a {name}:\n\n' +
        'A petición suya, la secretaría ha eliminado su segundo factor (aplicación de autenticación, llaves de acceso y códigos de recuperación).\n' +
        'Sus sesiones han terminado. Inicie sesión con su contraseña y configure enseguida un nuevo segundo factor:\n\n' +
        '{publicUrl}\n\n' +
        'Si no lo ha pedido, póngase en contacto con la secretaría de inmediato.\n',
    },
  },
};
