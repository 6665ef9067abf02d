import { randomFillSync } from 'node:crypto';

/**
 * Nonces and keys from Node's CSPRNG, drawn in bulk. DESIGN.md (Security design, "Nonces"): libsodium's
 * `randombytes_buf` through the WebAssembly wrapper manages ~20k calls/s here while the cipher does ~1M small
 * messages/s, so nonce generation must not go through it. `randomFillSync` refills a 16 KiB pool in one call;
 * every byte handed out is used once and the pool is refilled before reuse (the pool is per process and holds
 * no state that matters across instances).
 */
const POOL_BYTES = 16 * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

export function randomBytesFast(length: number): Uint8Array {
  if (length > POOL_BYTES) return new Uint8Array(randomFillSync(Buffer.alloc(length)));
  if (offset + length > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  // Copy out, so a caller can never alias bytes that a later caller also receives.
  const out = new Uint8Array(length);
  out.set(pool.subarray(offset, offset + length));
  pool.fill(0, offset, offset + length);
  offset += length;
  return out;
}

/** Fills `target` with fresh random bytes from the pool (a nonce written straight into its final place). */
export function randomInto(target: Uint8Array): void {
  const length = target.length;
  if (length > POOL_BYTES) {
    randomFillSync(target);
    return;
  }
  if (offset + length > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  target.set(pool.subarray(offset, offset + length));
  pool.fill(0, offset, offset + length);
  offset += length;
}
