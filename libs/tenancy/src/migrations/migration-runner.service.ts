import { Inject, Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { TenancySettings, MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters } from '@stratum/database';
import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import type { Tenant } from '../registry/tenant.entity';
import { tenantSchemaPreamble } from '../provisioning/tenant-schema';
import { instantiate, MIGRATION_SET, MigrationSet, NamedMigration } from './migration-set';

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

const PLATFORM_LOCK = 'stratum:migrate:platform';

/** The tenant's schema moved to `cluster` between reading its state and locking it. */
class TenantMoved extends Error {
  constructor(readonly cluster: string) {
    super(`tenant moved to cluster ${cluster}`);
  }
}
const LEDGER_LOCK = 'stratum:cluster-ledger';
const LOCK_TIMEOUT = "SET LOCAL lock_timeout = '15s'";

/** The migrations applied to the tenant schemas of a cluster other than `main`, kept on that cluster. */
export const CLUSTER_LEDGER = 'stratum_cluster.tenant_migrations';
const MAIN_LEDGER = 'platform.tenant_migrations';

/** The advisory lock every tenant-wide change (migrate, revert, move, purge) holds on `main`. */
export const tenantLockKey = (tenantId: string) => `stratum:migrate:${tenantId}`;

/** Takes the tenant's advisory lock in the transaction of `qr` (released when it ends). */
export async function lockTenant(qr: Pick<QueryRunner, 'query'>, tenantId: string): Promise<void> {
  await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [tenantLockKey(tenantId)]);
  await qr.query(LOCK_TIMEOUT);
}

/**
 * Makes the rest of the transaction of `qr` act as the owner of `schema` (the app's role) when it
 * runs as another role, such as a superuser running `npm run migrate`: what a migration creates
 * must belong to the role the API and worker connect as, and only tables that role creates get a
 * tenant role's privileges (its schema's default privileges are the app role's). When `schema`
 * does not exist yet, the role `otherwise` is taken if it exists on that server. Answers the role
 * the transaction now acts as.
 */
