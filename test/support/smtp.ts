import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId?: string;
}

export interface TestSmtp {
  /** SMTP_URL for the worker. */
  url: string;
  received: ReceivedMail[];
  /** The next `n` messages are refused with a temporary error (451), as a flaky server would. */
  failNext(n: number): void;
  /** How many deliveries were refused so far. */
  refused(): number;
  /** Waits (polling, no fixed sleep) for a message to `to` matching `match`. */
  waitFor(to: string, match?: (m: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server (the smtp-server package) on a free port, keeping what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let toFail = 0;
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (toFail > 0) {
          toFail -= 1;
          refused += 1;
          const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(err);
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail: ParsedMail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId,
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext: (n) => {
      toFail = n;
    },
    refused: () => refused,
    async waitFor(to, match = () => true, ms = 15_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = received.find((m) => m.to.includes(to.toLowerCase()) && match(m));
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no email to ${to} within ${ms} ms (received: ${received.map((m) => `${m.to} "${m.subject}"`).join(', ')})`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message whose path is `path`, e.g. linkIn(mail, '/reset-password'). */
export function linkIn(mail: ReceivedMail, path: string): URL {
  for (const raw of mail.text.match(/https?:\/\/\S+/g) ?? []) {
    const url = new URL(raw);
    if (url.pathname === path) return url;
  }
  throw new Error(`no ${path} link in "${mail.subject}": ${mail.text}`);
}
