import type { MailTemplate, TemplateSet } from './template.js';

/**
 * Mail about who takes part (art. 69-77) and complaint admissibility (art. 83-86). Organisation names are no secret
 * among the participants (every signed-in person sees the list of organisations); the mail names no motivation,
 * no vote and no confidential data, and links to the service.
 */
const t = (params: string[], path: string, nlSubject: string, nlText: string, enSubject: string, enText: string): MailTemplate => ({
  params,
  nl: { subject: `Ketenkluis: ${nlSubject}`, text: `${nlText}\n\nOpen Ketenkluis: {publicUrl}${path}\n` },
  en: { subject: `Ketenkluis: ${enSubject}`, text: `${enText}\n\nOpen Ketenkluis: {publicUrl}${path}\n` },
});

/** Params that carry a fixed value's code, worded per language (./values.ts). */
const withValues = (values: MailTemplate['values'], template: MailTemplate): MailTemplate => ({ ...template, values });

export const MEMBERSHIP_TEMPLATES: TemplateSet = {
  'membership.notice-given': t(['organisation', 'effectiveAt'], '/my-organisation',
    'opzegging door {organisation}', '{organisation} heeft haar deelname aan de Sectorovereenkomst opgezegd (art. 73). De opzegging gaat in op {effectiveAt}; tot die datum behoudt zij haar rechten en plichten (art. 74-75).',
    'notice given by {organisation}', '{organisation} has given notice of its participation in the agreement (art. 73). It takes effect on {effectiveAt}; until then it keeps its rights and duties (art. 74-75).'),
  'membership.reminder': t(['caseId'], '/cases/{caseId}',
    'herinnering aan een uitspraak van de Kerngroep', 'De Kerngroep herinnert uw organisatie aan een uitspraak die zij nog niet heeft opgevolgd (art. 76). Blijft opvolging uit, dan kan de Kerngroep besluiten uw organisatie uit de Sectorovereenkomst te verwijderen.',
    'reminder of a Kerngroep ruling', 'The Kerngroep reminds your organisation of a ruling it has not yet followed (art. 76). If it is still not followed, the Kerngroep may decide to remove your organisation from the agreement.'),
  'membership.removal-decided': t(['organisation', 'effectiveAt', 'dutiesUntil'], '/membership',
    'de Kerngroep verwijdert {organisation}', 'De Kerngroep heeft besloten {organisation} uit de Sectorovereenkomst te verwijderen (art. 76-77). Het besluit gaat in op {effectiveAt}; de partij blijft aan haar verplichtingen voldoen tot en met {dutiesUntil}. De korte toelichting staat in Ketenkluis.',
    'the Kerngroep removes {organisation}', 'The Kerngroep has decided to remove {organisation} from the agreement (art. 76-77). It takes effect on {effectiveAt}; the party keeps its duties until {dutiesUntil}. The short explanation is in Ketenkluis.'),
  'membership.effective': withValues({ kind: 'membershipEnd' }, t(['organisation', 'kind'], '/secretariat/membership',
    '{organisation} neemt niet langer deel', 'De {kind} van {organisation} is ingegaan: haar mensen hebben geen toegang meer, zij heeft haar zetels en open stemmingen verlaten en haar gegevens tellen niet meer mee in geaggregeerde overzichten.',
    '{organisation} no longer takes part', 'The {kind} of {organisation} has taken effect: its people no longer have access, it has left its seats and open votes, and its data no longer counts in aggregated outputs.')),
  'membership.seat-vacated': withValues({ seat: 'constituency' }, t(['seat', 'caseId'], '/cases/{caseId}',
    'zetel {seat} vrijgekomen in een lopende stemming', 'De houder van de zetel {seat} neemt niet langer deel. Voor de lopende stemming is een andere partij uit dezelfde geleding als vervanger aangewezen (art. 84); de voorzitter kan een andere aanwijzen zolang de zetel niet heeft gestemd.',
    'seat {seat} fell vacant in an open vote', 'The holder of the {seat} seat no longer takes part. For the open vote another party of the same constituency was appointed as substitute (art. 84); the chair may appoint another while the seat has not voted.')),
  'membership.shred-warning': t(['organisation', 'shredAt'], '/secretariat/membership',
    'gegevens van {organisation} worden vernietigd op {shredAt}', 'De bewaartermijn van de gegevens van {organisation}, die niet langer deelneemt, loopt af. Op {shredAt} worden haar datasleutels vernietigd: haar versleutelde gegevens zijn daarna voorgoed onleesbaar.',
    'data of {organisation} will be shredded on {shredAt}', 'The retention period of the data of {organisation}, which no longer takes part, ends. On {shredAt} its data keys are destroyed: its encrypted data can never be read again after that.'),
  'membership.shredded': t(['organisation'], '/secretariat/membership',
    'gegevens van {organisation} vernietigd', 'De datasleutels van {organisation} zijn vernietigd na de bewaartermijn; haar versleutelde gegevens zijn voorgoed onleesbaar.',
    'data of {organisation} shredded', 'The data keys of {organisation} were destroyed after the retention period; its encrypted data can never be read again.'),
  'membership.accession-informed': t(['name'], '/membership',
    'voorgenomen toetreding van {name}', '{name} wil toetreden tot de Sectorovereenkomst (art. 70). U kunt de motivatiebrief lezen en vragen stellen (art. 71); daarna beoordeelt de Kerngroep het verzoek (art. 72).',
    'intended accession of {name}', '{name} wants to join the agreement (art. 70). You can read its motivation letter and ask questions (art. 71); then the Kerngroep assesses the request (art. 72).'),
  'membership.accession-question': t(['name'], '/secretariat/membership',
    'vraag over de toetreding van {name}', 'Een partij heeft een vraag gesteld over het verzoek tot toetreding van {name} (art. 71).',
    'question about the accession of {name}', 'A party asked a question about the request to join of {name} (art. 71).'),
  'membership.accession-received': t(['name'], '/secretariat/membership',
    'verzoek tot toetreding ontvangen: {name}', 'Er is een verzoek tot toetreding ontvangen van {name} (art. 70). Informeer de partijen voordat de Kerngroep het beoordeelt (art. 71).',
    'request to join received: {name}', 'A request to join was received from {name} (art. 70). Inform the parties before the Kerngroep assesses it (art. 71).'),
};

