import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { MailSettings, SsoSettings } from '@stratum/config';
import { QUEUES } from '@stratum/database';
import { currentTraceContext } from '@stratum/tracing';
import { Queue } from 'bullmq';
import type { MailJob, QueuedMail } from './mail-job';

/**
 * Queues an email for the worker. Jobs retry with exponential backoff when SMTP fails, and are
 * removed once sent, so the one-time links they carry do not linger in Redis.
 */
@Injectable()
export class MailService {
  constructor(
    @InjectQueue(QUEUES.email) private readonly queue: Queue<QueuedMail>,
    private readonly config: MailSettings,
    private readonly api: SsoSettings,
  ) {}

  /** `id` makes the send idempotent (e.g. `invitation:<token id>`). */
  async send(id: string, job: MailJob): Promise<void> {
    await this.queue.add(
      job.template,
      { ...job, traceContext: currentTraceContext() },
      {
        // BullMQ reserves ':' in job ids.
        jobId: id.replace(/:/g, '.'),
        attempts: this.config.MAIL_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 86_400 },
      },
    );
  }

  /**
   * An absolute link into the front end, e.g. link('/reset-password', { tenant, token }); without
   * PUBLIC_APP_URL, to the API's own account pages (under PUBLIC_API_URL, whatever its path).
   */
  link(path: string, query: Record<string, string>): string {
    const url = this.config.PUBLIC_APP_URL
      ? new URL(path, this.config.PUBLIC_APP_URL)
      : new URL(`${this.api.PUBLIC_API_URL}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }
}
