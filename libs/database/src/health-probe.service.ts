import { Injectable } from '@nestjs/common';
import { DatabaseClusters } from './database-clusters';
import { RedisService } from './redis.service';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

/** Readiness of the process's dependencies (PostgreSQL and Redis), each bounded by a timeout. */
@Injectable()
export class HealthProbe {
  private draining = false;

  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly redis: RedisService,
  ) {}

  /** After this, readiness reports unavailable so load balancers stop sending work. */
  drain(): void {
    this.draining = true;
  }

  async readiness(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      // Every cluster: a tenant whose cluster is unreachable cannot be served.
      within(2000, Promise.all(this.clusters.entries().map(([, ds]) => ds.query('SELECT 1')))).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(2000, this.redis.ping()).then(
        (ok) => (ok ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    const healthy = !this.draining && database === 'up' && redis === 'up';
    return { status: healthy ? 'ok' : 'unavailable', checks: { database, redis } };
  }
}
