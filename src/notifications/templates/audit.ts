import type { TemplateSet } from './template.js';

/**
 * Mail of the audit log (src/audit, issue 12, item 7): a signed checkpoint of the chain head, sent to the Kerngroep
 * and the secretariat. Only the head (seq, hash, time) and its signature, never an entry of the log.
 */
export const AUDIT_TEMPLATES: TemplateSet = {
  'audit.checkpoint': {
    params: ['seq', 'statement', 'signature', 'fingerprint', 'jsonLine'],
    nl: {
      subject: 'Ketenkluis: controlepunt van het auditlog (seq {seq})',
      text:
        'Ketenkluis heeft de kop van zijn auditlog ondertekend. Bewaar dit bericht: hiermee kunt u later nagaan dat niemand het log\n' +
        'heeft herschreven, ook niet wie toegang heeft tot de database. Het bevat geen inhoud van het log, alleen de positie (seq),\n' +
        'de hash en het tijdstip, ondertekend met de auditsleutel (Ed25519).\n\n' +
        'Controlepunt (de ondertekende tekst, precies één regel):\n{statement}\n\n' +
        'Handtekening (Ed25519, base64):\n{signature}\n\n' +
        'Vingerafdruk van de publieke sleutel (SHA-256): {fingerprint}\n\n' +
        'Bewaar deze regel in uw bestand met controlepunten (één regel per controlepunt, voor verify-audit --checkpoints):\n{jsonLine}\n\n' +
        'Zelf controleren (met de publieke sleutel van {publicUrl}/api/v1/audit/public-key opgeslagen als audit-public.pem):\n' +
        "  printf '%s' '{statement}' > checkpoint.txt\n" +
        "  printf '%s' '{signature}' | base64 -d > checkpoint.sig\n" +
        '  openssl pkeyutl -verify -pubin -inkey audit-public.pem -rawin -in checkpoint.txt -sigfile checkpoint.sig\n\n' +
        'Open Ketenkluis: {publicUrl}\n',
    },
    en: {
      subject: 'Ketenkluis: audit log checkpoint (seq {seq})',
      text:
        'Ketenkluis signed the head of its audit log. Keep this mail: it lets you check later that nobody rewrote the log, not\n' +
        'even someone with access to the database. It holds nothing of the log\'s content, only its position (seq), its hash and\n' +
        'the time, signed with the audit key (Ed25519).\n\n' +
        'Checkpoint (the signed text, exactly one line):\n{statement}\n\n' +
        'Signature (Ed25519, base64):\n{signature}\n\n' +
        'Public key fingerprint (SHA-256): {fingerprint}\n\n' +
        'Keep this line in your checkpoints file (one line per checkpoint, for verify-audit --checkpoints):\n{jsonLine}\n\n' +
        'Check it yourself (with the public key from {publicUrl}/api/v1/audit/public-key saved as audit-public.pem):\n' +
        "  printf '%s' '{statement}' > checkpoint.txt\n" +
        "  printf '%s' '{signature}' | base64 -d > checkpoint.sig\n" +
        '  openssl pkeyutl -verify -pubin -inkey audit-public.pem -rawin -in checkpoint.txt -sigfile checkpoint.sig\n\n' +
        'Open Ketenkluis: {publicUrl}\n',
    },
  },
};
