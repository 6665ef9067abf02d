import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Piscina } from 'piscina';
import { TooManyRequests } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sodium } from './sodium.js';

/** 429: every password-hash worker is busy and the queue in front of them is full. */
export class HashingBusy extends TooManyRequests {
  constructor() {
    super(1);
  }
}

export interface PasswordHashPoolOptions {
  /** worker threads, each hashing one password at a time */
  workers: number;
  /** tasks that may wait for a worker; the one after that is refused with `HashingBusy` */
  queue: number;
}

/**
 * Argon2id password hashing (`crypto_pwhash_str`, libsodium's INTERACTIVE limits: DESIGN.md asks at least those) in a
 * small pool of worker threads, so a flood of sign-in attempts never blocks the event loop that answers everybody
 * else (issue 12, part 2). The pool is bounded twice: PASSWORD_HASH_WORKERS threads, and PASSWORD_HASH_QUEUE tasks
 * waiting for them; past that a caller gets `HashingBusy` (429 with Retry-After) at once instead of a growing wait.
 * The hash string records algorithm, limits and salt, so limits can be raised later without a migration.
 */
export class PasswordHashPool {
  private readonly pool: Piscina<{ password: string; hash?: string }, string | boolean>;
  private dummy?: Promise<string>;

  constructor(options: PasswordHashPoolOptions) {
    this.pool = new Piscina({
      // The same file name from src (vitest) and from dist: see the note at the top of the worker.
      filename: new URL('./password-hash.worker.js', import.meta.url).href,
      minThreads: options.workers,
      maxThreads: options.workers,
      maxQueue: options.queue,
      idleTimeout: 60_000,
    });
  }

  async hash(password: string): Promise<string> {
    return (await this.run('hash', { password })) as string;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    return (await this.run('verify', { hash, password })) as boolean;
  }

  /**
   * Verifies against a hash of a random password: what a sign-in for an unknown email (or a person without a password)
   * costs, so the answer takes as long whether or not the account exists (no account enumeration by timing).
   */
  async verifyDummy(password: string): Promise<false> {
    // A failed first hash (a full queue) is not kept: the next call tries again.
    const dummy = await this.prime().catch((error: unknown) => {
      this.dummy = undefined;
      throw error;
    });
    await this.verify(dummy, password);
    return false;
  }

  /** Makes the dummy hash now (once), so the first unknown email does not cost two hashes. */
  prime(): Promise<string> {
    return (this.dummy ??= this.hash(sodium.to_base64(sodium.randombytes_buf(24))));
  }

  /** Waits for the running and queued tasks, then stops the threads. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private async run(name: 'hash' | 'verify', task: { password: string; hash?: string }): Promise<string | boolean> {
    try {
      return await this.pool.run(task, { name });
    } catch (error) {
      if (error instanceof Error && POOL_FULL.includes(error.message)) throw new HashingBusy();
      throw error;
    }
  }
}

/** piscina's refusal when the queue is full (it has no error codes). A bound of 0 is not allowed: piscina 5.3 then
 * refuses every task after the first burst, so PASSWORD_HASH_QUEUE starts at 1. */
const POOL_FULL = ['Task queue is at limit'];

/** The app's password-hash pool, sized from the configuration and stopped with the app. */
@Injectable()
export class PasswordHasher extends PasswordHashPool implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ workers: config.passwordHashWorkers, queue: config.passwordHashQueue });
  }

  async onModuleInit(): Promise<void> {
    await this.prime();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}
