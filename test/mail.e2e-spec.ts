import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxService } from '../src/notifications/outbox.service.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function enqueueTest(t: TestApp, reference: string, email = 'someone@example.test', language: 'nl' | 'en' = 'nl') {
  const outbox = t.app.get(OutboxService);
  await t.db.transaction((m) => outbox.enqueue(m, { to: { email, language }, template: 'system.test', params: { reference } }));
}

describe('mail outbox (issue 3, item 6)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ database: 'migrated', env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('a mail enqueued with a change reaches a real SMTP server, in the recipient language, with a link and a stable Message-ID', async () => {
    await enqueueTest(t, 'first', 'anna@example.test', 'en');
    const mail = await sink.waitFor((m) => m.subject.includes('first'));
    expect(mail.to).toEqual(['anna@example.test']);
    expect(mail.subject).toBe('Ketenkluis: test message first');
    expect(mail.text).toContain(t.config.publicUrl);
    const [row] = await t.db.query(`SELECT id::text, status, attempts FROM outbox WHERE subject LIKE '%first%'`);
    await until(async () => (await t.db.query(`SELECT status FROM outbox WHERE id = $1`, [row.id]))[0].status === 'sent');
    expect(mail.messageId).toMatch(new RegExp(`^<outbox-${row.id}\\.\\d+@`));
  });
});
