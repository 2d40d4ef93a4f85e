import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters, type Statement } from '@stratum/database';
import { EntityManager } from 'typeorm';
import type { Tenant } from '../registry/tenant.entity';
import { TenantContext } from './tenant-context';
import { UnitOfWork } from './unit-of-work';

/**
 * The connection resolver for tenant data. A tenant unit of work runs in ONE transaction on the
 * shared pool that starts with `SET LOCAL ROLE <tenant role>` and `SET LOCAL search_path TO
 * <tenant schema>`: PostgreSQL itself then refuses anything outside the tenant's schema, and
 * both settings end with the transaction, so nothing of this tenant survives into the next use
 * of the connection (also behind PgBouncer in transaction mode).
 *
 * The transaction begins on the first `manager()` call, so requests that never touch tenant
 * data never take a connection. Platform lookups happen before it begins (or come from the
 * registry cache).
 *
 * The connection comes from the pool of the tenant's cluster (`tenant.cluster`): one bounded pool
 * per cluster, shared by every tenant on it.
 */
const beginTenant = (tenant: Tenant) =>
  `START TRANSACTION; SET LOCAL ROLE ${quoteIdent(tenant.roleName)}; SET LOCAL search_path TO ${quoteIdent(tenant.schemaName)}`;

@Injectable()
export class TenantDatabase {
  constructor(
    private readonly work: UnitOfWork,
    private readonly context: TenantContext,
    private readonly clusters: DatabaseClusters,
  ) {}

  /** The EntityManager bound to the current tenant's transaction. */
  manager(): Promise<EntityManager> {
    const tenant = this.context.get();
    return this.work.manager(
      `tenant:${tenant.id}`,
      beginTenant(tenant),
      this.clusters.dataSource(tenant.cluster ?? MAIN_CLUSTER),
    );
  }

  /**
   * The rows of `query` (one statement, no parameters: values inlined as literals by the caller)
   * in the current tenant's transaction; the transaction's first query shares its round trip.
   */
  query<R>(query: string): Promise<R[]> {
    const tenant = this.context.get();
    return this.work.query<R>(
      `tenant:${tenant.id}`,
      beginTenant(tenant),
      this.clusters.dataSource(tenant.cluster ?? MAIN_CLUSTER),
      query,
    );
  }

  get isOpen(): boolean {
    return this.work.isOpen;
  }

  /** Commits now (e.g. to keep a record of a refused login before answering the refusal). */
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

  /**
   * Runs `fn` in the tenant's transaction with the application's own privileges, for the few
   * writes a tenant makes to its platform record (its settings), so the change and its audit
   * event still commit together. The tenant role and search path are back in force afterwards.
   * For a tenant on another cluster than `main`, `fn` runs in a platform transaction on `main`
   * joined to the unit of work (committed just before the tenant's).
   */
  async withPlatformPrivileges<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const tenant = this.context.get();
    if ((tenant.cluster ?? MAIN_CLUSTER) !== MAIN_CLUSTER) {
      await this.manager();
      return fn(await this.work.companion('platform', this.clusters.main));
    }
    const em = await this.manager();
    const restore = `SET LOCAL ROLE ${quoteIdent(tenant.roleName)}; SET LOCAL search_path TO ${quoteIdent(tenant.schemaName)}`;
    await em.query('SET LOCAL ROLE NONE');
    let result: T;
    try {
      result = await fn(em);
    } catch (err) {
      // An aborted transaction refuses the restore too; it can only roll back, which ends both settings.
      await em.query(restore).catch(() => undefined);
      throw err;
    }
    await em.query(restore);
    return result;
  }

  /** Runs `fn` after this unit of work commits (never if it rolls back). */
  afterCommit(fn: () => unknown): void {
    this.work.afterCommit(fn);
  }

  /** Runs `fn` as its own unit of work for `tenant` (jobs, scripts, tests). */
  run<T>(tenant: Tenant, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.work.isolated(
      () => this.context.set(tenant),
      async () => fn(await this.manager()),
    );
  }
}
