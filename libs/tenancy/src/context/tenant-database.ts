import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { quoteIdent } from '@stratum/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Tenant } from '../registry/tenant.entity';
import { TenantContext } from './tenant-context';

const CTX_UOW = 'unitOfWork';

interface UnitOfWork {
  tenantId: string;
  runner: Promise<QueryRunner>;
  finished: boolean;
}

/**
 * The connection resolver. A tenant unit of work (an HTTP request or a job) runs in ONE
 * transaction on the shared pool that starts with `SET LOCAL ROLE <tenant role>` and
 * `SET LOCAL search_path TO <tenant schema>`: PostgreSQL itself then refuses anything outside
 * the tenant's schema, and both settings end with the transaction, so nothing of this tenant
 * survives into the next use of the connection (also behind PgBouncer in transaction mode).
 *
 * The transaction begins lazily on the first `manager()` call, so requests that never touch
 * tenant data never take a connection. It is finished by `commit()`/`rollback()` (the
 * UnitOfWorkInterceptor does this for HTTP; `run()` does it for jobs and scripts).
 *
 * Rule: while a unit of work is open, do not wait for another pool connection (platform
 * lookups happen before it begins, or come from the registry cache); a request holding one
 * connection while waiting for a second could starve a small pool.
 */
@Injectable()
export class TenantDatabase {
  private readonly logger = new Logger(TenantDatabase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly context: TenantContext,
  ) {}

  /** The EntityManager bound to the current tenant's transaction. */
  async manager(): Promise<EntityManager> {
    const tenant = this.context.get();
    let uow = this.cls.get<UnitOfWork | undefined>(CTX_UOW);
    if (uow?.finished) throw new Error('the unit of work has already finished');
    if (!uow) {
      uow = { tenantId: tenant.id, runner: this.begin(tenant), finished: false };
      this.cls.set(CTX_UOW, uow);
    }
    return (await uow.runner).manager;
  }

  /** True when the current context has an open tenant transaction. */
  get isOpen(): boolean {
    const uow = this.cls.isActive() ? this.cls.get<UnitOfWork | undefined>(CTX_UOW) : undefined;
    return !!uow && !uow.finished;
  }

  async commit(): Promise<void> {
    await this.finish(true);
  }

  async rollback(): Promise<void> {
    await this.finish(false);
  }

  /**
   * Runs `fn` as its own unit of work for `tenant` in a fresh async context (jobs, scripts,
   * tests): commits when it resolves, rolls back when it throws.
   */
  run<T>(tenant: Tenant, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'override' }, async () => {
      this.context.set(tenant);
      try {
        const result = await fn(await this.manager());
        await this.commit();
        return result;
      } catch (err) {
        await this.rollback();
        throw err;
      }
    });
  }

  private async begin(tenant: Tenant): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      // One round trip opens the transaction and scopes it to the tenant. TypeORM is then told
      // a transaction is open (what startTransaction() would record), so saves and nested
      // transactions use savepoints inside it and commitTransaction() ends it.
      await runner.query(
        `START TRANSACTION; SET LOCAL ROLE ${quoteIdent(tenant.roleName)}; SET LOCAL search_path TO ${quoteIdent(tenant.schemaName)}`,
      );
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      return runner;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release().catch(() => undefined);
      throw err;
    }
  }

  private async finish(commit: boolean): Promise<void> {
    if (!this.cls.isActive()) return;
    const uow = this.cls.get<UnitOfWork | undefined>(CTX_UOW);
    if (!uow || uow.finished) return;
    uow.finished = true;
    let runner: QueryRunner;
    try {
      runner = await uow.runner;
    } catch {
      return; // begin failed and already cleaned up
    }
    try {
      if (runner.isTransactionActive) {
        if (commit) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } catch (err) {
      if (commit) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
      this.logger.warn(`rollback failed: ${(err as Error).message}`);
    } finally {
      await runner.release().catch(() => undefined);
    }
  }
}
