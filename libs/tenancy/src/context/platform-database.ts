import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from './unit-of-work';

/**
 * The platform schema inside the request's unit of work: one transaction, committed before the
 * response, as for tenant data. A request uses either this or TenantDatabase, never both.
 */
@Injectable()
export class PlatformDatabase {
  constructor(private readonly work: UnitOfWork) {}

  manager(): Promise<EntityManager> {
    return this.work.manager('platform', 'START TRANSACTION');
  }

  commit(): Promise<void> {
    return this.work.commit();
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
