import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AffinityPool, DatabaseClusters, pgPool, POOL_CLOSE_REASONS, RedisService } from '@stratum/database';
import { QueuesService } from '@stratum/platform';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countLiveTenants, TENANT_STATUSES } from '@stratum/tenancy';
import { DataSource } from 'typeorm';

/** Redis hash the webhook delivery workers count their outcomes in (field: outcome). */
export const WEBHOOK_OUTCOMES_KEY = 'metrics:webhook-deliveries';

/**
 * Prometheus metrics of one API process, in a registry of its own: HTTP request durations by
 * route and status, the connection pool, queue depths and job outcomes (BullMQ's own counters,
 * shared by every worker), webhook delivery outcomes and tenants by status. Gauges are read at
 * scrape time.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly queues: Queue[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    platformQueues: QueuesService,
    clusters: DatabaseClusters,
  ) {
    this.queues = platformQueues.all();
    const registers = [this.registry];
    // CPU, memory, heap, event-loop lag, handles: prom-client's process metrics.
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'stratum_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    new Gauge({
      name: 'stratum_db_pool_connections',
      help: "Connections of each database cluster's pool by state",
      labelNames: ['cluster', 'state'],
      registers,
      collect() {
        for (const [cluster, ds] of clusters.entries()) {
          const p: Pool = pgPool(ds);
          this.set({ cluster, state: 'total' }, p.totalCount);
          this.set({ cluster, state: 'idle' }, p.idleCount);
          this.set({ cluster, state: 'in_use' }, p.totalCount - p.idleCount);
          this.set({ cluster, state: 'waiting' }, p.waitingCount);
        }
      },
    });
    new Counter({
      name: 'stratum_db_pool_connections_closed_total',
      help: 'Pool connections closed, by cluster and reason: max_tenants, max_uses and lifetime are recycling (DATABASE_POOL_MAX_TENANTS, DATABASE_POOL_MAX_USES, DATABASE_POOL_MAX_LIFETIME_SECONDS)',
      labelNames: ['cluster', 'reason'],
      registers,
      collect() {
        this.reset();
        for (const cluster of clusters.names) {
          const closed = clusters.monitor(cluster).closed;
          for (const reason of POOL_CLOSE_REASONS) this.inc({ cluster, reason }, closed[reason]);
        }
      },
    });
    new Counter({
      name: 'stratum_db_pool_affinity_total',
      help: 'Tenant units of work by the connection that served them: the one serving that tenant by preference (home) or another (elsewhere); DATABASE_POOL_AFFINITY',
      labelNames: ['cluster', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const [cluster, ds] of clusters.entries()) {
          const pool: unknown = pgPool(ds);
          if (!(pool instanceof AffinityPool)) continue;
          this.inc({ cluster, outcome: 'home' }, pool.affinity.home);
          this.inc({ cluster, outcome: 'elsewhere' }, pool.affinity.elsewhere);
        }
      },
    });
    new Counter({
      name: 'stratum_db_pool_connections_opened_total',
      help: 'Pool connections opened, by cluster',
      labelNames: ['cluster'],
      registers,
      collect() {
        this.reset();
        for (const cluster of clusters.names) this.inc({ cluster }, clusters.monitor(cluster).opened);
      },
    });
    const queues = this.queues;
    new Gauge({
      name: 'stratum_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const q of queues) {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
        }
      },
    });
    new Counter({
      name: 'stratum_queue_jobs_processed_total',
      help: 'Jobs processed per queue and outcome, by every worker (BullMQ metrics)',
      labelNames: ['queue', 'outcome'],
      registers,
      async collect() {
        this.reset();
        for (const q of queues) {
          for (const outcome of ['completed', 'failed'] as const) {
            const m = await q.getMetrics(outcome, 0, 0);
            this.inc({ queue: q.name, outcome }, Number(m.meta.count) || 0);
          }
        }
      },
    });
    const store = this.redis;
    new Counter({
      name: 'stratum_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome, by every worker',
      labelNames: ['outcome'],
      registers,
      async collect() {
        this.reset();
        const counts = await store.client.hgetall(store.key(WEBHOOK_OUTCOMES_KEY));
        for (const [outcome, n] of Object.entries(counts)) this.inc({ outcome }, Number(n));
      },
    });
    const ds = this.dataSource;
    new Gauge({
      name: 'stratum_tenants',
      help: 'Tenants by status',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        const counts = await countLiveTenants(ds, 'status', { status: TENANT_STATUSES });
        for (const [status, n] of counts) this.set({ status }, n);
      },
    });
  }

  /** Records durations of one route and status (for routes answered before the Express router). */
  observer(method: string, route: string, status: number): (seconds: number) => void {
    const child = this.http.labels({ method, route, status: String(status) });
    return (seconds) => child.observe(seconds);
  }

  /** Express middleware timing every request; the route is the matched pattern, never the raw URL. */
  httpTimer() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.http.startTimer();
      res.once('finish', () => {
        const route = req.route?.path ? `${req.baseUrl}${req.route.path as string}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }
}
