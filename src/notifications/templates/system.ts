import type { TemplateSet } from './template.js';

/** Templates of the mail module itself (used by tests and operators to check delivery). */
export const SYSTEM_TEMPLATES: TemplateSet = {
  'system.test': {
    params: ['reference'],
    nl: {
      subject: 'Ketenkluis: testbericht {reference}',
      text: 'Dit is een testbericht van Ketenkluis (referentie {reference}).\n\nOpen Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: test message {reference}',
      text: 'This is a test message from Ketenkluis (reference {reference}).\n\nOpen Ketenkluis: {publicUrl}\n',
    },
  },
};
