import { Injectable } from '@nestjs/common';
import type { MasterKeyring } from '../config/config.js';
import { KeyUnavailableError } from './keyring.js';
import { randomBytesFast } from './random.js';
import { sodium } from './sodium.js';

/**
 * A small secret sealed directly with the master keyring (issue 17: a person's TOTP secret), as data keys are
 * wrapped: `nonce (24) | XChaCha20-Poly1305(secret)`, the associated data binding the purpose, the owner's id and
 * the master version, so a sealed secret copied to another person or purpose does not open.
 */
export interface MasterSealed {
  masterVersion: number;
  sealed: Uint8Array;
}

const NONCE = 24;
const encoder = new TextEncoder();
const ad = (purpose: string, ownerId: string, masterVersion: number) => encoder.encode(`ketenkluis/${purpose}/v1\0${ownerId}\0${masterVersion}`);

export function sealWithMaster(master: MasterKeyring, purpose: string, ownerId: string, secret: Uint8Array): MasterSealed {
  const key = master.keys.get(master.current);
  if (!key) throw new KeyUnavailableError(`master key version ${master.current} is not configured`);
  const nonce = randomBytesFast(NONCE);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, ad(purpose, ownerId, master.current), null, nonce, key);
  const sealed = new Uint8Array(NONCE + ct.length);
  sealed.set(nonce, 0);
  sealed.set(ct, NONCE);
  return { masterVersion: master.current, sealed };
}

export function openWithMaster(master: MasterKeyring, purpose: string, ownerId: string, value: MasterSealed): Uint8Array {
  const key = master.keys.get(value.masterVersion);
  if (!key) throw new KeyUnavailableError(`master key version ${value.masterVersion} is not configured`);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, value.sealed.subarray(NONCE), ad(purpose, ownerId, value.masterVersion), value.sealed.subarray(0, NONCE), key);
  } catch {
    throw new KeyUnavailableError(`a sealed ${purpose} does not open with master key version ${value.masterVersion}`);
  }
}

/** Re-seals, in its own batches, every secret a module sealed with an older master version; returns how many. */
export type MasterResealer = (currentVersion: number) => Promise<number>;

/**
 * The modules that seal secrets directly with the master keyring register here, and `rotate-master-key` runs every
 * resealer after re-wrapping the data keys (README "Key management"), so no secret is left under the old version.
 */
@Injectable()
export class MasterResealers {
  private readonly resealers = new Map<string, MasterResealer>();

  register(name: string, resealer: MasterResealer): void {
    this.resealers.set(name, resealer);
  }

  async resealAll(currentVersion: number): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name, resealer] of this.resealers) out[name] = await resealer(currentVersion);
    return out;
  }
}
