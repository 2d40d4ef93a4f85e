import { Processor } from '@nestjs/bullmq';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { MailSettings } from '@stratum/config';
import { QUEUES, WORKER_METRICS } from '@stratum/database';
import { MailTransport, QueuedMail, render } from '@stratum/mail';
import { continueTrace } from '@stratum/tracing';
import { Job } from 'bullmq';
import { GracefulWorkerHost, jobAttributes } from '../graceful-worker-host';

/**
 * Sends queued emails. A failed send throws, so BullMQ retries it with exponential backoff
 * (MAIL_ATTEMPTS attempts); the message id stays the same across attempts.
 */
@Processor(QUEUES.email, { concurrency: 4, ...WORKER_METRICS })
export class EmailProcessor extends GracefulWorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(EmailProcessor.name);
  private readonly transport: MailTransport;

  constructor(config: MailSettings) {
    super();
    this.transport = new MailTransport(config);
  }

  process(job: Job<QueuedMail>): Promise<void> {
    return continueTrace(job.data.traceContext, `email ${job.name}`, jobAttributes(QUEUES.email, job), () => this.send(job));
  }

  private async send(job: Job<QueuedMail>): Promise<void> {
    const mail = render(job.data);
    try {
      await this.transport.send({ ...mail, to: job.data.to, messageId: `${job.id ?? job.name}` });
    } catch (err) {
      this.logger.warn(
        `sending ${job.name} to ${job.data.to} failed (attempt ${job.attemptsMade + 1}): ${(err as Error).message}`,
      );
      throw err;
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
