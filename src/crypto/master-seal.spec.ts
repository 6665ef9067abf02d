import { describe, expect, it } from 'vitest';
import { openWithMaster, sealWithMaster } from './master-seal.js';

const ring = (current: number, ...versions: number[]) => ({
  current,
  keys: new Map(versions.map((v) => [v, new Uint8Array(32).fill(v)] as [number, Uint8Array])),
});

describe('sealing a secret with the master keyring', () => {
  const secret = new TextEncoder().encode('JBSWY3DPEHPK3PXP');

  it('opens for the same purpose and owner, also after a newer master version is added', () => {
    const sealed = sealWithMaster(ring(1, 1), 'totp-secret', 'p1', secret);
    expect(Buffer.from(openWithMaster(ring(2, 1, 2), 'totp-secret', 'p1', sealed)).toString()).toBe('JBSWY3DPEHPK3PXP');
    expect(sealWithMaster(ring(2, 1, 2), 'totp-secret', 'p1', secret).masterVersion).toBe(2);
  });

  it('does not open for another owner, purpose or version, nor without the old key', () => {
    const sealed = sealWithMaster(ring(1, 1), 'totp-secret', 'p1', secret);
    expect(() => openWithMaster(ring(1, 1), 'totp-secret', 'p2', sealed)).toThrow(/does not open/);
    expect(() => openWithMaster(ring(1, 1), 'other', 'p1', sealed)).toThrow(/does not open/);
    expect(() => openWithMaster(ring(2, 1, 2), 'totp-secret', 'p1', { ...sealed, masterVersion: 2 })).toThrow(/does not open/);
    expect(() => openWithMaster(ring(2, 2), 'totp-secret', 'p1', sealed)).toThrow(/not configured/);
  });
});
