import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { quoteIdent } from '@stratum/common';
import { AppConfig } from '@stratum/config';
import { DataSource, QueryRunner } from 'typeorm';
import type { Tenant } from '../registry/tenant.entity';
import { instantiate, MIGRATION_SET, MigrationSet, NamedMigration } from './migration-set';

export interface TenantMigrationState {
  tenantId: string;
  slug: string;
  schemaName: string;
  applied: string[];
  pending: string[];
}

export type TenantRunStatus = 'migrated' | 'up-to-date' | 'reverted' | 'nothing-to-revert' | 'failed';

export interface TenantRunResult {
  tenantId: string;
  slug: string;
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
const LOCK_TIMEOUT = "SET LOCAL lock_timeout = '15s'";

/**
 * Applies platform migrations to the `platform` schema and tenant migrations to every tenant
 * schema. Each tenant is migrated in its own transaction that also records what it applied,
 * under an advisory lock on that tenant: a crash leaves every tenant either fully migrated or
 * untouched (run again to resume), and two runners never migrate the same tenant at once.
 */
@Injectable()
export class MigrationRunner {
  readonly platform: NamedMigration[];
  readonly tenant: NamedMigration[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MIGRATION_SET) set: MigrationSet,
    private readonly config: AppConfig,
  ) {
    this.platform = instantiate(set.platform);
    this.tenant = instantiate(set.tenant);
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
    return this.inTransaction(async (qr) => {
      await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PLATFORM_LOCK]);
      await qr.query(LOCK_TIMEOUT);
      await qr.query('CREATE SCHEMA IF NOT EXISTS platform');
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
    });
  }

  /** Reverts the latest applied platform migration. */
  async revertPlatform(): Promise<string | null> {
    return this.inTransaction(async (qr) => {
      await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PLATFORM_LOCK]);
      await qr.query(LOCK_TIMEOUT);
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
    const rows: { id: string; slug: string; schema_name: string; applied: string[] }[] = await this.dataSource.query(
      `SELECT t.id, t.slug, t.schema_name,
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
   * already set to the new schema) and records them.
   */
  async applyAllToNewTenant(qr: QueryRunner, tenant: Pick<Tenant, 'id'>): Promise<void> {
    for (const m of this.tenant) await m.migration.up(qr);
    await qr.query('INSERT INTO platform.tenant_migrations (tenant_id, name) SELECT $1, unnest($2::text[])', [
      tenant.id,
      this.tenant.map((m) => m.name),
    ]);
  }

  private async migrateTenant(state: TenantMigrationState): Promise<TenantRunResult> {
    const started = Date.now();
    const base = { tenantId: state.tenantId, slug: state.slug };
    if (!state.pending.length) return { ...base, status: 'up-to-date', migrations: [], ms: 0 };
    try {
      const applied = await this.inTransaction(async (qr) => {
        await this.lockTenant(qr, state.tenantId);
        // Re-read under the lock: another runner may have migrated this tenant meanwhile.
        const done = new Set<string>(
          (await qr.query('SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1', [state.tenantId])).map(
            (r: { name: string }) => r.name,
          ),
        );
        const pending = this.tenant.filter((m) => !done.has(m.name));
        if (!pending.length) return [];
        await qr.query(`SET LOCAL search_path TO ${quoteIdent(state.schemaName)}`);
        for (const m of pending) await m.migration.up(qr);
        await qr.query('INSERT INTO platform.tenant_migrations (tenant_id, name) SELECT $1, unnest($2::text[])', [
          state.tenantId,
          pending.map((m) => m.name),
        ]);
        return pending.map((m) => m.name);
      });
      return { ...base, status: applied.length ? 'migrated' : 'up-to-date', migrations: applied, ms: Date.now() - started };
    } catch (err) {
      return { ...base, status: 'failed', migrations: [], error: (err as Error).message, ms: Date.now() - started };
    }
  }

  private async revertTenant(state: TenantMigrationState): Promise<TenantRunResult> {
    const started = Date.now();
    const base = { tenantId: state.tenantId, slug: state.slug };
    try {
      const reverted = await this.inTransaction(async (qr) => {
        await this.lockTenant(qr, state.tenantId);
        const done = new Set<string>(
          (await qr.query('SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1', [state.tenantId])).map(
            (r: { name: string }) => r.name,
          ),
        );
        const last = [...this.tenant].reverse().find((m) => done.has(m.name));
        if (!last) return null;
        await qr.query(`SET LOCAL search_path TO ${quoteIdent(state.schemaName)}`);
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

  private async lockTenant(qr: QueryRunner, tenantId: string): Promise<void> {
    await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`stratum:migrate:${tenantId}`]);
    await qr.query(LOCK_TIMEOUT);
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

  private async inTransaction<T>(fn: (qr: QueryRunner) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
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
