import type { MasterKeyring } from '../config/config.js';
import { sodium } from './sodium.js';
import { randomBytesFast } from './random.js';
import { DATA_KEY_BYTES } from './field-cipher.js';

/**
 * Per-company data keys wrapped by the master key (DESIGN.md, Security design). A wrapped key is
 * `nonce (24) | XChaCha20-Poly1305(dataKey)`, and records beside it (in `company_data_keys`) the master-key
 * version that wrapped it. The associated data binds the wrap to the company and the data-key version, so a
 * wrapped key copied to another company or version does not unwrap.
 */
export interface WrappedDataKey {
  organisationId: string;
  version: number;
  masterVersion: number;
  wrapped: Uint8Array;
}

export class KeyUnavailableError extends Error {}

const NONCE = 24;
const encoder = new TextEncoder();
const wrapAd = (organisationId: string, version: number, masterVersion: number) =>
  encoder.encode(`ketenkluis/data-key/v1\0${organisationId}\0${version}\0${masterVersion}`);

export function newDataKey(): Uint8Array {
  return randomBytesFast(DATA_KEY_BYTES);
}

export function wrapDataKey(master: MasterKeyring, organisationId: string, version: number, dataKey: Uint8Array): WrappedDataKey {
  const masterKey = master.keys.get(master.current);
  if (!masterKey) throw new KeyUnavailableError(`master key version ${master.current} is not configured`);
  const nonce = randomBytesFast(NONCE);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dataKey, wrapAd(organisationId, version, master.current), null, nonce, masterKey);
  const wrapped = new Uint8Array(NONCE + ct.length);
  wrapped.set(nonce, 0);
  wrapped.set(ct, NONCE);
  return { organisationId, version, masterVersion: master.current, wrapped };
}

export function unwrapDataKey(master: MasterKeyring, key: WrappedDataKey): Uint8Array {
  const masterKey = master.keys.get(key.masterVersion);
  if (!masterKey) throw new KeyUnavailableError(`master key version ${key.masterVersion} is not configured`);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      key.wrapped.subarray(NONCE),
      wrapAd(key.organisationId, key.version, key.masterVersion),
      key.wrapped.subarray(0, NONCE),
      masterKey,
    );
  } catch {
    throw new KeyUnavailableError(
      `data key version ${key.version} of organisation ${key.organisationId} does not unwrap with master key version ${key.masterVersion}`,
    );
  }
}
