import type { DataSource } from 'typeorm';
import type { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** The pg pool behind the DataSource, for metrics and tests. */
export function pgPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

export function poolStats(dataSource: DataSource): PoolStats {
  const pool = pgPool(dataSource);
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

/** Why the pool closed a connection: recycled (max tenants, max uses, lifetime), idle timeout, an error, or the pool ending. */
export const POOL_CLOSE_REASONS = ['max_tenants', 'max_uses', 'lifetime', 'idle', 'error', 'shutdown'] as const;
export type PoolCloseReason = (typeof POOL_CLOSE_REASONS)[number];

const monitors = new WeakMap<Pool, PoolMonitor>();

/**
 * Counts the connections a pg pool opens and closes, closes by reason. Recycling
 * (DATABASE_POOL_MAX_USES, DATABASE_POOL_MAX_LIFETIME_SECONDS) shows up as `max_uses` and
 * `lifetime`; read by the metrics endpoint and the scale benchmark.
 */
export class PoolMonitor {
  opened = 0;
  readonly closed: Record<PoolCloseReason, number> = { max_tenants: 0, max_uses: 0, lifetime: 0, idle: 0, error: 0, shutdown: 0 };
  private readonly uses = new WeakMap<PoolClient, number>();
  private readonly born = new WeakMap<PoolClient, number>();
  private readonly failed = new WeakSet<PoolClient>();
  private readonly retired = new WeakSet<PoolClient>();

  private constructor(private readonly pool: Pool) {
    pool.on('connect', (client) => {
      this.opened += 1;
      this.born.set(client, Date.now());
    });
    pool.on('acquire', (client) => this.uses.set(client, (this.uses.get(client) ?? 0) + 1));
    pool.on('error', (_err, client) => this.failed.add(client));
    // AffinityPool: a connection that has served DATABASE_POOL_MAX_TENANTS tenants.
    (pool as unknown as EventEmitter).on('retire', (client: PoolClient) => this.retired.add(client));
    pool.on('remove', (client) => {
      this.closed[this.reason(client)] += 1;
    });
  }

  /** The monitor of `pool`, attached on first use. */
  static of(pool: Pool): PoolMonitor {
    let monitor = monitors.get(pool);
    if (!monitor) {
      monitor = new PoolMonitor(pool);
      monitors.set(pool, monitor);
    }
    return monitor;
  }

  /** Connections closed because they reached their maximum uses or lifetime. */
  get recycled(): number {
    return this.closed.max_tenants + this.closed.max_uses + this.closed.lifetime;
  }

  private reason(client: PoolClient): PoolCloseReason {
    const options = this.pool.options as { maxUses?: number; maxLifetimeSeconds?: number };
    const pool = this.pool as unknown as { ending?: boolean };
    if (this.failed.has(client)) return 'error';
    if (this.retired.has(client)) return 'max_tenants';
    if (options.maxUses && options.maxUses !== Infinity && (this.uses.get(client) ?? 0) >= options.maxUses) return 'max_uses';
    const age = Date.now() - (this.born.get(client) ?? Date.now());
    if (options.maxLifetimeSeconds && age >= options.maxLifetimeSeconds * 1000) return 'lifetime';
    if (pool.ending) return 'shutdown';
    return 'idle';
  }
}
