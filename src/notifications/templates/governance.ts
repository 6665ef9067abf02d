import type { TemplateSet } from './template.js';

/**
 * Mail of the Kerngroep's composition and the modules (src/organisations; art. 46-47, 50, 54, 13). It says what was
 * recorded and from when; the decision text itself is read in the service.
 */
export const GOVERNANCE_TEMPLATES: TemplateSet = {
  'governance.seat-assigned': {
    params: ['name', 'position', 'seat', 'organisationName', 'effectiveFrom'],
    values: { position: 'seatPosition', seat: 'constituency' },
    nl: {
      subject: 'Ketenkluis: u bent {position} vertegenwoordiger in de Kerngroep ({seat})',
      text:
        'Beste {name},\n\n' +
        'Het secretariaat heeft vastgelegd dat u vanaf {effectiveFrom} de {position} vertegenwoordiger van {organisationName} bent ' +
        'in de zetel {seat} van de Kerngroep (art. 46-47).\n\nOpen Ketenkluis: {publicUrl}/kerngroep\n',
    },
    en: {
      subject: 'Ketenkluis: you are the {position} representative in the Kerngroep ({seat})',
      text:
        'Dear {name},\n\n' +
        'The secretariat recorded that from {effectiveFrom} you are the {position} representative of {organisationName} ' +
        'in the {seat} seat of the Kerngroep (art. 46-47).\n\nOpen Ketenkluis: {publicUrl}/kerngroep\n',
    },
  },
  'governance.seat-ended': {
    params: ['name', 'seat', 'effectiveFrom'],
    values: { seat: 'constituency' },
    nl: {
      subject: 'Ketenkluis: uw plaats in de Kerngroep ({seat}) eindigt',
      text:
        'Beste {name},\n\n' +
        'Het secretariaat heeft een nieuwe bezetting van de zetel {seat} vastgelegd. Vanaf {effectiveFrom} vertegenwoordigt u deze zetel niet meer. ' +
        'Lopende stemmingen houden de bezetting waarmee zij begonnen, tenzij de wijziging anders zegt.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: your place in the Kerngroep ({seat}) ends',
      text:
        'Dear {name},\n\n' +
        'The secretariat recorded a new composition of the {seat} seat. From {effectiveFrom} you no longer represent this seat. ' +
        'Open votes keep the holders they started with, unless the change says otherwise.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
  'governance.chair-appointed': {
    params: ['name', 'effectiveFrom'],
    nl: {
      subject: 'Ketenkluis: u bent voorzitter van de Kerngroep',
      text:
        'Beste {name},\n\n' +
        'Op voordracht van de SER en na bevestiging door de Kerngroep (art. 54) bent u vanaf {effectiveFrom} voorzitter van de Kerngroep. ' +
        'U bewaakt het proces van de vergaderingen en heeft geen stemrecht (art. 50).\n\nOpen Ketenkluis: {publicUrl}/kerngroep\n',
    },
    en: {
      subject: 'Ketenkluis: you chair the Kerngroep',
      text:
        'Dear {name},\n\n' +
        'Proposed by the SER and confirmed by the Kerngroep (art. 54), you chair the Kerngroep from {effectiveFrom}. ' +
        'You watch over the meetings\' process and have no vote (art. 50).\n\nOpen Ketenkluis: {publicUrl}/kerngroep\n',
    },
  },
  'governance.chair-ended': {
    params: ['name', 'effectiveFrom'],
    nl: {
      subject: 'Ketenkluis: uw voorzitterschap van de Kerngroep eindigt',
      text: 'Beste {name},\n\nHet secretariaat heeft een nieuwe voorzitter van de Kerngroep vastgelegd, vanaf {effectiveFrom}.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: your chairing of the Kerngroep ends',
      text: 'Dear {name},\n\nThe secretariat recorded a new chair of the Kerngroep, from {effectiveFrom}.\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
};