export async function actAsOwnerOf(qr: Pick<QueryRunner, 'query'>, schema: string, otherwise?: string): Promise<string> {
  const [row]: { me: string; owner: string | null }[] = await qr.query(
    `SELECT current_user AS me,
            coalesce((SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1),
                     (SELECT rolname FROM pg_roles WHERE rolname = $2)) AS owner`,
    [schema, otherwise ?? null],
  );
  if (!row.owner || row.owner === row.me) return row.me;
  try {
    await qr.query(`SET LOCAL ROLE ${quoteIdent(row.owner)}`);
    return row.owner;
  } catch (err) {
    throw new Error(
      `the ${schema} schema belongs to ${row.owner}: run migrations as ${row.owner} (connected as ${row.me}, which may not act as it): ${(err as Error).message}`,
      { cause: err },
    );
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
 */
@Injectable()
export class MigrationRunner {
  readonly platform: NamedMigration[];
  readonly tenant: NamedMigration[];
  readonly clusters: DatabaseClusters;
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
    const exists = await this.dataSource.query(`SELECT to_regclass('platform.schema_migrations') IS NOT NULL AS ok`);
    const applied: string[] = exists[0].ok
      ? (await this.dataSource.query('SELECT name FROM platform.schema_migrations')).map((r: { name: string }) => r.name)
      : [];
    const set = new Set(applied);
    return { applied, pending: this.platform.filter((m) => !set.has(m.name)).map((m) => m.name) };
  }

  /** Applies pending platform migrations in one transaction; returns their names. */
  async migratePlatform(): Promise<string[]> {
    return this.inTransaction(this.dataSource, async (qr) => {
      await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PLATFORM_LOCK]);
      await qr.query(LOCK_TIMEOUT);
      await qr.query('CREATE SCHEMA IF NOT EXISTS platform');
      this.platformOwner = await actAsOwnerOf(qr, 'platform');
      await qr.query(
        'CREATE TABLE IF NOT EXISTS platform.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const applied = new Set<string>(
        (await qr.query('SELECT name FROM platform.schema_migrations')).map((r: { name: string }) => r.name),
      );
      const pending = this.platform.filter((m) => !applied.has(m.name));
      for (const m of pending) {
        await m.migration.up(qr);
        await qr.query('INSERT INTO platform.schema_migrations (name) VALUES ($1)', [m.name]);
      }
      return pending.map((m) => m.name);
    }).then(async (names) => {
      for (const cluster of this.clusters.names) if (cluster !== MAIN_CLUSTER) await this.ensureLedger(cluster);
      return names;
    });
  }

  /** The table recording the tenant migrations applied on `cluster`. */
  ledgerOf(cluster: string): string {
    return cluster === MAIN_CLUSTER ? MAIN_LEDGER : CLUSTER_LEDGER;
  }

  /** Creates the tenant-migration ledger of a cluster other than `main` (once per process and cluster). */
  ensureLedger(cluster: string): Promise<void> {
    if (cluster === MAIN_CLUSTER) return Promise.resolve();
    let ready = this.ledgers.get(cluster);
    if (!ready) {
      ready = this.inTransaction(this.clusters.dataSource(cluster), async (qr) => {
        await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [LEDGER_LOCK]);
        // Owned, like the platform schema, by the app's role (of that name on this server too).
        await actAsOwnerOf(qr, 'stratum_cluster', this.platformOwner);
        await qr.query('CREATE SCHEMA IF NOT EXISTS stratum_cluster');
        await qr.query('REVOKE ALL ON SCHEMA stratum_cluster FROM PUBLIC');
        await qr.query(
          `CREATE TABLE IF NOT EXISTS ${CLUSTER_LEDGER} (
             tenant_id uuid NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
             PRIMARY KEY (tenant_id, name))`,
        );
      });
      ready.catch(() => this.ledgers.delete(cluster));
      this.ledgers.set(cluster, ready);
    }
    return ready;
  }

  /** Reverts the latest applied platform migration. */
  async revertPlatform(): Promise<string | null> {
    return this.inTransaction(this.dataSource, async (qr) => {
      await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PLATFORM_LOCK]);
      await qr.query(LOCK_TIMEOUT);
      await actAsOwnerOf(qr, 'platform');
      const applied = new Set<string>(
        (await qr.query('SELECT name FROM platform.schema_migrations')).map((r: { name: string }) => r.name),
      );
      const last = [...this.platform].reverse().find((m) => applied.has(m.name));
      if (!last) return null;
      await last.migration.down(qr);
      await qr.query('DELETE FROM platform.schema_migrations WHERE name = $1', [last.name]);
      return last.name;
    });
  }

  // ---- tenants ---------------------------------------------------------------------------

  /** Applied and pending tenant migrations for every live tenant, in one query. */
  async tenantStatus(only?: string[]): Promise<TenantMigrationState[]> {
    const rows: { id: string; slug: string; schema_name: string; cluster: string; applied: string[] }[] =
      await this.dataSource.query(
        `SELECT t.id, t.slug, t.schema_name, t.cluster,
              COALESCE(array_agg(m.name) FILTER (WHERE m.name IS NOT NULL), '{}') AS applied
         FROM platform.tenants t
         LEFT JOIN platform.tenant_migrations m ON m.tenant_id = t.id
        WHERE t.status IN ('active', 'suspended', 'deleted') AND t.purged_at IS NULL
          AND ($1::text[] IS NULL OR t.id::text = ANY($1) OR t.slug = ANY($1))
        GROUP BY t.id
        ORDER BY t.created_at, t.id`,
        [only?.length ? only : null],
      );
    return rows.map((r) => {
      const applied = new Set(r.applied);
      return {
        tenantId: r.id,
        slug: r.slug,
        schemaName: r.schema_name,
        cluster: r.cluster,
        applied: this.tenant.filter((m) => applied.has(m.name)).map((m) => m.name),
        pending: this.tenant.filter((m) => !applied.has(m.name)).map((m) => m.name),
      };
    });
  }

  /** Brings every tenant (or `only` those) up to date, `concurrency` tenants at a time. */
  async migrateTenants(options: TenantRunOptions = {}): Promise<TenantRunResult[]> {
    const states = await this.tenantStatus(options.only);
    return this.forEachTenant(states, options, (state) => this.migrateTenant(state));
  }

  /** Reverts the latest applied tenant migration of every tenant (or `only` those). */
  async revertTenants(options: TenantRunOptions = {}): Promise<TenantRunResult[]> {
    const states = await this.tenantStatus(options.only);
    return this.forEachTenant(states, options, (state) => this.revertTenant(state));
  }

  /**
   * Applies every tenant migration inside the caller's provisioning transaction (search_path
   * already set to the new schema) and records them in `ledger` (that cluster's; default `main`'s).
   */
  async applyAllToNewTenant(qr: QueryRunner, tenant: Pick<Tenant, 'id'>, ledger = MAIN_LEDGER): Promise<void> {
    for (const m of this.tenant) await m.migration.up(qr);
    await this.record(
      qr,
      ledger,
      tenant.id,
      this.tenant.map((m) => m.name),
    );
  }

  /** Records `names` as applied to the tenant in `ledger`. */
  async record(qr: Pick<QueryRunner, 'query'>, ledger: string, tenantId: string, names: string[]): Promise<void> {
    await qr.query(`INSERT INTO ${ledger} (tenant_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [
      tenantId,
      names,
    ]);
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
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
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
      await qr.startTransaction();
      await qr.query(tenantSchemaPreamble(scratch));
      for (const m of this.tenant) await m.migration.up(recorder);
    } finally {
      await qr.rollbackTransaction().catch(() => undefined);
      await qr.release();
    }
    return replayable ? statements.map((sql) => sql.trim().replace(/;$/, '')).join(';\n') : null;
  }

  private async migrateTenant(state: TenantMigrationState): Promise<TenantRunResult> {
    const started = Date.now();
    const base = { tenantId: state.tenantId, slug: state.slug, cluster: state.cluster };
    if (!state.pending.length) return { ...base, status: 'up-to-date', migrations: [], ms: 0 };
    if (state.cluster !== MAIN_CLUSTER) return this.migrateElsewhere(state, started);
    try {
      const applied = await this.inTransaction(this.dataSource, async (qr) => {
        await lockTenant(qr, state.tenantId);
        await this.stillOn(qr, state);
        // Re-read under the lock: another runner may have migrated this tenant meanwhile.
        const done = new Set<string>(
          (await qr.query('SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1', [state.tenantId])).map(
            (r: { name: string }) => r.name,
          ),
        );
        const pending = this.tenant.filter((m) => !done.has(m.name));
        if (!pending.length) return [];
        await qr.query(`SET LOCAL search_path TO ${quoteIdent(state.schemaName)}`);
        await actAsOwnerOf(qr, state.schemaName);
        for (const m of pending) await m.migration.up(qr);
        await qr.query('INSERT INTO platform.tenant_migrations (tenant_id, name) SELECT $1, unnest($2::text[])', [
          state.tenantId,
          pending.map((m) => m.name),
        ]);
        return pending.map((m) => m.name);
      });
      return { ...base, status: applied.length ? 'migrated' : 'up-to-date', migrations: applied, ms: Date.now() - started };
    } catch (err) {
      if (err instanceof TenantMoved) return this.migrateTenant({ ...state, cluster: err.cluster });
      return { ...base, status: 'failed', migrations: [], error: (err as Error).message, ms: Date.now() - started };
    }
  }

  /** Under the tenant's lock: the tenant still lives where the state says (a move may have finished meanwhile). */
  private async stillOn(main: Pick<QueryRunner, 'query'>, state: TenantMigrationState): Promise<void> {
    const [row] = await main.query('SELECT cluster FROM platform.tenants WHERE id = $1', [state.tenantId]);
    if (row && row.cluster !== state.cluster) throw new TenantMoved(row.cluster);
  }

  /** A tenant on another cluster: DDL and its ledger there, then platform.tenant_migrations follows. */
  private async migrateElsewhere(state: TenantMigrationState, started: number): Promise<TenantRunResult> {
    const base = { tenantId: state.tenantId, slug: state.slug, cluster: state.cluster };
    try {
      await this.ensureLedger(state.cluster);
      const applied = await this.inTransaction(this.dataSource, async (main) => {
        await lockTenant(main, state.tenantId);
        await this.stillOn(main, state);
        const result = await this.inTransaction(this.clusters.dataSource(state.cluster), async (qr) => {
          await lockTenant(qr, state.tenantId);
          const done = await this.appliedIn(qr, CLUSTER_LEDGER, state.tenantId);
          const pending = this.tenant.filter((m) => !done.has(m.name));
          if (pending.length) {
            await qr.query(`SET LOCAL search_path TO ${quoteIdent(state.schemaName)}`);
            await actAsOwnerOf(qr, state.schemaName);
            for (const m of pending) await m.migration.up(qr);
            await this.record(
              qr,
              CLUSTER_LEDGER,
              state.tenantId,
              pending.map((m) => m.name),
            );
          }
          return { pending: pending.map((m) => m.name), all: [...done, ...pending.map((m) => m.name)] };
        });
        // The cluster has committed; main now lists what its ledger lists.
        await this.record(main, MAIN_LEDGER, state.tenantId, result.all);
        return result.pending;
      });
      return { ...base, status: applied.length ? 'migrated' : 'up-to-date', migrations: applied, ms: Date.now() - started };
    } catch (err) {
      if (err instanceof TenantMoved) return this.migrateTenant({ ...state, cluster: err.cluster });
      return { ...base, status: 'failed', migrations: [], error: (err as Error).message, ms: Date.now() - started };
    }
  }

  private async appliedIn(qr: Pick<QueryRunner, 'query'>, ledger: string, tenantId: string): Promise<Set<string>> {
    const rows: { name: string }[] = await qr.query(`SELECT name FROM ${ledger} WHERE tenant_id = $1`, [tenantId]);
    return new Set(rows.map((r) => r.name));
  }

  private async revertTenant(state: TenantMigrationState): Promise<TenantRunResult> {
    const started = Date.now();
    const base = { tenantId: state.tenantId, slug: state.slug, cluster: state.cluster };
    if (state.cluster !== MAIN_CLUSTER) return this.revertElsewhere(state, started);
    try {
      const reverted = await this.inTransaction(this.dataSource, async (qr) => {
        await lockTenant(qr, state.tenantId);
        const done = new Set<string>(
          (await qr.query('SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1', [state.tenantId])).map(
            (r: { name: string }) => r.name,
          ),
        );
        const last = [...this.tenant].reverse().find((m) => done.has(m.name));
        if (!last) return null;
        await qr.query(`SET LOCAL search_path TO ${quoteIdent(state.schemaName)}`);
        await actAsOwnerOf(qr, state.schemaName);
        await last.migration.down(qr);
        await qr.query('DELETE FROM platform.tenant_migrations WHERE tenant_id = $1 AND name = $2', [state.tenantId, last.name]);
        return last.name;
      });
      return {
        ...base,
        status: reverted ? 'reverted' : 'nothing-to-revert',
        migrations: reverted ? [reverted] : [],
        ms: Date.now() - started,
      };
    } catch (err) {
      return { ...base, status: 'failed', migrations: [], error: (err as Error).message, ms: Date.now() - started };
    }
  }

  /**
   * A tenant on another cluster: the down migration runs there, platform.tenant_migrations drops the
   * name and commits first, then the cluster commits (a failure in between leaves the migration
   * applied and unlisted on main: the next migrate records it again without re-running it).
   */
  private async revertElsewhere(state: TenantMigrationState, started: number): Promise<TenantRunResult> {
    const base = { tenantId: state.tenantId, slug: state.slug, cluster: state.cluster };
    try {
      await this.ensureLedger(state.cluster);
      const main = await this.open(this.dataSource);
      const qr = await this.open(this.clusters.dataSource(state.cluster)).catch(async (err) => {
        await this.close(main, false);
        throw err;
      });
      let reverted: string | null = null;
      try {
        await lockTenant(main, state.tenantId);
        await lockTenant(qr, state.tenantId);
        const done = await this.appliedIn(qr, CLUSTER_LEDGER, state.tenantId);
        const last = [...this.tenant].reverse().find((m) => done.has(m.name));
        if (last) {
          await qr.query(`SET LOCAL search_path TO ${quoteIdent(state.schemaName)}`);
          await actAsOwnerOf(qr, state.schemaName);
          await last.migration.down(qr);
          await qr.query(`DELETE FROM ${CLUSTER_LEDGER} WHERE tenant_id = $1 AND name = $2`, [state.tenantId, last.name]);
          await main.query(`DELETE FROM ${MAIN_LEDGER} WHERE tenant_id = $1 AND name = $2`, [state.tenantId, last.name]);
          reverted = last.name;
        }
      } catch (err) {
        await this.close(qr, false);
        await this.close(main, false);
        throw err;
      }
      await this.close(main, true).catch(async (err) => {
        await this.close(qr, false);
        throw err;
      });
      await this.close(qr, true);
      return {
        ...base,
        status: reverted ? 'reverted' : 'nothing-to-revert',
        migrations: reverted ? [reverted] : [],
        ms: Date.now() - started,
      };
    } catch (err) {
      return { ...base, status: 'failed', migrations: [], error: (err as Error).message, ms: Date.now() - started };
    }
  }

  /** Runs `work` over the tenants with bounded parallelism, reporting each result as it lands. */
  private async forEachTenant(
    states: TenantMigrationState[],
    options: TenantRunOptions,
    work: (state: TenantMigrationState) => Promise<TenantRunResult>,
  ): Promise<TenantRunResult[]> {
    const concurrency = Math.max(1, Math.min(options.concurrency ?? this.config.MIGRATE_CONCURRENCY, states.length || 1));
    const results: TenantRunResult[] = new Array(states.length);
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < states.length) {
        const i = next++;
        const result = await work(states[i]);
        results[i] = result;
        done += 1;
        options.onResult?.(result, done, states.length);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return results;
  }

  private async open(dataSource: DataSource): Promise<QueryRunner> {
    const qr = dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
    } catch (err) {
      await qr.release();
      throw err;
    }
    return qr;
  }

  private async close(qr: QueryRunner, commit: boolean): Promise<void> {
    try {
      if (commit) await qr.commitTransaction();
      else if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }

  private async inTransaction<T>(dataSource: DataSource, fn: (qr: QueryRunner) => Promise<T>): Promise<T> {
    const qr = dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const result = await fn(qr);
      await qr.commitTransaction();
      return result;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }
}
