import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Signed checkpoints of the audit chain (issue 12, item 7). Pure logic, no Nest, no database.
 *
 * The hash chain alone shows that no entry was changed *unless* someone recomputed every hash after the change:
 * with write access to the database that is easy. A checkpoint fixes the chain head at a moment in time with a
 * signature from an Ed25519 key that is not in the database, and is mailed to the Kerngroep and the secretariat, so
 * a rewrite that keeps the chain self-consistent still contradicts every checkpoint issued before it.
 *
 * What is signed is one line of ASCII text, without a line break:
 *
 *   ketenkluis-audit-checkpoint v1 seq=<decimal> hash=<64 lowercase hex> time=<UTC ISO-8601, milliseconds, Z>
 *
 * `seq` and `hash` are the chain head (the last entry's seq and hash, as `audit_head` and `export-audit` show them);
 * `time` is when it was signed. The signature is plain Ed25519 (RFC 8032) over those bytes, so
 * `openssl pkeyutl -verify -pubin -inkey audit-public.pem -rawin -in checkpoint.txt -sigfile checkpoint.sig`
 * checks it with nothing but the public key.
 */
export const CHECKPOINT_PREFIX = 'ketenkluis-audit-checkpoint v1';

export interface CheckpointHead {
  /** the chain head's sequence number, decimal */
  seq: string;
  /** the chain head's hash, 32 bytes */
  hash: Buffer;
  /** when it was signed */
  time: Date;
}

export interface SignedCheckpoint extends CheckpointHead {
  /** the exact signed text, `formatCheckpoint(head)` */
  statement: string;
  /** 64-byte Ed25519 signature over `statement` */
  signature: Buffer;
}

const LINE = /^ketenkluis-audit-checkpoint v1 seq=(0|[1-9][0-9]{0,18}) hash=([0-9a-f]{64}) time=(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/;

export function formatCheckpoint(head: CheckpointHead): string {
  if (head.hash.length !== 32) throw new Error('checkpoint hash must be 32 bytes');
  return `${CHECKPOINT_PREFIX} seq=${BigInt(head.seq)} hash=${head.hash.toString('hex')} time=${head.time.toISOString()}`;
}

/** The head a checkpoint statement names, or undefined when the text is not exactly a v1 statement. */
export function parseCheckpoint(statement: string): CheckpointHead | undefined {
  const m = LINE.exec(statement);
  if (!m) return undefined;
  const time = new Date(m[3]);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== m[3]) return undefined;
  return { seq: m[1], hash: Buffer.from(m[2], 'hex'), time };
}

// PKCS#8 / SPKI wrappers of a raw Ed25519 key (RFC 8410), so a 32-byte seed becomes a key node:crypto signs with.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface CheckpointKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function checkpointKeys(seed: Uint8Array): CheckpointKeys {
  if (seed.length !== 32) throw new Error('the audit signing key must be a 32-byte Ed25519 seed');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** A public key from its PEM (`audit-public.pem`); throws on anything but an Ed25519 public key. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

/** SHA-256 of the raw 32-byte public key, hex: short enough to read aloud and compare with the published one. */
export function publicKeyFingerprint(key: KeyObject): string {
  const raw = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
  return createHash('sha256').update(raw).digest('hex');
}

export function signCheckpoint(head: CheckpointHead, privateKey: KeyObject): SignedCheckpoint {
  const statement = formatCheckpoint(head);
  return { ...head, statement, signature: sign(null, Buffer.from(statement, 'ascii'), privateKey) };
}

export function checkpointSignatureValid(statement: string, signature: Buffer, publicKey: KeyObject): boolean {
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(statement, 'ascii'), publicKey, signature);
}

/** The JSON line a party keeps for each checkpoint (the mail carries it; `verify-audit --checkpoints FILE` reads it). */
export function checkpointJsonLine(c: Pick<SignedCheckpoint, 'statement' | 'signature'>): string {
  return JSON.stringify({ checkpoint: c.statement, signature: c.signature.toString('base64') });
}

/** A checkpoint to verify the chain against, with where it came from (a file and line, or the service's store). */
export interface CheckpointToCheck {
  statement: string;
  signature: Buffer;
  origin: string;
}

export class CheckpointFileError extends Error {}

/**
 * Reads a file of kept checkpoints: one JSON object per line, `{"checkpoint": "<statement>", "signature": "<base64>"}`
 * (the line each checkpoint mail carries). Blank lines and lines starting with `#` are skipped. Throws
 * `CheckpointFileError` naming the line of anything else, so a typo is not silently a checkpoint less.
 */
export function parseCheckpointFile(text: string, name: string): CheckpointToCheck[] {
  const out: CheckpointToCheck[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${name}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CheckpointFileError(`${where}: not a JSON line`);
    }
    const record = value as { checkpoint?: unknown; signature?: unknown };
    if (!record || typeof record !== 'object' || typeof record.checkpoint !== 'string' || typeof record.signature !== 'string') {
      throw new CheckpointFileError(`${where}: needs "checkpoint" and "signature" strings`);
    }
    if (!parseCheckpoint(record.checkpoint)) throw new CheckpointFileError(`${where}: "checkpoint" is not a ${CHECKPOINT_PREFIX} statement`);
    if (!/^[A-Za-z0-9+/]{86}==$/.test(record.signature)) throw new CheckpointFileError(`${where}: "signature" is not 64 bytes of base64`);
    out.push({ statement: record.checkpoint, signature: Buffer.from(record.signature, 'base64'), origin: where });
  });
  return out;
}

