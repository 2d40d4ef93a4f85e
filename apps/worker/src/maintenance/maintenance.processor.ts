import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditRetentionService } from '@stratum/audit';
import { WebhookSettings } from '@stratum/config';
import { QUEUES, RedisService, WORKER_METRICS } from '@stratum/database';
import { TenantPurgeService } from '@stratum/platform';
import { OutboxSweeper, WebhookRetention } from '@stratum/webhooks';
import { Job, Queue } from 'bullmq';
import { GracefulWorkerHost } from '../graceful-worker-host';

/** The schedulers every worker keeps registered; one of each exists across all workers. */
export const MAINTENANCE_SCHEDULES = ['tenant-purge', 'audit-retention', 'webhook-sweep', 'webhook-retention'] as const;

export interface SweepHealth {
  /** Milliseconds since a webhook sweep last completed (on any worker). */
  lastSweepAgeMs: number;
  /** The age past which the worker reports itself not ready. */
  boundMs: number;
  ok: boolean;
}

/**
 * Scheduled housekeeping. Jobs are idempotent: running one twice does no harm.
 *
 * The schedules live in Redis: a Redis that restarts empty loses them. So they are upserted
 * whenever the queue's connection is (re)established and checked every sweep interval, and the
 * worker's readiness fails when no sweep has completed for three intervals.
 */
@Processor(QUEUES.maintenance, WORKER_METRICS)
export class MaintenanceProcessor extends GracefulWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly lastSweepKey: string;
  private checkTimer?: NodeJS.Timeout;
  private ensuring?: Promise<void>;
  /** When this worker first found no record of a completed sweep (at start, after Redis lost it). */
  private unknownSince = Date.now();

  constructor(
    private readonly purge: TenantPurgeService,
    private readonly retention: AuditRetentionService,
    private readonly webhookSweeper: OutboxSweeper,
    private readonly webhookRetention: WebhookRetention,
    private readonly config: WebhookSettings,
    private readonly redis: RedisService,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
  ) {
    super();
    this.lastSweepKey = redis.key('maintenance', 'last-sweep');
  }

  async onApplicationBootstrap(): Promise<void> {
    // At start every scheduler is upserted, so a changed schedule (a new interval) takes effect.
    await this.upsert([...MAINTENANCE_SCHEDULES]);
    // A Redis that came back (possibly empty): register the schedules again.
    this.queue.getBackend().on('ready', () => void this.ensureSchedulesLogged());
    this.checkTimer = setInterval(() => void this.ensureSchedulesLogged(), this.config.WEBHOOK_SWEEP_INTERVAL_MS);
    this.checkTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.checkTimer);
  }

  /** Upserts the schedulers that are missing (upserting keeps each in step with the code). */
  async ensureSchedules(): Promise<void> {
    this.ensuring ??= this.upsertMissing().finally(() => (this.ensuring = undefined));
    return this.ensuring;
  }

  private async ensureSchedulesLogged(): Promise<void> {
    await this.ensureSchedules().catch((err: Error) =>
      this.logger.warn(`could not register the maintenance schedules: ${err.message}`),
    );
  }

  private async upsertMissing(): Promise<void> {
    const present = new Set((await this.queue.getJobSchedulers()).map((s) => s.key));
    const missing = MAINTENANCE_SCHEDULES.filter((name) => !present.has(name));
    if (!missing.length) return;
    await this.upsert(missing);
    this.logger.warn(`maintenance schedules were missing and registered again: ${missing.join(', ')}`);
  }

  private async upsert(names: (typeof MAINTENANCE_SCHEDULES)[number][]): Promise<void> {
    for (const name of names) {
      switch (name) {
        case 'tenant-purge':
          await this.queue.upsertJobScheduler(name, { every: 60 * 60 * 1000 }, { name });
          break;
        case 'audit-retention':
          await this.queue.upsertJobScheduler(name, { pattern: '30 3 * * *' }, { name });
          break;
        case 'webhook-sweep':
          await this.queue.upsertJobScheduler(
            name,
            { every: this.config.WEBHOOK_SWEEP_INTERVAL_MS },
            { name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
          );
          break;
        case 'webhook-retention':
          await this.queue.upsertJobScheduler(name, { pattern: '45 3 * * *' }, { name });
          break;
      }
    }
  }

  /** How long ago a webhook sweep last completed, and whether that is recent enough. */
  async sweepHealth(): Promise<SweepHealth> {
    const boundMs = Math.max(3 * this.config.WEBHOOK_SWEEP_INTERVAL_MS, 10_000);
    const recorded = Number(await this.redis.client.get(this.lastSweepKey));
    const now = Date.now();
    if (recorded > 0) this.unknownSince = now;
    const lastSweepAgeMs = Math.max(0, now - (recorded > 0 ? recorded : this.unknownSince));
    return { lastSweepAgeMs, boundMs, ok: lastSweepAgeMs <= boundMs };
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
      case 'webhook-sweep': {
        const swept = await this.webhookSweeper.sweep();
        await this.redis.client.set(this.lastSweepKey, String(Date.now()), 'EX', 7 * 24 * 60 * 60);
        return { swept };
      }
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
