import { sodium } from './sodium.js';

/**
 * Password hashing with Argon2id (`crypto_pwhash_str`) at libsodium's INTERACTIVE limits (DESIGN.md: at least
 * INTERACTIVE). The string records algorithm, limits and salt, so limits can be raised later without a migration.
 */
export function hashPassword(password: string): string {
  return sodium.crypto_pwhash_str(
    password,
    sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
  );
}

export function verifyPassword(hash: string, password: string): boolean {
  try {
    return sodium.crypto_pwhash_str_verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the account does not exist, so a failed login costs the
 * same time whether or not the email is known (no account enumeration by timing).
 */
let dummy: string | undefined;
export function dummyHash(): string {
  return (dummy ??= hashPassword(sodium.to_base64(sodium.randombytes_buf(24))));
}