export interface ContradictedCheckpoint {
  seq: string;
  hash: string;
  time: string;
  origin: string;
}

export interface CheckpointProblem {
  /** the entry (or the end of the log) where the chain and the checkpoint disagree */
  seq: string;
  reason: string;
  checkpoint: ContradictedCheckpoint;
}

/**
 * Checks the chain, entry by entry as the chain verifier walks it, against signed checkpoints. A checkpoint whose
 * signature does not verify is a problem by itself (it was not issued by the key, or was altered); a valid one
 * contradicts the log when the entry at its seq has another hash, or when the log ends before its seq. The first
 * problem in seq order is reported, naming the checkpoint.
 */
export class CheckpointMatcher {
  private readonly pending: Array<CheckpointHead & CheckpointToCheck>;
  private next = 0;
  /** valid checkpoints the chain agreed with so far */
  confirmed = 0;
  /** the highest seq a confirmed checkpoint covered */
  lastConfirmedSeq: string | null = null;
  /** a problem found before the walk (a bad signature), reported at its seq */
  private readonly invalid: Array<{ at: bigint; problem: CheckpointProblem }> = [];

  constructor(checkpoints: CheckpointToCheck[], publicKey: KeyObject) {
    const valid: Array<CheckpointHead & CheckpointToCheck> = [];
    for (const c of checkpoints) {
      const head = parseCheckpoint(c.statement);
      const named = head ? describe(head, c.origin) : { seq: '?', hash: '?', time: '?', origin: c.origin };
      if (!head) {
        this.invalid.push({ at: 0n, problem: { seq: '0', reason: 'checkpoint is not a v1 statement', checkpoint: named } });
      } else if (!checkpointSignatureValid(c.statement, c.signature, publicKey)) {
        this.invalid.push({
          at: BigInt(head.seq),
          problem: { seq: head.seq, reason: 'checkpoint signature does not verify with the audit public key', checkpoint: named },
        });
      } else valid.push({ ...head, ...c });
    }
    this.invalid.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    this.pending = valid.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
    // A checkpoint of the empty log (seq 0) has no entry to meet: it holds when it names the genesis hash.
    while (this.next < this.pending.length && this.pending[this.next].seq === '0') {
      const c = this.pending[this.next++];
      if (c.hash.equals(Buffer.alloc(32))) this.confirm(c);
      else this.invalid.unshift({ at: 0n, problem: contradiction(c, '0', 'a checkpoint of the empty log must name the genesis hash') });
    }
  }

  private confirm(c: CheckpointHead): void {
    this.confirmed++;
    this.lastConfirmedSeq = c.seq;
  }

  private invalidUpTo(seq: bigint): CheckpointProblem | undefined {
    const first = this.invalid[0];
    return first && first.at <= seq ? first.problem : undefined;
  }

  /** Call for every entry in seq order, after the chain verifier accepted it. */
  check(seq: string, hash: Buffer): CheckpointProblem | undefined {
    const at = BigInt(seq);
    const bad = this.invalidUpTo(at);
    if (bad) return bad;
    while (this.next < this.pending.length && BigInt(this.pending[this.next].seq) <= at) {
      const c = this.pending[this.next++];
      if (BigInt(c.seq) < at) continue; // an entry the chain verifier would already have refused as a gap
      if (!c.hash.equals(hash)) {
        return contradiction(c, seq, 'the entry at this seq has another hash than the signed checkpoint: the log was rewritten');
      }
      this.confirm(c);
    }
    return undefined;
  }

  /** Call once after the last entry: a checkpoint beyond the end of the log means entries were removed. */
  finish(lastSeq: string): CheckpointProblem | undefined {
    const bad = this.invalid[0]?.problem;
    if (bad) return bad;
    const c = this.pending[this.next];
    if (c) return contradiction(c, lastSeq, `the log ends at seq ${lastSeq}, before this signed checkpoint: entries were removed`);
    return undefined;
  }
}

function describe(head: CheckpointHead, origin: string): ContradictedCheckpoint {
  return { seq: head.seq, hash: head.hash.toString('hex'), time: head.time.toISOString(), origin };
}

function contradiction(c: CheckpointHead & CheckpointToCheck, seq: string, reason: string): CheckpointProblem {
  return { seq, reason, checkpoint: describe(c, c.origin) };
}

/**
 * Whether to sign the head now: the chain moved past the last checkpoint (an idle log is not re-signed, so parties
 * get no mail without news) and the last checkpoint is at least `intervalMinutes` old.
 */
export function checkpointDue(headSeq: string, last: { seq: string; signedAt: Date } | null, now: Date, intervalMinutes: number): boolean {
  if (BigInt(headSeq) === 0n) return false;
  if (!last) return true;
  return BigInt(headSeq) > BigInt(last.seq) && now.getTime() - last.signedAt.getTime() >= intervalMinutes * 60_000;
}
