// Argon2id for the password-hash pool (src/crypto/password.ts): each worker thread of the pool loads this file and
// runs one `hash` or `verify` at a time, off the main event loop.
// Plain JavaScript on purpose: the pool loads it by file name, and Node 20 cannot load TypeScript, so the same file
// must run from the sources (under vitest) and from dist (swc copies it as it is).
import sodiumModule from 'libsodium-wrappers-sumo';

await sodiumModule.ready;
const sodium = sodiumModule;

/** `crypto_pwhash_str` at libsodium's INTERACTIVE limits; the string records algorithm, limits and salt. */
export function hash({ password }) {
  return sodium.crypto_pwhash_str(password, sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

/** Whether `password` matches `hash`; false (never an exception) for a malformed hash. */
export function verify({ hash, password }) {
  try {
    return sodium.crypto_pwhash_str_verify(hash, password);
  } catch {
    return false;
  }
}
