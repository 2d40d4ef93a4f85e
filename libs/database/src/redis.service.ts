import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RedisSettings } from '@stratum/config';
import Redis, { RedisOptions } from 'ioredis';

/**
 * The shared Redis connection. Keys are namespaced with REDIS_KEY_PREFIX so several
 * deployments (or test runs) can share one Redis without colliding.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private subscriber?: Redis;

  constructor(private readonly config: RedisSettings) {
    // Commands issued in the same tick (many requests at once) share one write to the socket.
    this.client = new Redis(config.REDIS_URL, { ...this.options(), enableAutoPipelining: true });
    this.client.on('error', (err) => this.logger.warn(`Redis: ${err.message}`));
  }

  /**
   * Options for connections made elsewhere (BullMQ needs its own, without a keyPrefix). While
   * Redis is unreachable commands wait in the offline queue (they run once it is back) but no
   * longer than REDIS_COMMAND_TIMEOUT_MS: then they fail with "Command timed out".
   */
  options(): RedisOptions {
    return {
      lazyConnect: false,
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
      commandTimeout: this.config.REDIS_COMMAND_TIMEOUT_MS,
    };
  }

  get prefix(): string {
    return this.config.REDIS_KEY_PREFIX;
  }

  key(...parts: string[]): string {
    return [this.config.REDIS_KEY_PREFIX, ...parts].join(':');
  }

  /** A dedicated connection for pub/sub, created on first use. */
  subscriberConnection(): Redis {
    if (!this.subscriber) {
      this.subscriber = new Redis(this.config.REDIS_URL, this.options());
      this.subscriber.on('error', (err) => this.logger.warn(`Redis subscriber: ${err.message}`));
    }
    return this.subscriber;
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscriber?.quit()]);
  }
}
