import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkpointDue,
  checkpointJsonLine,
  checkpointKeys,
  CheckpointFileError,
  CheckpointMatcher,
  checkpointSignatureValid,
  formatCheckpoint,
  parseCheckpoint,
  parseCheckpointFile,
  publicKeyFingerprint,
  publicKeyFromPem,
  publicKeyPem,
  signCheckpoint,
  type CheckpointToCheck,
} from './audit-checkpoint.js';

const keys = checkpointKeys(Buffer.alloc(32, 1));
const otherKeys = checkpointKeys(Buffer.alloc(32, 2));
const hashOf = (n: number) => createHash('sha256').update(`entry ${n}`).digest();
const time = new Date('2026-12-01T10:00:00.123Z');

/** A signed checkpoint of the fake chain below at `seq`, as a party would keep it. */
const kept = (seq: number, origin = `file:${seq}`, hash = hashOf(seq), k = keys): CheckpointToCheck => {
  const s = signCheckpoint({ seq: String(seq), hash, time }, k.privateKey);
  return { statement: s.statement, signature: s.signature, origin };
};

/** Walks a fake chain of entries 1..last (hash = hashOf(seq), or `rewritten` from `from` on) through the matcher. */
function walk(matcher: CheckpointMatcher, last: number, rewrittenFrom = Infinity) {
  for (let seq = 1; seq <= last; seq++) {
    const hash = seq >= rewrittenFrom ? createHash('sha256').update(`forged ${seq}`).digest() : hashOf(seq);
    const problem = matcher.check(String(seq), hash);
    if (problem) return problem;
  }
  return matcher.finish(String(last));
}

describe('audit checkpoint statement (issue 12, item 7)', () => {
  it('is one canonical ASCII line naming seq, hash and time, and parses back to the same head', () => {
    const hash = Buffer.from('ab'.repeat(32), 'hex');
    const line = formatCheckpoint({ seq: '42', hash, time });
    expect(line).toBe(`ketenkluis-audit-checkpoint v1 seq=42 hash=${'ab'.repeat(32)} time=2026-12-01T10:00:00.123Z`);
    expect(parseCheckpoint(line)).toEqual({ seq: '42', hash, time });
  });

  it('refuses anything that is not exactly a v1 statement', () => {
    const good = formatCheckpoint({ seq: '7', hash: hashOf(7), time });
    for (const bad of [
      `${good}\n`,
      ` ${good}`,
      good.replace('v1', 'v2'),
      good.replace('seq=7', 'seq=07'),
      good.replace('seq=7', 'seq=-7'),
      good.replace(/hash=[0-9a-f]+/, `hash=${'AB'.repeat(32)}`),
      good.replace(/hash=[0-9a-f]+/, 'hash=abcd'),
      good.replace('.123Z', 'Z'),
      good.replace('2026-12-01', '2026-13-01'),
    ]) {
      expect(parseCheckpoint(bad), bad).toBeUndefined();
    }
  });
});

