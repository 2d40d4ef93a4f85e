import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditRetentionService } from '@stratum/audit';
import { AppConfig } from '@stratum/config';
import { QUEUES, WORKER_METRICS } from '@stratum/database';
import { TenantPurgeService } from '@stratum/platform';
import { OutboxSweeper, WebhookRetention } from '@stratum/webhooks';
import { Job, Queue } from 'bullmq';
import { GracefulWorkerHost } from '../graceful-worker-host';

/** Scheduled housekeeping. Jobs are idempotent: running one twice does no harm. */
@Processor(QUEUES.maintenance, WORKER_METRICS)
export class MaintenanceProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly purge: TenantPurgeService,
    private readonly retention: AuditRetentionService,
    private readonly webhookSweeper: OutboxSweeper,
    private readonly webhookRetention: WebhookRetention,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // One scheduler per name across all workers; upserting keeps it in step with the code.
    await this.queue.upsertJobScheduler('tenant-purge', { every: 60 * 60 * 1000 }, { name: 'tenant-purge' });
    await this.queue.upsertJobScheduler('audit-retention', { pattern: '30 3 * * *' }, { name: 'audit-retention' });
    await this.queue.upsertJobScheduler(
      'webhook-sweep',
      { every: this.config.WEBHOOK_SWEEP_INTERVAL_MS },
      { name: 'webhook-sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.queue.upsertJobScheduler('webhook-retention', { pattern: '45 3 * * *' }, { name: 'webhook-retention' });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'tenant-purge': {
        const purged = await this.purge.purgeExpired();
        if (purged.length) this.logger.log(`purged ${purged.length} tenant(s)`);
        return { purged };
      }
      case 'audit-retention': {
        const purged = await this.retention.purgeAll();
        if (purged.length) this.logger.log(`audit retention: ${purged.map((p) => `${p.tenantId} -${p.removed}`).join(', ')}`);
        return { purged };
      }
      case 'webhook-sweep':
        return { swept: await this.webhookSweeper.sweep() };
      case 'webhook-retention': {
        const purged = await this.webhookRetention.purgeAll();
        if (purged.length) this.logger.log(`webhook retention: ${purged.map((p) => `${p.tenantId} -${p.attempts}`).join(', ')}`);
        return { purged };
      }
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  }
}
