import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Min } from 'class-validator';
import { IntRange, Setting, Settings, SettingsGroup, toBool, toInt } from './setting';

/** Webhook delivery: where endpoints may be, the retry schedule, concurrency, the sweeper and retention. */
@SettingsGroup('webhooks', 'Webhooks')
export class WebhookSettings extends Settings {
  @Setting({
    description:
      'webhook endpoints may be on 127.0.0.0/8 and `::1` (development and tests; refused in production); every other non-public address stays refused',
  })
  @Transform(toBool)
  @IsBoolean()
  WEBHOOKS_ALLOW_LOOPBACK = false;

  @Setting({
    description:
      'delay before each delivery attempt, comma-separated (default: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); after the last, the message is dead-lettered',
  })
  @Matches(/^\d{1,10}(,\d{1,10}){0,49}$/, {
    message: 'WEBHOOK_RETRY_DELAYS_MS must be comma-separated milliseconds, e.g. 0,5000',
  })
  WEBHOOK_RETRY_DELAYS_MS = '0,5000,300000,1800000,7200000,18000000,36000000,36000000';

  /** The delivery schedule: WEBHOOK_RETRY_DELAYS_MS as numbers. */
  get webhookRetryDelays(): number[] {
    return this.WEBHOOK_RETRY_DELAYS_MS.split(',').map(Number);
  }

  @Setting({ description: 'how long one delivery attempt may take' })
  @IntRange(100, 60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  @Setting({ description: 'deliveries one worker makes at once' })
  @IntRange(1, 512)
  WEBHOOK_CONCURRENCY = 64;

  @Setting({
    description: 'deliveries to one endpoint in flight at once, across all workers (a slow endpoint holds no more)',
  })
  @IntRange(1, 64)
  WEBHOOK_ENDPOINT_CONCURRENCY = 4;

  @Setting({
    description: 'an endpoint whose every attempt fails for this long (default 5 days) is disabled and the tenant admins emailed',
  })
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

  @Setting({ description: "how often the worker's outbox sweeper runs" })
  @IntRange(1000, 3_600_000)
  WEBHOOK_SWEEP_INTERVAL_MS = 60_000;

  @Setting({
    description:
      'how long a delivery may be overdue before the sweeper queues it again (lost relay signals, jobs lost with Redis)',
  })
  @IntRange(500, 86_400_000)
  WEBHOOK_STUCK_AFTER_MS = 300_000;

  @Setting({ description: 'delivery attempts (and finished messages) kept this long' })
  @IntRange(1, 3650)
  WEBHOOK_RETENTION_DAYS = 30;
}
