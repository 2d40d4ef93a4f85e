import { Injectable } from '@nestjs/common';
import { MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters } from './database-clusters';
import { RedisService } from './redis.service';

export interface HealthReport {
  /** `degraded`: serving (200), but tenants on a cluster that is down get 503 for now. */
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

/**
 * Readiness of the process's dependencies, each bounded by a timeout: the main PostgreSQL cluster
 * (`database`: the platform schema, every request needs it) and Redis are required; another
 * cluster of DATABASE_CLUSTERS (`database:<name>`) that is down only degrades the instance, since
 * every instance would fail the same way and taking them all out of the load balancer would
 * take down the tenants of the other clusters too.
 */
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
    const up = (work: Promise<unknown>) =>
      within(2000, work).then(
        (ok) => (ok === false ? ('down' as const) : ('up' as const)),
        () => 'down' as const,
      );
    const clusters = this.clusters.entries();
    const [redis, ...databases] = await Promise.all([
      up(this.redis.ping()),
      ...clusters.map(([, ds]) => up(ds.query('SELECT 1'))),
    ]);
    const checks: Record<string, 'up' | 'down'> = { database: 'down', redis };
    clusters.forEach(([name], i) => (checks[name === MAIN_CLUSTER ? 'database' : `database:${name}`] = databases[i]));
    const required = checks.database === 'up' && redis === 'up';
    const status = this.draining || !required ? 'unavailable' : databases.includes('down') ? 'degraded' : 'ok';
    return { status, checks };
  }
}
