import { createHmac, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// no 0/O, 1/I/L: read aloud and typed from paper
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten codes of 12 symbols (~59 bits each), shown once as `XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const s = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
  });
}

/** What a typed code is compared as: upper case, without spaces or dashes. */
export const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/**
 * The stored form: HMAC-SHA256 under a key derived from JWT_SECRET, bound to the person. The codes carry ~59 bits of
 * randomness each, so a fast keyed hash suffices (no dictionary to try; Argon2id is for chosen passwords), and a
 * copy of the table without the key tells nothing.
 */
export function hashRecoveryCode(key: Buffer, personId: string, code: string): Buffer {
  return createHmac('sha256', key).update(`${personId}\0${normaliseRecoveryCode(code)}`).digest();
}
