import type { MailTemplate, TemplateSet } from './template.js';

/**
 * Mail of the Kerngroep and the tracked cases (issue 6). Mail only says that something happened and links to the
 * case; it never names a company, a supplier or a vote (art. 22: confidentiality; art. 48: closed meetings).
 */
const link = '{publicUrl}/cases/{caseId}';
const t = (params: string[], nlSubject: string, nlText: string, enSubject: string, enText: string): MailTemplate => ({
  params,
  nl: { subject: `Ketenkluis: ${nlSubject}`, text: `${nlText}\n\nOpen de zaak: ${link}\n` },
  en: { subject: `Ketenkluis: ${enSubject}`, text: `${enText}\n\nOpen the case: ${link}\n` },
});

/**
 * French and Spanish of the mail a requester or the local partner a case is for receives (issue 14, item 6): the
 * partners in DR Congo and Bolivia. The other case mail goes to parties and the Kerngroep only (English fallback).
 */
const FR_ES: Record<string, { fr: [subject: string, text: string]; es: [subject: string, text: string] }> = {
  'cases.ruling-decided': {
    fr: ['décision sur votre dossier', 'Le Kerngroep a pris une décision sur le dossier : {outcome}.'],
    es: ['decisión sobre su caso', 'El Kerngroep ha tomado una decisión sobre el caso: {outcome}.'],
  },
  'cases.clause-required': {
    fr: ['signez la clause de confidentialité', 'Le cycle de consentement est clos. Signez la clause de confidentialité standard (art. 22) pour ouvrir l’accès.'],
    es: ['firme la cláusula de confidencialidad', 'La ronda de consentimiento se ha cerrado. Firme la cláusula de confidencialidad estándar (art. 22) para abrir el acceso.'],
  },
  'cases.access-opened': {
    fr: ['accès ouvert jusqu’au {closesAt}', 'Vous avez accès aux données de ce dossier jusqu’au {closesAt}. Chaque consultation est enregistrée.'],
    es: ['acceso abierto hasta el {closesAt}', 'Tiene acceso a los datos de este caso hasta el {closesAt}. Cada consulta queda registrada.'],
  },
  'cases.access-reminder': {
    fr: ['l’accès se ferme le {closesAt}', 'La fenêtre d’accès de ce dossier se ferme le {closesAt}.'],
    es: ['el acceso se cierra el {closesAt}', 'El periodo de acceso de este caso se cierra el {closesAt}.'],
  },
  'cases.access-closed': {
    fr: ['fenêtre d’accès fermée', 'La fenêtre d’accès de ce dossier est terminée.'],
    es: ['periodo de acceso cerrado', 'El periodo de acceso de este caso ha terminado.'],
  },
  'cases.message': {
    fr: ['nouveau message dans le dialogue', 'Il y a un nouveau message dans le dialogue de ce dossier.'],
    es: ['nuevo mensaje en el diálogo', 'Hay un nuevo mensaje en el diálogo de este caso.'],
  },
  'cases.closed': {
    fr: ['dossier clos', 'Le dossier a été clos : {resolution}.'],
    es: ['caso cerrado', 'El caso se ha cerrado: {resolution}.'],
  },
};
const partner = (name: string, template: MailTemplate): MailTemplate => {
  const x = FR_ES[name];
  if (!x) return template;
  return {
    ...template,
    fr: { subject: `Ketenkluis: ${x.fr[0]}`, text: `${x.fr[1]}\n\nOuvrir le dossier : ${link}\n` },
    es: { subject: `Ketenkluis: ${x.es[0]}`, text: `${x.es[1]}\n\nAbrir el caso: ${link}\n` },
  };
};

