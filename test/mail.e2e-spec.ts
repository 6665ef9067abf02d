import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxService } from '../src/notifications/outbox.service.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';

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

/** A real change through HTTP that commits a mail with it: the secretariat invites a person into Metaalbond. */
async function inviteThroughHttp(t: TestApp, token: string, email: string): Promise<void> {
  const [org] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'metaalbond'`);
  const res = await t.http().post(`/api/v1/organisations/${org.id}/people`).set('authorization', `Bearer ${token}`)
    .send({ name: 'Post Bode', email, language: 'en' });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
}

const outboxRow = async (t: TestApp, email: string) =>
  (await t.db.query(`SELECT id::text, status, attempts, last_error FROM outbox WHERE to_address = $1`, [email])) as Array<{
    id: string;
    status: string;
    attempts: number;
    last_error: string | null;
  }>;

describe('mail survives an SMTP outage and an app restart, delivered exactly once (issue 3, item 6)', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.close());

  it('SMTP down while a change commits: the change stands, delivery retries with backoff, and the mail arrives once when SMTP returns', async () => {
    const t = await startTestApp({ env: { SMTP_URL: sink.url } });
    try {
      const token = await t.login(SECRETARIAT);
      await sink.stop();
      await inviteThroughHttp(t, token, 'outage@example.test');
      // The invitation committed although no mail could go out.
      expect((await t.db.query(`SELECT 1 FROM people WHERE email = 'outage@example.test'`)).length).toBe(1);
      await until(async () => ((await outboxRow(t, 'outage@example.test'))[0]?.attempts ?? 0) >= 2);
      const [failing] = await outboxRow(t, 'outage@example.test');
      expect(failing.status).toBe('pending');
      expect(failing.last_error).toBeTruthy();
      expect(sink.messages.filter((m) => m.to.includes('outage@example.test'))).toHaveLength(0);

      await sink.start();
      await sink.waitFor((m) => m.to.includes('outage@example.test'));
      await until(async () => (await outboxRow(t, 'outage@example.test'))[0].status === 'sent');
      // Several more poll rounds: nothing is sent twice.
      await new Promise((r) => setTimeout(r, 20 * t.config.mail.pollMs));
      expect(sink.messages.filter((m) => m.to.includes('outage@example.test'))).toHaveLength(1);
      const [sent] = await outboxRow(t, 'outage@example.test');
      expect(sent.attempts).toBeGreaterThanOrEqual(3);
      expect(sent.last_error).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('the app dies between commit and delivery: after a restart on the same database the mail is delivered, once', async () => {
    // The first instance commits the change but never delivers (no worker: as if killed right after the commit).
    const first = await startTestApp({ env: { SMTP_URL: sink.url, OUTBOX_WORKER: 'off' } });
    const databaseUrl = first.databaseUrl;
    try {
      await inviteThroughHttp(first, await first.login(SECRETARIAT), 'restart@example.test');
      expect((await outboxRow(first, 'restart@example.test'))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    } finally {
      await first.close();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.filter((m) => m.to.includes('restart@example.test'))).toHaveLength(0);

    const second = await startTestApp({ databaseUrl, env: { SMTP_URL: sink.url } });
    try {
      await sink.waitFor((m) => m.to.includes('restart@example.test'));
      await until(async () => (await outboxRow(second, 'restart@example.test'))[0].status === 'sent');
    } finally {
      await second.close();
    }
    // A third start on the same data sends nothing again.
    const third = await startTestApp({ databaseUrl, env: { SMTP_URL: sink.url } });
    try {
      await new Promise((r) => setTimeout(r, 20 * third.config.mail.pollMs));
      expect(sink.messages.filter((m) => m.to.includes('restart@example.test'))).toHaveLength(1);
      expect((await outboxRow(third, 'restart@example.test'))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await third.close();
    }
  });

  it('two app instances on one database deliver each mail exactly once between them', async () => {
    const a = await startTestApp({ database: 'migrated', env: { SMTP_URL: sink.url } });
    const b = await startTestApp({ databaseUrl: a.databaseUrl, env: { SMTP_URL: sink.url } });
    try {
      const references = Array.from({ length: 30 }, (_, i) => `pair-${i}`);
      for (const [i, reference] of references.entries()) await enqueueTest(i % 2 ? a : b, reference, `pair${i}@example.test`);
      await until(async () => (await a.db.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'`))[0].n === references.length);
      await new Promise((r) => setTimeout(r, 10 * a.config.mail.pollMs));
      for (const reference of references) {
        expect(sink.messages.filter((m) => m.subject.endsWith(` ${reference}`)), reference).toHaveLength(1);
      }
    } finally {
      await b.close();
      await a.close();
    }
  });
});
