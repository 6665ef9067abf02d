import { describe, expect, it } from 'vitest';
import { parseMasterKeyring } from '../config/config.js';
import { FieldDecryptionError, openField, sealField, sealedKeyVersion } from './field-cipher.js';
import { KeyUnavailableError, newDataKey, unwrapDataKey, wrapDataKey } from './keyring.js';
import { randomBytesFast } from './random.js';

const at = { table: 'production_locations', column: 'supplier_name', rowId: 'row-1', ownerId: 'org-a' };

describe('field cipher (issue 5 item 2: XChaCha20-Poly1305, associated data binds table, column, row, owner)', () => {
  const key = newDataKey();

  it('round-trips text, including accents and the empty string', () => {
    for (const text of ['Acme Foundry B.V.', 'Fundição São Paulo', '', 'x'.repeat(5000)]) {
      expect(openField(key, sealField(key, 3, text, at), at)).toBe(text);
    }
  });

  it('records the data-key version readable without the key', () => {
    expect(sealedKeyVersion(sealField(key, 7, 'a', at))).toBe(7);
  });

  it('uses a fresh nonce each time (same text, different ciphertext)', () => {
    expect(sealField(key, 1, 'same', at).equals(sealField(key, 1, 'same', at))).toBe(false);
  });

  it('refuses a tampered ciphertext, tag or nonce', () => {
    const sealed = sealField(key, 1, 'Industrieweg 12', at);
    for (const i of [5, 10, 30, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[i] ^= 0x01;
      expect(() => openField(key, bad, at)).toThrow(FieldDecryptionError);
    }
  });

  it('refuses a changed key-version header (the header is authenticated)', () => {
    const bad = Buffer.from(sealField(key, 1, 'x', at));
    bad[4] = 2;
    expect(() => openField(key, bad, at)).toThrow(FieldDecryptionError);
  });

  it('a ciphertext copied into another row, column or owner does not decrypt (row swap)', () => {
    const sealed = sealField(key, 1, 'Acme', at);
    expect(() => openField(key, sealed, { ...at, rowId: 'row-2' })).toThrow(FieldDecryptionError);
    expect(() => openField(key, sealed, { ...at, column: 'city' })).toThrow(FieldDecryptionError);
    expect(() => openField(key, sealed, { ...at, ownerId: 'org-b' })).toThrow(FieldDecryptionError);
    expect(() => openField(key, sealed, { ...at, table: 'other' })).toThrow(FieldDecryptionError);
  });

  it('another company key does not decrypt', () => {
    expect(() => openField(newDataKey(), sealField(key, 1, 'Acme', at), at)).toThrow(FieldDecryptionError);
  });

  it('the error message never carries the plaintext', () => {
    const sealed = sealField(key, 1, 'Distinctive Smelter Name', at);
    try {
      openField(key, sealed, { ...at, rowId: 'x' });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('Distinctive');
    }
  });
});

describe('keyring: data keys wrapped by the versioned master key', () => {
  const ring1 = parseMasterKeyring('K', `1:${Buffer.alloc(32, 1).toString('base64')}`);
  const ring2 = parseMasterKeyring('K', `1:${Buffer.alloc(32, 1).toString('base64')},2:${Buffer.alloc(32, 2).toString('base64')}`);

  it('wraps with the current master version and unwraps with the recorded one', () => {
    const dk = newDataKey();
    const w1 = wrapDataKey(ring1, 'org-a', 1, dk);
    expect(w1.masterVersion).toBe(1);
    expect(Buffer.from(unwrapDataKey(ring2, w1)).equals(Buffer.from(dk))).toBe(true);
    const w2 = wrapDataKey(ring2, 'org-a', 1, dk);
    expect(w2.masterVersion).toBe(2);
    expect(Buffer.from(unwrapDataKey(ring2, w2)).equals(Buffer.from(dk))).toBe(true);
    expect(() => unwrapDataKey(ring1, w2)).toThrow(KeyUnavailableError);
  });

  it('a wrapped key moved to another company or version does not unwrap', () => {
    const w = wrapDataKey(ring1, 'org-a', 1, newDataKey());
    expect(() => unwrapDataKey(ring1, { ...w, organisationId: 'org-b' })).toThrow(KeyUnavailableError);
    expect(() => unwrapDataKey(ring1, { ...w, version: 2 })).toThrow(KeyUnavailableError);
  });
});

describe('fast random bytes', () => {
  it('never hands out the same bytes twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(Buffer.from(randomBytesFast(24)).toString('hex'));
    expect(seen.size).toBe(5000);
  });
});
