import type { DataSource } from 'typeorm';
import type { Pool } from 'pg';

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
