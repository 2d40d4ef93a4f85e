import { Logger } from '@nestjs/common';
import type { MailSettings } from '@stratum/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import type { RenderedMail } from './templates/render';

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Stable per job, so a retried send is recognisable as the same message. */
  messageId: string;
}

/**
 * Sends through SMTP_URL. Without it (development only) each message is written as an .eml file
 * under MAIL_DIR and its links are logged, so a developer can click through an invitation.
 */
export class MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly smtp?: Transporter;
  private readonly files?: Transporter;
  private readonly dir: string;

  constructor(private readonly config: MailSettings) {
    this.dir = resolve(config.MAIL_DIR);
    if (config.SMTP_URL) {
      const url = new URL(config.SMTP_URL);
      // Bounded timeouts: a hung SMTP server must fail the attempt (and retry), not stall the worker.
      url.searchParams.set('connectionTimeout', '10000');
      url.searchParams.set('greetingTimeout', '10000');
      url.searchParams.set('socketTimeout', '20000');
      this.smtp = createTransport(url.toString());
    } else if (config.isProduction) {
      throw new Error('SMTP_URL is required in production: emails cannot be delivered without it');
    } else {
      this.files = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.messageId}@stratum>`,
    };
    if (this.smtp) {
      await this.smtp.sendMail(message);
      return;
    }
    const info = (await this.files!.sendMail(message)) as { message: Buffer };
    mkdirSync(this.dir, { recursive: true });
    const file = join(
      this.dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`,
    );
    writeFileSync(file, info.message, { mode: 0o600 });
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    this.logger.log(`email to ${mail.to} ("${mail.subject}") written to ${file}${links.length ? `; link: ${links[0]}` : ''}`);
  }

  close(): void {
    this.smtp?.close();
  }
}
