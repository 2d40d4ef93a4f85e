import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Statement, withConnectionAffinity } from '@stratum/database';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

const CTX_UOW = 'unitOfWork';

/** The driver's connection (node-postgres) under a query runner: a multi-statement query answers one result each. */
interface PgClient {
  query(statement: string): Promise<{ rows: unknown[] }[]>;
  query(statement: string, params: unknown[]): Promise<{ rows: unknown[]; command: string }>;
}

interface OpenWork {
  /** `tenant:<id>` or `platform`: a unit of work serves one scope for its whole life. */
  scope: string;
  runner: Promise<QueryRunner>;
  finished: boolean;
  afterCommit: (() => unknown)[];
  /** The commit or rollback in progress, once finishing has started. */
  finishing?: Promise<void>;
  /** The statement sent right before COMMIT (commitWith). */
  last?: Statement;
  /** Transactions on other database clusters joined to this unit of work, by key; they end with it. */
  companions: Map<string, Promise<QueryRunner>>;
}

/**
 * One transaction per unit of work (an HTTP request, a job), begun lazily on first use and held
 * in async-local storage, so services stay singletons. TenantDatabase and PlatformDatabase open
 * it for their scope; the UnitOfWorkInterceptor (HTTP) or `isolated()` (jobs, scripts) ends it.
 *
 * A unit of work holds at most one connection of each pool: asking for a second scope in the
 * same unit of work is a programming error, because a request holding one connection while
 * waiting for another of the same pool can starve it. Work that spans database clusters (a tenant
 * on another cluster than the platform schema) joins a companion transaction on the other
 * cluster's pool: companions commit first, then the unit of work's own transaction. Across
 * clusters this is two commits, not one atomic one; on one cluster nothing changes.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {}

  /**
   * The manager of the open unit of work for `scope`, beginning it with `begin` on `dataSource`
   * (default: the main cluster) if needed.
   */
  async manager(scope: string, begin: string, dataSource: DataSource = this.dataSource): Promise<EntityManager> {
    const work = this.open(scope) ?? this.start(scope, this.begin(dataSource, begin, scope));
    return (await work.runner).manager;
  }

  /**
   * Runs `query` (one statement without parameters) in the unit of work for `scope` and answers
   * its rows. When the unit of work begins here, the query travels with `begin` in the same round
   * trip: the first query of most requests costs no round trip of its own.
   */
  async query<R>(scope: string, begin: string, dataSource: DataSource, query: string): Promise<R[]> {
    const open = this.open(scope);
    if (open) return (await open.runner).manager.query(query);
    let rows: R[] = [];
    const runner = this.begin(
      dataSource,
      `${begin}; ${query}`,
      scope,
      (results) => (rows = ([results].flat().at(-1)?.rows ?? []) as R[]),
    );
    await this.start(scope, runner).runner;
    return rows;
  }

  private open(scope: string): OpenWork | undefined {
    const work = this.cls.get<OpenWork | undefined>(CTX_UOW);
    if (work?.finished) throw new Error('the unit of work has already finished');
    if (work && work.scope !== scope) {
      throw new Error(`this unit of work serves ${work.scope}; open ${scope} in its own unit of work`);
    }
    return work;
  }

  private start(scope: string, runner: Promise<QueryRunner>): OpenWork {
    const work: OpenWork = { scope, runner, finished: false, afterCommit: [], companions: new Map() };
    this.cls.set(CTX_UOW, work);
    return work;
  }

  /**
   * A transaction on another cluster joined to the open unit of work (opened with `begin` on
   * first use under `key`), committed just before it and rolled back with it.
   */
  async companion(key: string, dataSource: DataSource, begin = 'START TRANSACTION'): Promise<EntityManager> {
    const work = this.cls.get<OpenWork | undefined>(CTX_UOW);
    if (!work || work.finished) throw new Error('a companion transaction needs an open unit of work');
    let runner = work.companions.get(key);
    if (!runner) {
      runner = this.begin(dataSource, begin, work.scope);
      work.companions.set(key, runner);
    }
    return (await runner).manager;
  }

  /** Resolves once the current unit of work (if any) has committed or rolled back. */
  async settled(): Promise<void> {
    if (!this.cls.isActive()) return;
    const work = this.cls.get<OpenWork | undefined>(CTX_UOW);
    await work?.finishing?.catch(() => undefined);
  }

  get isOpen(): boolean {
    const work = this.cls.isActive() ? this.cls.get<OpenWork | undefined>(CTX_UOW) : undefined;
    return !!work && !work.finished;
  }

  async commit(): Promise<void> {
    await this.finish(true);
  }

  /**
   * Commits with `last` as the transaction's last statement, sent together with the COMMIT: the
   * driver sends the COMMIT the moment the statement is answered, with no turn of the event loop
   * in between. For a statement that holds a lock other transactions wait on (an audit chain
   * append), that is time they no longer wait. If the statement fails, PostgreSQL rolls the
   * transaction back, and its error is thrown.
   */
  async commitWith(last: Statement): Promise<void> {
    const work = this.cls.isActive() ? this.cls.get<OpenWork | undefined>(CTX_UOW) : undefined;
    if (!work || work.finished) throw new Error('commitWith needs an open unit of work');
    work.last = last;
    await this.finish(true);
  }

  /**
   * Runs `fn` once the open unit of work has committed (never if it rolls back): for side
   * effects outside the database, such as queueing an email about the change. Errors are logged.
   */
  afterCommit(fn: () => unknown): void {
    const work = this.cls.get<OpenWork | undefined>(CTX_UOW);
    if (!work || work.finished) throw new Error('afterCommit needs an open unit of work');
    work.afterCommit.push(fn);
  }

  async rollback(): Promise<void> {
    await this.finish(false);
  }

  /** Runs `fn` in a fresh async context as its own unit of work: commit on success, rollback on error. */
  isolated<T>(setup: () => void, fn: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'override' }, async () => {
      setup();
      try {
        const result = await fn();
        await this.commit();
        return result;
      } catch (err) {
        await this.rollback();
        throw err;
      }
    });
  }

  /**
   * `last` and COMMIT on the runner's connection, queued at once (the driver sends the second when
   * the first is answered). Subscribers hear of the commit, or of the rollback when `last` failed,
   * as they do from TypeORM's own commitTransaction.
   */
  private async commitAfter(runner: QueryRunner, last: Statement): Promise<void> {
    const typeorm = runner as QueryRunner & { broadcaster: { broadcast(event: string): Promise<void> } };
    const client = (runner as unknown as { databaseConnection: PgClient }).databaseConnection;
    await typeorm.broadcaster.broadcast('BeforeTransactionCommit');
    const [statement, committed] = await Promise.allSettled([client.query(last.sql, last.params), client.query('COMMIT', [])]);
    if (committed.status === 'rejected') throw committed.reason;
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    if (statement.status === 'rejected' || committed.value.command !== 'COMMIT') {
      await typeorm.broadcaster.broadcast('AfterTransactionRollback');
      throw statement.status === 'rejected'
        ? statement.reason
        : new Error(`the transaction ended with ${committed.value.command}, not COMMIT`);
    }
    await typeorm.broadcaster.broadcast('AfterTransactionCommit');
  }

  private async begin(
    dataSource: DataSource,
    statement: string,
    scope: string,
    results?: (results: { rows: unknown[] }[]) => void,
  ): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    try {
      // A tenant's work goes to the connection that serves that tenant by preference (AffinityPool).
      const client: PgClient = await (scope.startsWith('tenant:')
        ? withConnectionAffinity(scope, () => runner.connect())
        : runner.connect());
      // One round trip opens the transaction (and, for a tenant, scopes it). TypeORM is then told
      // a transaction is open (what startTransaction() records), so saves and nested
      // transactions use savepoints inside it and commitTransaction() ends it.
      if (results) results(await client.query(statement));
      else await runner.query(statement);
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      return runner;
    } catch (err) {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release().catch(() => undefined);
      throw err;
    }
  }

  private async finish(commit: boolean): Promise<void> {
    if (!this.cls.isActive()) return;
    const work = this.cls.get<OpenWork | undefined>(CTX_UOW);
    if (!work || work.finished) return;
    work.finished = true;
    work.finishing = this.end(work, commit);
    await work.finishing;
  }

  private async end(work: OpenWork, commit: boolean): Promise<void> {
    // Companions first: if one of them cannot commit, the unit of work's own transaction still rolls back.
    let companionsOk = true;
    for (const [key, pending] of work.companions) {
      let companion: QueryRunner;
      try {
        companion = await pending;
      } catch {
        companionsOk = false;
        continue;
      }
      try {
        if (companion.isTransactionActive) {
          if (commit && companionsOk) await companion.commitTransaction();
          else await companion.rollbackTransaction();
        }
      } catch (err) {
        if (commit && companionsOk) this.logger.error(`companion transaction ${key} failed to commit: ${(err as Error).message}`);
        companionsOk = false;
        await companion.rollbackTransaction().catch(() => undefined);
      } finally {
        await companion.release().catch(() => undefined);
      }
    }
    if (commit && !companionsOk) {
      await this.end({ ...work, companions: new Map() }, false);
      throw new Error(
        'a transaction of this unit of work on another database cluster failed; everything not yet committed was rolled back',
      );
    }
    let runner: QueryRunner;
    try {
      runner = await work.runner;
    } catch {
      return; // begin failed and already cleaned up
    }
    try {
      if (runner.isTransactionActive) {
        if (commit && work.last) await this.commitAfter(runner, work.last);
        else if (commit) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
      if (commit) {
        for (const fn of work.afterCommit) {
          void Promise.resolve()
            .then(fn)
            .catch((err: Error) => this.logger.error(`after-commit action failed: ${err.message}`));
        }
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
