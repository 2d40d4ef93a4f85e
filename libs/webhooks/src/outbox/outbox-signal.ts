import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@stratum/database';

/**
 * Tells the relay which tenants have new outbox rows: a Redis sorted set of tenant ids (a tenant
 * appears once however many rows it wrote). Only a hint: a signal lost while Redis is down is
 * made up for by the sweeper, which finds the rows themselves.
 */
@Injectable()
export class OutboxSignal {
  private readonly logger = new Logger(OutboxSignal.name);
  readonly key: string;
  /** Tenants a relay has taken from `key` and not finished, scored by when the take runs out. */
  readonly takenKey: string;

  constructor(private readonly redis: RedisService) {
    this.key = redis.key('webhooks', 'relay-due');
    this.takenKey = redis.key('webhooks', 'relay-taken');
  }

  /** Marks the tenant due for relaying (call after the rows committed). */
  notify(tenantId: string): void {
    void this.redis.client
      .zadd(this.key, 'NX', Date.now(), tenantId)
      .catch((err: Error) => this.logger.warn(`could not signal the webhook relay: ${err.message}`));
  }
}