describe('audit checkpoint signature (issue 12, item 7)', () => {
  it('verifies with the public key of the seed, and not with another key, another text or a flipped bit', () => {
    const c = signCheckpoint({ seq: '5', hash: hashOf(5), time }, keys.privateKey);
    expect(c.signature).toHaveLength(64);
    expect(checkpointSignatureValid(c.statement, c.signature, keys.publicKey)).toBe(true);
    expect(checkpointSignatureValid(c.statement, c.signature, otherKeys.publicKey)).toBe(false);
    expect(checkpointSignatureValid(c.statement.replace('seq=5', 'seq=6'), c.signature, keys.publicKey)).toBe(false);
    const flipped = Buffer.from(c.signature);
    flipped[10] ^= 1;
    expect(checkpointSignatureValid(c.statement, flipped, keys.publicKey)).toBe(false);
    expect(checkpointSignatureValid(c.statement, c.signature.subarray(0, 63), keys.publicKey)).toBe(false);
  });

  it('is plain Ed25519 (RFC 8032): the published PEM verifies it, and a seed signs as the same key openssl would read', () => {
    // RFC 8032, section 7.1, TEST 1: the secret key (seed) and public key of the test vector.
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const vector = checkpointKeys(seed);
    expect(Buffer.from(vector.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    const pem = publicKeyPem(keys.publicKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const c = signCheckpoint({ seq: '1', hash: hashOf(1), time }, keys.privateKey);
    expect(checkpointSignatureValid(c.statement, c.signature, publicKeyFromPem(pem))).toBe(true);
    expect(publicKeyFingerprint(publicKeyFromPem(pem))).toBe(publicKeyFingerprint(keys.publicKey));
    expect(publicKeyFingerprint(keys.publicKey)).not.toBe(publicKeyFingerprint(otherKeys.publicKey));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => publicKeyFromPem(rsa)).toThrow(/Ed25519/);
  });
});

describe('file of kept checkpoints (issue 12, item 7)', () => {
  it('reads the JSON line each checkpoint mail carries, skipping blank and # lines, and names the origin line', () => {
    const a = signCheckpoint({ seq: '3', hash: hashOf(3), time }, keys.privateKey);
    const b = signCheckpoint({ seq: '9', hash: hashOf(9), time }, keys.privateKey);
    const text = `# kept by Metaalbond\n${checkpointJsonLine(a)}\n\n${checkpointJsonLine(b)}\r\n`;
    const list = parseCheckpointFile(text, 'kept.jsonl');
    expect(list.map((c) => c.origin)).toEqual(['kept.jsonl:2', 'kept.jsonl:4']);
    expect(list[1].statement).toBe(b.statement);
    expect(list[1].signature.equals(b.signature)).toBe(true);
  });

  it('refuses a line that is not a checkpoint, naming the line and the problem', () => {
    const good = checkpointJsonLine(signCheckpoint({ seq: '3', hash: hashOf(3), time }, keys.privateKey));
    const cases: Array<[string, RegExp]> = [
      ['not json', /f:2: not a JSON line/],
      ['{"checkpoint": "x"}', /f:2: needs "checkpoint" and "signature"/],
      ['{"checkpoint": "ketenkluis-audit-checkpoint v1 seq=1", "signature": "AA=="}', /f:2: "checkpoint" is not a/],
      [good.replace(/"signature":"[^"]+"/, '"signature":"AAAA"'), /f:2: "signature" is not 64 bytes/],
    ];
    for (const [line, message] of cases) {
      expect(() => parseCheckpointFile(`${good}\n${line}`, 'f')).toThrow(CheckpointFileError);
      expect(() => parseCheckpointFile(`${good}\n${line}`, 'f')).toThrow(message);
    }
  });
});

describe('the chain against signed checkpoints (issue 12, item 7)', () => {
  it('an intact chain agrees with every checkpoint, whatever order they were given in', () => {
    const matcher = new CheckpointMatcher([kept(8), kept(3), kept(10)], keys.publicKey);
    expect(walk(matcher, 12)).toBeUndefined();
    expect(matcher.confirmed).toBe(3);
    expect(matcher.lastConfirmedSeq).toBe('10');
  });

  it('a rewrite from seq 6 on (chain self-consistent, every hash recomputed) contradicts the first checkpoint at or after 6, and names it', () => {
    const problem = walk(new CheckpointMatcher([kept(4), kept(10, 'mail-b'), kept(7, 'mail-a')], keys.publicKey), 12, 6);
    expect(problem).toMatchObject({ seq: '7', checkpoint: { seq: '7', hash: hashOf(7).toString('hex'), time: time.toISOString(), origin: 'mail-a' } });
    expect(problem!.reason).toMatch(/rewritten/);
  });

  it('a rewrite after the last checkpoint contradicts none (the next checkpoint will cover it)', () => {
    expect(walk(new CheckpointMatcher([kept(4), kept(7)], keys.publicKey), 12, 8)).toBeUndefined();
  });

  it('a log cut short before a checkpoint is a contradiction of that checkpoint', () => {
    const problem = walk(new CheckpointMatcher([kept(4), kept(9)], keys.publicKey), 6);
    expect(problem).toMatchObject({ seq: '6', checkpoint: { seq: '9' } });
    expect(problem!.reason).toMatch(/ends at seq 6.*removed/);
  });

  it('a checkpoint not signed by the audit key is reported, not trusted', () => {
    const forged = kept(5, 'forged', createHash('sha256').update('forged 5').digest(), otherKeys);
    const problem = walk(new CheckpointMatcher([kept(3), forged], keys.publicKey), 10, 5);
    expect(problem).toMatchObject({ seq: '5', checkpoint: { seq: '5', origin: 'forged' } });
    expect(problem!.reason).toMatch(/signature does not verify/);
  });

  it('the same valid checkpoint kept twice (stored and mailed) is checked twice and counted twice', () => {
    const matcher = new CheckpointMatcher([kept(3, 'stored'), kept(3, 'file:1')], keys.publicKey);
    expect(walk(matcher, 5)).toBeUndefined();
    expect(matcher.confirmed).toBe(2);
  });
});

describe('when a checkpoint is due (issue 12, item 7)', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  it('the first as soon as the log has an entry; then once the interval has passed and the chain moved', () => {
    expect(checkpointDue('0', null, now, 60)).toBe(false);
    expect(checkpointDue('1', null, now, 60)).toBe(true);
    expect(checkpointDue('9', { seq: '5', signedAt: ago(59) }, now, 60)).toBe(false);
    expect(checkpointDue('9', { seq: '5', signedAt: ago(60) }, now, 60)).toBe(true);
    expect(checkpointDue('5', { seq: '5', signedAt: ago(600) }, now, 60)).toBe(false);
  });
});
