import { Inject, Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { TenancySettings, MAIN_CLUSTER } from '@stratum/config';
import { beginTransaction, DatabaseClusters, endTransaction, forEachTenant, withTransaction } from '@stratum/database';
import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import type { Tenant } from '../registry/tenant.entity';
import { liveTenantLocations } from '../registry/live-tenants';
import { tenantSchemaPreamble } from '../provisioning/tenant-schema';
import { LedgerOwner, MigrationLedger } from './migration-ledger.repository';
import { compareWithLedger, MigrationDirection, planMigrations } from './migration-planner';
import { instantiate, MIGRATION_SET, MigrationSet, NamedMigration } from './migration-set';
import { actAsOwnerOf, lockForChange, tenantLockKey } from './schema-locks';

export interface TenantMigrationState {
  tenantId: string;
  slug: string;
  schemaName: string;
  cluster: string;
  applied: string[];
  pending: string[];
}

export type TenantRunStatus = 'migrated' | 'up-to-date' | 'reverted' | 'nothing-to-revert' | 'failed';

export interface TenantRunResult {
  tenantId: string;
  slug: string;
  cluster: string;
  status: TenantRunStatus;
  migrations: string[];
  error?: string;
  ms: number;
}

export interface TenantRunOptions {
  /** Tenant ids or slugs; all live tenants when omitted. */
  only?: string[];
  concurrency?: number;
  onResult?: (result: TenantRunResult, done: number, total: number) => void;
}

/** One schema a run changes: the platform's, or a tenant's on the cluster that holds it. */
interface Scope {
  set: NamedMigration[];
  cluster: string;
  /** The advisory lock taken on `main` (and again on `cluster`). */
  lock: string;
  ledger: LedgerOwner;
  schema: string;
  /** Tenant migrations use unqualified names: they run with the schema as search_path. */
  searchPath: boolean;
  /** On `main`, under the lock, before the ledger is read. */
  prepare(main: QueryRunner, direction: MigrationDirection): Promise<void>;
}

const PLATFORM_LOCK = 'stratum:migrate:platform';
const LEDGER_LOCK = 'stratum:cluster-ledger';

/** The tenant's schema moved to `cluster` between reading its state and locking it. */
class TenantMoved extends Error {
  constructor(readonly cluster: string) {
    super(`tenant moved to cluster ${cluster}`);
  }
}

/**
 * Applies platform migrations to the `platform` schema and tenant migrations to every tenant
 * schema, on whichever cluster holds it. Each tenant is migrated in its own transaction that also
 * records what it applied, under an advisory lock on that tenant: a crash leaves every tenant
 * either fully migrated or untouched (run again to resume), and two runners never migrate the
 * same tenant at once.
 *
 * Tenants on `main` record their migrations in platform.tenant_migrations in the migrating
 * transaction itself. A cluster cannot commit with another, so a tenant elsewhere records them in
 * its own cluster's ledger (stratum_cluster.tenant_migrations, same transaction as the DDL: the
 * truth about that schema), and platform.tenant_migrations on `main` follows: after the tenant's
 * commit when applying, before it when reverting. platform.tenant_migrations therefore never
 * lists a migration the schema lacks, the "nothing pending" check can trust it without asking
 * the other clusters, and a crash in between is repaired by the next run (the ledger wins).
 * Advisory locks are per cluster: the tenant's lock is taken on `main` (where every runner and
 * every move of that tenant meets) and again on its cluster.
 *
 * Whoever the runner connects as, each migration runs as the owner of the schema it changes
 * (actAsOwnerOf): the app's role, so a superuser's `npm run migrate` leaves nothing the app cannot use.
 *
 * The ledger's SQL lives in MigrationLedger, what to run in planMigrations; this class executes.
 */
@Injectable()
export class MigrationRunner {
  readonly platform: NamedMigration[];
  readonly tenant: NamedMigration[];
  readonly clusters: DatabaseClusters;
  readonly ledger = new MigrationLedger();
  private readonly ledgers = new Map<string, Promise<void>>();
  /** The owner of the platform schema (the app's role), once migratePlatform has run. */
  private platformOwner?: string;
  private script?: Promise<string | null>;

  constructor(
    @Inject(DatabaseClusters) clusters: DatabaseClusters | DataSource,
    @Inject(MIGRATION_SET) set: MigrationSet,
    private readonly config: TenancySettings,
  ) {
    this.clusters = clusters instanceof DataSource ? DatabaseClusters.single(clusters) : clusters;
    this.platform = instantiate(set.platform);
    this.tenant = instantiate(set.tenant);
  }

  /** The main cluster: the platform schema and the registry. */
  private get dataSource(): DataSource {
    return this.clusters.main;
  }

  // ---- platform --------------------------------------------------------------------------

  async platformStatus(): Promise<{ applied: string[]; pending: string[] }> {
    const applied = await this.ledger.applied(this.dataSource, 'platform');
    return { applied, pending: compareWithLedger(this.platform, applied).pending };
  }

  /** Applies pending platform migrations in one transaction; returns their names. */
  async migratePlatform(): Promise<string[]> {
    const names = await this.run(this.platformScope(), 'up');
    for (const cluster of this.clusters.names) if (cluster !== MAIN_CLUSTER) await this.ensureLedger(cluster);
    return names;
  }

  /** Reverts the latest applied platform migration. */
  async revertPlatform(): Promise<string | null> {
    const [name] = await this.run(this.platformScope(), 'down');
    return name ?? null;
  }

  private platformScope(): Scope {
    return {
      set: this.platform,
      cluster: MAIN_CLUSTER,
      lock: PLATFORM_LOCK,
      ledger: 'platform',
      schema: 'platform',
      searchPath: false,
      prepare: async (qr, direction) => {
        if (direction === 'up') await qr.query('CREATE SCHEMA IF NOT EXISTS platform');
        this.platformOwner = await actAsOwnerOf(qr, 'platform');
        if (direction === 'up') await this.ledger.createPlatformLedger(qr);
      },
    };
  }

  /** Creates the tenant-migration ledger of a cluster other than `main` (once per process and cluster). */
  ensureLedger(cluster: string): Promise<void> {
    if (cluster === MAIN_CLUSTER) return Promise.resolve();
    let ready = this.ledgers.get(cluster);
    if (!ready) {
      ready = withTransaction(this.clusters.dataSource(cluster), async (qr) => {
        await lockForChange(qr, LEDGER_LOCK);
        // Owned, like the platform schema, by the app's role (of that name on this server too).
        await actAsOwnerOf(qr, 'stratum_cluster', this.platformOwner);
        await this.ledger.createClusterLedger(qr);
      });
      ready.catch(() => this.ledgers.delete(cluster));
      this.ledgers.set(cluster, ready);
    }
    return ready;
  }

  // ---- tenants ---------------------------------------------------------------------------

  /** Applied and pending tenant migrations for every live tenant (or `only` those). */
  async tenantStatus(only?: string[]): Promise<TenantMigrationState[]> {
    const tenants = await liveTenantLocations(this.dataSource, { only });
    const applied = await this.ledger.appliedByTenant(
      this.dataSource,
      tenants.map((t) => t.id),
    );
    return tenants.map((t) => {
      const { applied: done, pending } = compareWithLedger(this.tenant, applied.get(t.id) ?? []);
      return { tenantId: t.id, slug: t.slug, schemaName: t.schemaName, cluster: t.cluster, applied: done, pending };
    });
  }

  /** Brings every tenant (or `only` those) up to date, `concurrency` tenants at a time. */
  migrateTenants(options: TenantRunOptions = {}): Promise<TenantRunResult[]> {
    return this.runTenants(options, 'up');
  }

  /** Reverts the latest applied tenant migration of every tenant (or `only` those). */
  revertTenants(options: TenantRunOptions = {}): Promise<TenantRunResult[]> {
    return this.runTenants(options, 'down');
  }

  /**
   * Applies every tenant migration inside the caller's provisioning transaction (search_path
   * already set to the new schema) and records them in the ledger of the tenant's cluster.
   */
  async applyAllToNewTenant(qr: QueryRunner, tenant: Pick<Tenant, 'id' | 'cluster'>): Promise<void> {
    for (const m of this.tenant) await m.migration.up(qr);
    await this.ledger.record(
      qr,
      { tenantId: tenant.id, cluster: tenant.cluster },
      this.tenant.map((m) => m.name),
    );
  }

  /**
   * The DDL of a new tenant schema: every tenant migration's statements, recorded once by running
   * them in a scratch schema (rolled back), to be replayed in one round trip per schema with the
   * new schema as search_path. Null when a migration cannot be replayed as plain SQL (it passes
   * parameters): provisioning then runs the migrations themselves.
   */
  tenantScript(): Promise<string | null> {
    this.script ??= this.recordScript().catch((err) => {
      this.script = undefined;
      throw err;
    });
    return this.script;
  }

  private async recordScript(): Promise<string | null> {
    const scratch = `stratum_script_${randomBytes(6).toString('hex')}`;
    const qr = await beginTransaction(this.dataSource);
    const statements: string[] = [];
    let replayable = true;
    const recorder = new Proxy(qr, {
      get(target, prop, receiver) {
        if (prop === 'query') {
          return (sql: string, parameters?: unknown[], structured?: boolean) => {
            if (parameters?.length) replayable = false;
            statements.push(sql);
            return (target.query as (...args: unknown[]) => Promise<unknown>).call(target, sql, parameters, structured);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(receiver) : value;
      },
    });
    try {
      await qr.query(tenantSchemaPreamble(scratch));
      for (const m of this.tenant) await m.migration.up(recorder);
    } finally {
      await endTransaction(qr, false);
    }
    return replayable ? statements.map((sql) => sql.trim().replace(/;$/, '')).join(';\n') : null;
  }

  private async runTenants(options: TenantRunOptions, direction: MigrationDirection): Promise<TenantRunResult[]> {
    const states = await this.tenantStatus(options.only);
    return forEachTenant(states, (state) => this.runTenant(state, direction), {
      concurrency: options.concurrency ?? this.config.MIGRATE_CONCURRENCY,
      onResult: options.onResult,
      failed: (state, err, ms) => ({ ...this.subject(state), status: 'failed', migrations: [], error: err.message, ms }),
    });
  }

  private async runTenant(state: TenantMigrationState, direction: MigrationDirection): Promise<TenantRunResult> {
    const started = Date.now();
    if (direction === 'up' && !state.pending.length) {
      return { ...this.subject(state), status: 'up-to-date', migrations: [], ms: 0 };
    }
    try {
      const names = await this.run(this.tenantScope(state), direction);
      const status: TenantRunStatus =
        direction === 'up' ? (names.length ? 'migrated' : 'up-to-date') : names.length ? 'reverted' : 'nothing-to-revert';
      return { ...this.subject(state), status, migrations: names, ms: Date.now() - started };
    } catch (err) {
      if (err instanceof TenantMoved) return this.runTenant({ ...state, cluster: err.cluster }, direction);
      throw err;
    }
  }

  private subject(state: TenantMigrationState): Pick<TenantRunResult, 'tenantId' | 'slug' | 'cluster'> {
    return { tenantId: state.tenantId, slug: state.slug, cluster: state.cluster };
  }

  private tenantScope(state: TenantMigrationState): Scope {
    return {
      set: this.tenant,
      cluster: state.cluster,
      lock: tenantLockKey(state.tenantId),
      ledger: { tenantId: state.tenantId, cluster: state.cluster },
      schema: state.schemaName,
      searchPath: true,
      // Under the lock: the tenant still lives where the state says (a move may have finished meanwhile).
      prepare: async (main) => {
        const [row] = await main.query('SELECT cluster FROM platform.tenants WHERE id = $1', [state.tenantId]);
        if (row && row.cluster !== state.cluster) throw new TenantMoved(row.cluster);
      },
    };
  }

  // ---- one path for every scope and direction ---------------------------------------------

  /**
   * Reads the scope's ledger under its lock (another runner may have changed it meanwhile), plans,
   * runs the plan as the schema's owner and records it, in the transaction(s) of withScope.
   * Answers the names applied or reverted.
   */
  private async run(scope: Scope, direction: MigrationDirection): Promise<string[]> {
    await this.ensureLedger(scope.cluster);
    return this.withScope(scope.cluster, direction, async (main, home) => {
      await lockForChange(main, scope.lock);
      await scope.prepare(main, direction);
      if (home !== main) await lockForChange(home, scope.lock);
      const applied = await this.ledger.applied(home, scope.ledger);
      const steps = planMigrations(scope.set, applied, direction);
      const names = steps.map((m) => m.name);
      if (steps.length) {
        if (scope.searchPath) await home.query(`SET LOCAL search_path TO ${quoteIdent(scope.schema)}`);
        await actAsOwnerOf(home, scope.schema);
        for (const m of steps) await (direction === 'up' ? m.migration.up(home) : m.migration.down(home));
        if (direction === 'up') await this.ledger.record(home, scope.ledger, names);
        else await this.ledger.remove(home, scope.ledger, names);
      }
      if (home !== main && typeof scope.ledger === 'object') {
        // main's record follows the cluster's ledger (and is repaired if a crash left it behind).
        const onMain = { ...scope.ledger, cluster: MAIN_CLUSTER };
        if (direction === 'up') await this.ledger.record(main, onMain, [...applied, ...names]);
        else await this.ledger.remove(main, onMain, names);
      }
      return names;
    });
  }

  /**
   * Runs `work` in a transaction on `main` and one on `cluster` (the same one when that is
   * `main`). main's ledger must never list a migration the schema lacks: applying, the cluster
   * commits first; reverting, main does (the inner transaction commits first).
   */
  private withScope<T>(
    cluster: string,
    direction: MigrationDirection,
    work: (main: QueryRunner, home: QueryRunner) => Promise<T>,
  ): Promise<T> {
    const main = this.dataSource;
    if (cluster === MAIN_CLUSTER) return withTransaction(main, (qr) => work(qr, qr));
    const home = this.clusters.dataSource(cluster);
    if (direction === 'up') return withTransaction(main, (m) => withTransaction(home, (h) => work(m, h)));
    return withTransaction(home, (h) => withTransaction(main, (m) => work(m, h)));
  }
}
