import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { PendingSignIns } from './pending-sign-in.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { acceptedStep, newTotpSecret, totpUri } from './totp.js';

describe('TOTP (RFC 6238)', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000;
  const code = (epoch: number) => generate({ secret, epoch });

  it('accepts the current code and those of the steps just before and after, nothing further', async () => {
    const step = Math.floor(now / 30);
    expect(await acceptedStep(secret, await code(now), null, now)).toBe(step);
    expect(await acceptedStep(secret, await code(now - 30), null, now)).toBe(step - 1);
    expect(await acceptedStep(secret, await code(now + 30), null, now)).toBe(step + 1);
    expect(await acceptedStep(secret, await code(now - 90), null, now)).toBeUndefined();
    expect(await acceptedStep(secret, 'abcdef', null, now)).toBeUndefined();
  });

  it('refuses a step at or before the last accepted one (replay)', async () => {
    const step = Math.floor(now / 30);
    expect(await acceptedStep(secret, await code(now), step, now)).toBeUndefined();
    expect(await acceptedStep(secret, await code(now - 30), step - 1, now)).toBeUndefined();
    expect(await acceptedStep(secret, await code(now + 30), step, now)).toBe(step + 1);
  });

  it('writes an otpauth URI an app reads', () => {
    expect(totpUri(secret, 'ann@example.org', 'Ketenkluis')).toMatch(/^otpauth:\/\/totp\/Ketenkluis:ann%40example\.org\?.*secret=/);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes whose hash ignores case and dashes and is bound to the person', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    const key = Buffer.alloc(32, 1);
    const [c] = codes;
    expect(hashRecoveryCode(key, 'p1', c.toLowerCase().replace(/-/g, ' '))).toEqual(hashRecoveryCode(key, 'p1', c));
    expect(hashRecoveryCode(key, 'p2', c)).not.toEqual(hashRecoveryCode(key, 'p1', c));
  });
});

describe('pending sign-in token', () => {
  const tokens = new PendingSignIns('x'.repeat(40));
  const person = '6f1c2c43-1a8e-4d7e-9a57-0b1f3e9b2a11';

  it('names its person until it expires and refuses a changed token', () => {
    const t = tokens.issue(person, 1000);
    expect(tokens.read(t, 1001)).toBe(person);
    expect(tokens.read(t, 1300)).toBeUndefined();
    expect(tokens.read(t.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 1001)).toBeUndefined();
    expect(new PendingSignIns('y'.repeat(40)).read(t, 1001)).toBeUndefined();
  });
});
