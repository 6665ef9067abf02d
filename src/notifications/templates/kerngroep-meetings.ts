import type { TemplateSet } from './template.js';

/**
 * Mail of the Kerngroep's meetings (art. 48): a request to attend for the chair, and the chair's answer for the
 * requester. The answer carries the chair's reason, written for the requester; nothing about the meeting's matters.
 */
export const KERNGROEP_MEETING_TEMPLATES: TemplateSet = {
  'kerngroep.attendance-requested': {
    params: ['meetingDate'],
    nl: {
      subject: 'Ketenkluis: verzoek om de Kerngroep-vergadering van {meetingDate} bij te wonen',
      text:
        'Er is een verzoek ingediend om de vergadering van de Kerngroep op {meetingDate} bij te wonen. ' +
        'Als voorzitter beslist u erover (art. 48).\n\nOpen Ketenkluis: {publicUrl}/kerngroep/meetings\n',
    },
    en: {
      subject: 'Ketenkluis: request to attend the Kerngroep meeting of {meetingDate}',
      text:
        'Someone asked to attend the meeting of the Kerngroep on {meetingDate}. As the chair, you decide (art. 48).\n\n' +
        'Open Ketenkluis: {publicUrl}/kerngroep/meetings\n',
    },
  },
  'kerngroep.attendance-allowed': {
    params: ['name', 'meetingDate', 'reason'],
    nl: {
      subject: 'Ketenkluis: u kunt de Kerngroep-vergadering van {meetingDate} bijwonen',
      text:
        'Beste {name},\n\nDe voorzitter van de Kerngroep heeft uw verzoek toegestaan: u kunt aansluiten bij de vergadering op {meetingDate} (art. 48).\n\n' +
        'Toelichting van de voorzitter: {reason}\n\nHet secretariaat laat u weten waar en hoe laat.\n',
    },
    en: {
      subject: 'Ketenkluis: you may attend the Kerngroep meeting of {meetingDate}',
      text:
        'Dear {name},\n\nThe chair of the Kerngroep allowed your request: you may join the meeting on {meetingDate} (art. 48).\n\n' +
        'The chair’s note: {reason}\n\nThe secretariat will tell you where and when.\n',
    },
  },
  'kerngroep.attendance-refused': {
    params: ['name', 'meetingDate', 'reason'],
    nl: {
      subject: 'Ketenkluis: uw verzoek om de Kerngroep-vergadering van {meetingDate} bij te wonen',
      text:
        'Beste {name},\n\nDe voorzitter van de Kerngroep heeft uw verzoek om de vergadering op {meetingDate} bij te wonen afgewezen (art. 48).\n\n' +
        'Reden: {reason}\n',
    },
    en: {
      subject: 'Ketenkluis: your request to attend the Kerngroep meeting of {meetingDate}',
      text:
        'Dear {name},\n\nThe chair of the Kerngroep refused your request to attend the meeting on {meetingDate} (art. 48).\n\n' +
        'Reason: {reason}\n',
    },
  },
};
