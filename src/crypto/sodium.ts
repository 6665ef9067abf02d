import sodiumModule from 'libsodium-wrappers-sumo';

/**
 * libsodium (sumo build: it adds Argon2id), loaded once. Every module that needs it imports `sodium` from here;
 * the top-level await guarantees the WebAssembly is ready before any of them runs.
 */
await sodiumModule.ready;
export const sodium = sodiumModule;
