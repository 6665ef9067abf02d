import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aeadDecrypt, aeadEncryptInto, heapRegion, TAG } from './aead.js';
import { sodium } from './sodium.js';

describe('AEAD on the WebAssembly exports agrees with the libsodium wrapper', () => {
  it('property: each decrypts what the other encrypts, and a flipped bit fails', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        (plain, ad, key, nonce) => {
          const ours = new Uint8Array(plain.length + TAG);
          aeadEncryptInto(ours, 0, plain, ad, nonce, key);
          const theirs = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, ad, null, nonce, key);
          expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
          expect(Buffer.from(aeadDecrypt(theirs, ad, nonce, key)!).equals(Buffer.from(plain))).toBe(true);
          const tampered = ours.slice();
          tampered[tampered.length - 1] ^= 1;
          expect(aeadDecrypt(tampered, ad, nonce, key)).toBeNull();
          expect(() => sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, tampered, ad, nonce, key)).toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('wipes the reused heap region after every call; the key is nowhere in the heap', () => {
    const key = new Uint8Array(32).fill(0xab);
    const plain = new TextEncoder().encode('Quokkaxyl Smeltery Zanzibar B.V.');
    const out = new Uint8Array(plain.length + TAG);
    aeadEncryptInto(out, 0, plain, new Uint8Array(3), new Uint8Array(24), key);
    aeadDecrypt(out, new Uint8Array(3), new Uint8Array(24), key);
    const { heap, base, size } = heapRegion();
    const region = Buffer.from(heap.buffer, heap.byteOffset + base, size);
    expect(region.every((b) => b === 0)).toBe(true);
    // The key was only ever in that region. (libsodium's own stack may keep the last partial keystream block of a
    // message, as it does under the JS wrapper too; that is outside this module's reach.)
    expect(Buffer.from(heap.buffer).includes(Buffer.from(key))).toBe(false);
  });
});
