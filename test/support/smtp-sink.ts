import { SMTPServer } from 'smtp-server';
import { freePort } from './test-config.js';

export interface SunkMail {
  from: string;
  to: string[];
  /** the raw RFC 5322 message */
  raw: string;
  subject: string;
  messageId: string;
  /** the decoded text body (quoted-printable undone) */
  text: string;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for `startTestApp({ env: { SMTP_URL: sink.url } })` */
  url: string;
  messages: SunkMail[];
  /** resolves with the first message matching `predicate` (waiting for it), or rejects after `timeoutMs` */
  waitFor(predicate?: (m: SunkMail) => boolean, timeoutMs?: number): Promise<SunkMail>;
  /** stops listening (the port stays reserved for `start()` again: an SMTP outage) */
  stop(): Promise<void>;
  /** listens again on the same port */
  start(): Promise<void>;
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : '';
}

/** RFC 2047 encoded words; the blanks between two adjacent ones belong to the folding, not to the text. */
function decodeMimeWords(text: string): string {
  return text.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_w, _cs, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function textBody(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = header(raw, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free local port that keeps every message it receives.
 * No TLS and no authentication: the service connects with `smtp://127.0.0.1:<port>`.
 */
export async function startSmtpSink(port?: number): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const waiters = new Set<() => void>();
  const the = { port: port ?? (await freePort()) };
  let server: SMTPServer | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        secure: false,
        authOptional: true,
        disabledCommands: ['AUTH', 'STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              subject: decodeMimeWords(header(raw, 'Subject')),
              messageId: header(raw, 'Message-ID'),
              text: textBody(raw),
            });
            for (const w of waiters) w();
            callback();
          });
        },
      });
      server.once('error', reject);
      server.listen(the.port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = undefined;
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return the.port;
    },
    get url() {
      return `smtp://127.0.0.1:${the.port}`;
    },
    messages,
    waitFor(predicate = () => true, timeoutMs = 15_000) {
      return new Promise<SunkMail>((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop,
    start: listen,
    close: stop,
  };
}
