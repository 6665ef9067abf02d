import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { nextAttemptDelayMs } from './backoff.js';
import { OutboxRepository, type OutboxRow } from './outbox.repository.js';
import { TEMPLATES } from './templates/index.js';

/** Templates whose body carries a one-time credential (`carriesCredential`): blanked once sent. */
const CREDENTIAL_TEMPLATES = Object.entries(TEMPLATES)
  .filter(([, t]) => t.carriesCredential)
  .map(([name]) => name);

/** The stable Message-ID of an outbox row, so a receiver can drop a duplicate after a crash mid-delivery. */
export function messageIdFor(row: { id: string; created_at: Date }, publicUrl: string): string {
  let host = 'ketenkluis.invalid';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    /* keep the default */
  }
  return `<outbox-${row.id}.${row.created_at.getTime()}@${host}>`;
}

/**
 * Delivers the outbox (issue 3, item 6). Started on application bootstrap when `config.mail.workerEnabled`;
 * every `pollMs` it claims one due row at a time with `FOR UPDATE SKIP LOCKED` (so several app instances never
 * take the same row), sends it over SMTP (`config.mail.smtpUrl`) or, without SMTP, writes an `.eml` file into
 * `config.mail.dir`, and marks it sent in the same transaction. A failure counts an attempt and schedules the
 * next one with exponential backoff; after `maxAttempts` the row is `failed`. All state is in the table, so a
 * restart simply carries on. On shutdown it stops claiming and finishes the message in flight.
 */
@Injectable()
export class MailDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.workerEnabled) return;
    this.transport = this.config.mail.smtpUrl
      ? nodemailer.createTransport({
          url: this.config.mail.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as Parameters<typeof nodemailer.createTransport>[0])
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    if (!this.config.mail.smtpUrl) mkdirSync(this.config.mail.dir, { recursive: true });
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }

  private schedule(delayMs: number) {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.deliverDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`outbox poll failed: ${(error as Error).message}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.config.mail.pollMs);
        });
    }, delayMs);
  }

  /** Delivers due rows one by one until none is left (or shutdown begins). Returns how many were handled. */
  async deliverDue(): Promise<number> {
    let handled = 0;
    while (!this.stopping && (await this.deliverOne())) handled++;
    return handled;
  }

  /** Claims, sends and marks one due row in one transaction; false when nothing was due. */
  private deliverOne(): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const row = await this.outbox.claimNext(m);
      if (!row) return false;
      try {
        await this.send(row);
        // A one-time link is a credential: once delivered, the outbox keeps no copy of it.
        await this.outbox.markSent(m, row.id, CREDENTIAL_TEMPLATES);
        this.logger.log(`outbox ${row.id} delivered`);
      } catch (error) {
        const attempts = row.attempts + 1;
        const failed = attempts >= this.config.mail.maxAttempts;
        // The error text comes from the transport (connection refused, 5xx reply), never from mail content.
        const reason = String((error as Error).message ?? error).slice(0, 500);
        await this.outbox.markFailedAttempt(m, row.id, attempts, reason, failed, nextAttemptDelayMs(attempts, this.config.mail.backoffBaseMs));
        this.logger.warn(`outbox ${row.id} attempt ${attempts} failed${failed ? ', giving up' : ''}: ${reason}`);
      }
      return true;
    });
  }

  private async send(row: OutboxRow): Promise<void> {
    if (!this.transport) throw new Error('mail transport not started');
    const messageId = messageIdFor(row, this.config.publicUrl);
    const info = (await this.transport.sendMail({
      from: this.config.mail.from,
      to: row.to_address,
      subject: row.subject,
      text: row.body_text,
      messageId,
      headers: { 'X-Ketenkluis-Outbox-Id': row.id },
    })) as { message?: Buffer; rejected?: unknown[] };
    if (!this.config.mail.smtpUrl) {
      const file = join(this.config.mail.dir, `outbox-${row.id}.eml`);
      writeFileSync(`${file}.tmp`, info.message ?? Buffer.alloc(0), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    } else if (info.rejected && info.rejected.length > 0) {
      throw new Error('the SMTP server rejected the recipient');
    }
  }
}
