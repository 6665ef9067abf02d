import { aeadDecryptSealedText, aeadEncryptInto } from './aead.js';
import { randomInto } from './random.js';

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

/**
 * Scratch space for the associated data and the plaintext bytes. libsodium copies its inputs into its own memory
 * on every call, and every call here is synchronous, so one reused buffer per kind is safe and saves two
 * allocations per field (DESIGN.md: do not let the wrapper's overhead dominate the cipher).
 */
let adScratch = new Uint8Array(1024);
let plainScratch = new Uint8Array(4096);
const AD_PREFIX = encoder.encode('ketenkluis/field/v1\0');

/** Writes an ASCII string byte by byte (ids and names are ASCII); -1 when it is not ASCII. */
function writeAscii(text: string, into: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return -1;
    into[at + i] = c;
  }
  return at + text.length;
}

function associatedData(header: Uint8Array, at: FieldLocation): Uint8Array {
  const need = HEADER + AD_PREFIX.length + 3 * (at.table.length + at.column.length + at.rowId.length + at.ownerId.length + 3);
  if (adScratch.length < need) adScratch = new Uint8Array(need * 2);
  adScratch.set(header, 0);
  adScratch.set(AD_PREFIX, HEADER);
  // Same bytes as UTF-8 of `table\0column\0rowId\0ownerId`, without building the string (the hot path of every field).
  let end = writePart(at.table, HEADER + AD_PREFIX.length);
  adScratch[end++] = 0;
  end = writePart(at.column, end);
  adScratch[end++] = 0;
  end = writePart(at.rowId, end);
  adScratch[end++] = 0;
  end = writePart(at.ownerId, end);
  return adScratch.subarray(0, end);
}

function writePart(part: string, at: number): number {
  const next = writeAscii(part, adScratch, at);
  return next >= 0 ? next : at + encoder.encodeInto(part, adScratch.subarray(at)).written;
}

function utf8(text: string): Uint8Array {
  if (plainScratch.length < text.length * 3) plainScratch = new Uint8Array(text.length * 6);
  const { written } = encoder.encodeInto(text, plainScratch);
  return plainScratch.subarray(0, written);
}

function header(keyVersion: number): Uint8Array {
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > 0xffff_ffff) throw new Error('bad key version');
  const h = new Uint8Array(HEADER);
  h[0] = FORMAT;
  h[1] = keyVersion >>> 24;
  h[2] = (keyVersion >>> 16) & 0xff;
  h[3] = (keyVersion >>> 8) & 0xff;
  h[4] = keyVersion & 0xff;
  return h;
}

export function sealField(dataKey: Uint8Array, keyVersion: number, plaintext: string, at: FieldLocation): Sealed {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error('data key must be 32 bytes');
  const h = header(keyVersion);
  const plain = utf8(plaintext);
  const out = Buffer.allocUnsafe(HEADER + NONCE + plain.length + TAG);
  out.set(h, 0);
  const nonce = new Uint8Array(out.buffer, out.byteOffset + HEADER, NONCE);
  randomInto(nonce);
  aeadEncryptInto(out, HEADER + NONCE, plain, associatedData(h, at), nonce, dataKey);
  plain.fill(0);
  return out as Sealed;
}

/** The data-key version a sealed value was made with (readable without any key). */
export function sealedKeyVersion(sealed: Uint8Array): number {
  if (sealed.length < HEADER + NONCE + TAG || sealed[0] !== FORMAT) throw new FieldDecryptionError('unknown format');
  return sealed[1] * 0x1000000 + ((sealed[2] << 16) | (sealed[3] << 8) | sealed[4]);
}

export function openField(dataKey: Uint8Array, sealed: Uint8Array, at: FieldLocation): string {
  sealedKeyVersion(sealed); // format check
  const h = new Uint8Array(sealed.buffer, sealed.byteOffset, HEADER);
  let text: string | null;
  try {
    text = aeadDecryptSealedText(sealed, HEADER, associatedData(h, at), dataKey);
  } catch {
    throw new FieldDecryptionError('not valid UTF-8');
  }
  if (text === null) throw new FieldDecryptionError('authentication failed (wrong key, wrong place or tampered)');
  return text;
}