const BASE: TemplateSet = {
  'cases.ruling-opened': t(['caseId'], 'de Kerngroep beslist over een zaak', 'Er ligt een zaak ter besluitvorming bij de Kerngroep (art. 49).', 'the Kerngroep is asked to rule on a case', 'A case awaits a ruling of the Kerngroep (art. 49).'),
  'cases.substitute-appointed': t(['caseId'], 'u vervangt een lid van de Kerngroep', 'De voorzitter heeft uw organisatie aangewezen om in deze zaak de zetel van uw geleding in te nemen (art. 84).', 'you replace a Kerngroep member', 'The chair appointed your organisation to take your constituency\'s seat in this case (art. 84).'),
  'cases.escalated': t(['caseId'], 'stemming in de Sectormodule Vergadering', 'De Kerngroep kwam niet tot een meerderheid; de Sectormodule Vergadering beslist met meerderheid van stemmen (art. 49). Uw organisatie heeft één stem.', 'vote in the Sectormodule Vergadering', 'The Kerngroep reached no majority; the Sectormodule Vergadering decides by majority (art. 49). Your organisation has one vote.'),
  'cases.vote-reminder': t(['caseId', 'deadline'], 'herinnering: stem vóór {deadline}', 'Uw stem over deze zaak is nog niet uitgebracht. De stemming sluit op {deadline} (art. 49); onthouden telt als gestemd.', 'reminder: vote before {deadline}', 'Your vote on this case has not been cast yet. The vote closes on {deadline} (art. 49); abstaining counts as having voted.'),
  'cases.vote-deadline-passed': t(['caseId'], 'de stemtermijn is verstreken', 'De termijn van de stemming over deze zaak is verstreken. De voorzitter kan de stemming nu sluiten; de uitgebrachte stemmen tellen (art. 49).', 'the voting deadline has passed', 'The deadline of the vote on this case has passed. The chair can now close the vote; the votes cast count (art. 49).'),
  'cases.ruling-decided': { ...t(['caseId', 'outcome'], 'besluit over uw zaak', 'De Kerngroep heeft over de zaak besloten: {outcome}.', 'decision on your case', 'The Kerngroep has decided the case: {outcome}.'), values: { outcome: 'outcome' } },
  'cases.consent-requested': t(['caseId', 'deadline'], 'verzoek om toestemming (art. 22)', 'Een verzoek om inzage (art. 22) betreft productielocaties op uw lijst. Geef vóór {deadline} toestemming of beperk de inzage tot land- of regioniveau. Zonder antwoord geldt geen toestemming.', 'request for consent (art. 22)', 'A disclosure request (art. 22) concerns production locations on your list. Approve, or restrict it to country or region level, before {deadline}. Without an answer there is no consent.'),
  'cases.consent-reminder': t(['caseId', 'deadline'], 'herinnering: toestemming vóór {deadline}', 'U heeft nog niet geantwoord op een verzoek om toestemming (art. 22). De termijn loopt af op {deadline}.', 'reminder: consent before {deadline}', 'You have not yet answered a request for consent (art. 22). The deadline is {deadline}.'),
  'cases.clause-required': t(['caseId'], 'onderteken de vertrouwelijkheidsclausule', 'De toestemmingsronde is afgesloten. Onderteken de standaard vertrouwelijkheidsclausule (art. 22) om de inzage te openen.', 'sign the confidentiality clause', 'The consent round has closed. Sign the standard confidentiality clause (art. 22) to open access.'),
  'cases.access-opened': t(['caseId', 'closesAt'], 'inzage geopend tot {closesAt}', 'U heeft inzage in de gegevens van deze zaak tot {closesAt}. Elke raadpleging wordt vastgelegd.', 'access open until {closesAt}', 'You have access to the data of this case until {closesAt}. Every view is recorded.'),
  'cases.access-reminder': t(['caseId', 'closesAt'], 'inzage sluit op {closesAt}', 'De inzagetermijn van deze zaak sluit op {closesAt}.', 'access closes at {closesAt}', 'The access window of this case closes at {closesAt}.'),
  'cases.access-closed': t(['caseId'], 'inzagetermijn gesloten', 'De inzagetermijn van deze zaak is verstreken.', 'access window closed', 'The access window of this case has ended.'),
  'cases.report-filed': t(['caseId'], 'melding van risico\'s bij leveranciers', 'Er is een melding gedaan van risico\'s of schendingen bij leveranciers (art. 22). Bevestig de betrokken bedrijven.', 'report of risks at suppliers', 'Risks or violations at suppliers were reported (art. 22). Confirm the companies concerned.'),
  'cases.brokered': t(['caseId'], 'melding over een leverancier van uw bedrijf', 'Het secretariaat wijst u op een melding over een leverancier waarvan u afneemt, en brengt de dialoog met de betrokken partijen tot stand (art. 22).', 'report about one of your suppliers', 'The secretariat points you to a report about a supplier you source from and sets up the dialogue with the parties concerned (art. 22).'),
  'cases.message': t(['caseId'], 'nieuw bericht in de dialoog', 'Er is een nieuw bericht in de dialoog van deze zaak.', 'new message in the dialogue', 'There is a new message in the dialogue of this case.'),
  'cases.closed': { ...t(['caseId', 'resolution'], 'zaak gesloten', 'De zaak is gesloten: {resolution}.', 'case closed', 'The case has been closed: {resolution}.'), values: { resolution: 'resolution' } },
  'cases.improvement-reminder': t(['caseId', 'dueAt'], 'verbetertermijn loopt af op {dueAt}', 'De verbetertermijn in deze klachtzaak loopt af op {dueAt}.', 'improvement period ends {dueAt}', 'The improvement period of this complaint ends at {dueAt}.'),
  'cases.improvement-ended': t(['caseId'], 'verbetertermijn verstreken', 'De verbetertermijn in deze klachtzaak is verstreken; het secretariaat volgt de zaak op.', 'improvement period ended', 'The improvement period of this complaint has ended; the secretariat follows up.'),
};

export const CASES_TEMPLATES: TemplateSet = Object.fromEntries(Object.entries(BASE).map(([name, template]) => [name, partner(name, template)]));