/**
 * A complaint (art. 83) may come from a local partner: its admissibility mail is in French and Spanish too (issue 14,
 * item 6).
 */
const complaint = (base: MailTemplate, fr: [string, string], es: [string, string]): MailTemplate => ({
  ...base,
  fr: { subject: `Ketenkluis: ${fr[0]}`, text: `${fr[1]}\n\nOuvrir Ketenkluis : {publicUrl}/cases/{caseId}\n` },
  es: { subject: `Ketenkluis: ${es[0]}`, text: `${es[1]}\n\nAbrir Ketenkluis: {publicUrl}/cases/{caseId}\n` },
});

MEMBERSHIP_TEMPLATES['cases.complaint-admissible'] = complaint(
  t(['caseId'], '/cases/{caseId}',
    'klacht ontvankelijk verklaard', 'De klacht gaat over het uitblijven van voortgang (art. 83) en is ontvankelijk verklaard; de Kerngroep beslist erover (art. 84).',
    'complaint declared admissible', 'The complaint is about lack of progress (art. 83) and was declared admissible; the Kerngroep decides on it (art. 84).'),
  ['plainte déclarée recevable', 'La plainte porte sur l’absence de progrès (art. 83) et a été déclarée recevable ; le Kerngroep statue sur celle-ci (art. 84).'],
  ['queja declarada admisible', 'La queja se refiere a la falta de avances (art. 83) y ha sido declarada admisible; el Kerngroep decide sobre ella (art. 84).'],
);
MEMBERSHIP_TEMPLATES['cases.complaint-not-admissible'] = complaint(
  t(['caseId'], '/cases/{caseId}',
    'klacht niet ontvankelijk verklaard', 'Klachten in de Sectorovereenkomst gaan alleen over het uitblijven van voortgang van een deelnemend bedrijf (art. 83); uw klacht is niet ontvankelijk verklaard. Voor een vermeende schending in een toeleveringsketen kunt u terecht bij het klachtenmechanisme van het bedrijf zelf (art. 85) of bij het Nationaal Contactpunt OESO-richtlijnen (art. 86). De reden en de verwijzing staan bij de zaak.',
    'complaint declared not admissible', 'Complaints under the agreement concern only the lack of progress of a participating company (art. 83); your complaint was declared not admissible. For an alleged violation in a supply chain, turn to the company\'s own grievance mechanism (art. 85) or the National Contact Point for the OECD Guidelines (art. 86). The reason and where to go are shown with the case.'),
  ['plainte déclarée irrecevable', 'Les plaintes au titre de l’accord portent uniquement sur l’absence de progrès d’une entreprise participante (art. 83) ; votre plainte a été déclarée irrecevable. Pour une violation présumée dans une chaîne d’approvisionnement, adressez-vous au mécanisme de plainte de l’entreprise elle-même (art. 85) ou au Point de contact national pour les Principes directeurs de l’OCDE (art. 86). La raison et l’orientation figurent dans le dossier.'],
  ['queja declarada no admisible', 'Las quejas en el marco del acuerdo se refieren solo a la falta de avances de una empresa participante (art. 83); su queja ha sido declarada no admisible. Para una presunta violación en una cadena de suministro, diríjase al mecanismo de quejas de la propia empresa (art. 85) o al Punto Nacional de Contacto para las Directrices de la OCDE (art. 86). El motivo y la orientación figuran en el caso.'],
);
