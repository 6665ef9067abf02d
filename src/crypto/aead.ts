import { sodium } from './sodium.js';

/**
 * XChaCha20-Poly1305-IETF straight on libsodium's WebAssembly exports (the same audited code the JS wrapper
 * calls). The wrapper allocates, copies and frees every argument on every call, which costs more than the cipher
 * itself for the short fields we seal (DESIGN.md, Security design: keep the wrapper off the hot path). Here one
 * region of the WebAssembly heap is reused: key, nonce, associated data and message are copied in, the result
 * copied out, and the region is wiped after every call, so no key or plaintext stays in the heap.
 *
 * Cross-checked against the wrapper in field-cipher.spec.ts (each decrypts what the other encrypts).
 */
interface SodiumWasm {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  // (c, clen_p, m, mlen_lo, mlen_hi, ad, adlen_lo, adlen_hi, nsec, npub, k)
  _crypto_aead_xchacha20poly1305_ietf_encrypt(...args: number[]): number;
  // (m, mlen_p, nsec, c, clen_lo, clen_hi, ad, adlen_lo, adlen_hi, npub, k)
  _crypto_aead_xchacha20poly1305_ietf_decrypt(...args: number[]): number;
}

const wasm = (sodium as unknown as { libsodium: SodiumWasm }).libsodium;
const KEY = 32;
const NONCE = 24;
export const TAG = 16;

let base = 0;
let size = 0;

function region(bytes: number): number {
  if (bytes > size) {
    if (base) {
      wasm.HEAPU8.fill(0, base, base + size);
      wasm._free(base);
    }
    size = Math.max(bytes, 8192);
    base = wasm._malloc(size);
    if (!base) throw new Error('libsodium: out of memory');
    wasm.HEAPU8.fill(0, base, base + size); // malloc hands out memory that may hold someone's old bytes
  }
  return base;
}

/** Encrypts `plain` and writes ciphertext + tag (plain.length + 16 bytes) into `out` at `at`. */
export function aeadEncryptInto(out: Uint8Array, at: number, plain: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): void {
  if (key.length !== KEY || nonce.length !== NONCE) throw new Error('bad key or nonce length');
  const k = region(KEY + NONCE + ad.length + 2 * plain.length + TAG);
  const heap = wasm.HEAPU8; // read after any allocation (the heap may have grown)
  const n = k + KEY;
  const a = n + NONCE;
  const m = a + ad.length;
  const c = m + plain.length;
  const end = c + plain.length + TAG;
  heap.set(key, k);
  heap.set(nonce, n);
  heap.set(ad, a);
  heap.set(plain, m);
  const rc = wasm._crypto_aead_xchacha20poly1305_ietf_encrypt(c, 0, m, plain.length, 0, a, ad.length, 0, 0, n, k);
  if (rc === 0) out.set(heap.subarray(c, end), at);
  heap.fill(0, k, end);
  if (rc !== 0) throw new Error('encryption failed');
}

/** Decrypts and authenticates; null when the tag does not verify (wrong key, wrong associated data, tampered). */
export function aeadDecrypt(ct: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null {
  return aeadOpen(ct, ad, nonce, key, (heap, from, to) => heap.slice(from, to));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decrypts straight to a string (UTF-8, strict), decoded from the heap before it is wiped; null as above. */
export function aeadDecryptText(ct: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): string | null {
  return aeadOpen(ct, ad, nonce, key, (heap, from, to) => utf8.decode(heap.subarray(from, to)));
}

function aeadOpen<T>(ct: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array, take: (heap: Uint8Array, from: number, to: number) => T): T | null {
  if (key.length !== KEY || nonce.length !== NONCE || ct.length < TAG) return null;
  const mlen = ct.length - TAG;
  const k = region(KEY + NONCE + ad.length + ct.length + mlen);
  const heap = wasm.HEAPU8;
  const n = k + KEY;
  const a = n + NONCE;
  const c = a + ad.length;
  const m = c + ct.length;
  const end = m + mlen;
  heap.set(key, k);
  heap.set(nonce, n);
  heap.set(ad, a);
  heap.set(ct, c);
  const rc = wasm._crypto_aead_xchacha20poly1305_ietf_decrypt(m, 0, 0, c, ct.length, 0, a, ad.length, 0, n, k);
  try {
    return rc === 0 ? take(heap, m, end) : null;
  } finally {
    heap.fill(0, k, end);
  }
}

/** The reused heap region (for the test that checks it is wiped). */
export function heapRegion(): { heap: Uint8Array; base: number; size: number } {
  return { heap: wasm.HEAPU8, base, size };
}

/**
 * Opens a value laid out as `… | nonce | ciphertext + tag` (the sealed-field format) to a string, copying it into
 * the heap in one piece instead of making views of its parts; null when the tag does not verify.
 */
export function aeadDecryptSealedText(sealed: Uint8Array, nonceAt: number, ad: Uint8Array, key: Uint8Array): string | null {
  const ctAt = nonceAt + NONCE;
  const clen = sealed.length - ctAt;
  if (key.length !== KEY || clen < TAG) return null;
  const mlen = clen - TAG;
  const k = region(KEY + ad.length + sealed.length + mlen);
  const heap = wasm.HEAPU8;
  const a = k + KEY;
  const s = a + ad.length;
  const m = s + sealed.length;
  const end = m + mlen;
  heap.set(key, k);
  heap.set(ad, a);
  heap.set(sealed, s);
  const rc = wasm._crypto_aead_xchacha20poly1305_ietf_decrypt(m, 0, 0, s + ctAt, clen, 0, a, ad.length, 0, s + nonceAt, k);
  try {
    return rc === 0 ? utf8.decode(heap.subarray(m, end)) : null;
  } finally {
    heap.fill(0, k, end);
  }
}
