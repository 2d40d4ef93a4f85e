import { Injectable } from '@nestjs/common';
import { MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters, type Statement } from '@stratum/database';
import { EntityManager } from 'typeorm';
import type { Tenant } from '../registry/tenant.entity';
import { UnitOfWork } from './unit-of-work';

/**
 * The platform schema inside the request's unit of work: one transaction, committed before the
 * response, as for tenant data. A request uses either this or TenantDatabase, never both.
 */
@Injectable()
export class PlatformDatabase {
  constructor(
    private readonly work: UnitOfWork,
    private readonly clusters: DatabaseClusters,
  ) {}

  manager(): Promise<EntityManager> {
    return this.work.manager('platform', 'START TRANSACTION');
  }

  /**
   * Where this unit of work reaches `tenant`'s schema with the app's own privileges
   * (schema-qualified names): the platform transaction itself when the tenant lives on `main`,
   * else a transaction on its cluster joined to this unit of work.
   */
  async tenantManager(tenant: Pick<Tenant, 'cluster'>): Promise<EntityManager> {
    const platform = await this.manager();
    const cluster = tenant.cluster ?? MAIN_CLUSTER;
    if (cluster === MAIN_CLUSTER) return platform;
    return this.work.companion(`cluster:${cluster}`, this.clusters.dataSource(cluster));
  }

  commit(): Promise<void> {
    return this.work.commit();
  }

  /** Sends `last` (the transaction's last statement) and the commit back to back (UnitOfWork.commitWith). */
  commitWith(last: Statement): Promise<void> {
    return this.work.commitWith(last);
  }

  rollback(): Promise<void> {
    return this.work.rollback();
  }

  /** Runs `fn` after this unit of work commits (never if it rolls back). */
  afterCommit(fn: () => unknown): void {
    this.work.afterCommit(fn);
  }

  /** Runs `fn` as its own unit of work (jobs, scripts, tests). */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.work.isolated(
      () => undefined,
      async () => fn(await this.manager()),
    );
  }
}
