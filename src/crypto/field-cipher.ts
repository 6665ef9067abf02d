import { sodium } from './sodium.js';
import { randomBytesFast } from './random.js';

/**
 * Field encryption (DESIGN.md, Security design; issue 5 item 2): XChaCha20-Poly1305-IETF per field with the
 * owning company's data key.
 *
 * A sealed value is `0x01 | keyVersion (uint32, big endian) | nonce (24 bytes) | ciphertext + tag (16 bytes)`.
 * The first five bytes (format and data-key version) are readable without a key, so a reader knows which
 * version of the company's data key to fetch, and a rotation knows which rows still need re-encrypting.
 *
 * The associated data binds the ciphertext to where it lives: the header, the table, the column, the row id and
 * the owning organisation. Copying a ciphertext into another row, another column or another company's row makes
 * the tag check fail, as does changing the recorded key version.
 */
export type Sealed = Buffer & { readonly __sealed: unique symbol };

export interface FieldLocation {
  table: string;
  column: string;
  rowId: string;
  ownerId: string;
}

const FORMAT = 0x01;
const HEADER = 5;
const NONCE = 24; // crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
const TAG = 16;
export const DATA_KEY_BYTES = 32;

export class FieldDecryptionError extends Error {
  constructor(reason: string) {
    // Never carries the value or the key: only what went wrong.
    super(`sealed field cannot be opened: ${reason}`);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function associatedData(header: Uint8Array, at: FieldLocation): Uint8Array {
  const text = encoder.encode(`ketenkluis/field/v1\0${at.table}\0${at.column}\0${at.rowId}\0${at.ownerId}`);
  const ad = new Uint8Array(HEADER + text.length);
  ad.set(header, 0);
  ad.set(text, HEADER);
  return ad;
}

function header(keyVersion: number): Uint8Array {
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > 0xffff_ffff) throw new Error('bad key version');
  const h = new Uint8Array(HEADER);
  h[0] = FORMAT;
  new DataView(h.buffer).setUint32(1, keyVersion, false);
  return h;
}

export function sealField(dataKey: Uint8Array, keyVersion: number, plaintext: string, at: FieldLocation): Sealed {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error('data key must be 32 bytes');
  const h = header(keyVersion);
  const nonce = randomBytesFast(NONCE);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    encoder.encode(plaintext),
    associatedData(h, at),
    null,
    nonce,
    dataKey,
  );
  const out = Buffer.allocUnsafe(HEADER + NONCE + ct.length);
  out.set(h, 0);
  out.set(nonce, HEADER);
  out.set(ct, HEADER + NONCE);
  return out as Sealed;
}

/** The data-key version a sealed value was made with (readable without any key). */
export function sealedKeyVersion(sealed: Uint8Array): number {
  if (sealed.length < HEADER + NONCE + TAG || sealed[0] !== FORMAT) throw new FieldDecryptionError('unknown format');
  return new DataView(sealed.buffer, sealed.byteOffset, HEADER).getUint32(1, false);
}

export function openField(dataKey: Uint8Array, sealed: Uint8Array, at: FieldLocation): string {
  sealedKeyVersion(sealed); // format check
  const h = sealed.subarray(0, HEADER);
  const nonce = sealed.subarray(HEADER, HEADER + NONCE);
  const ct = sealed.subarray(HEADER + NONCE);
  let plain: Uint8Array;
  try {
    plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ct, associatedData(h, at), nonce, dataKey);
  } catch {
    throw new FieldDecryptionError('authentication failed (wrong key, wrong place or tampered)');
  }
  return decoder.decode(plain);
}
