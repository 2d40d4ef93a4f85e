import { Injectable, Logger } from '@nestjs/common';
import { DomainError, pgConstraint, pgErrorCode, PG_UNIQUE_VIOLATION, quoteIdent } from '@stratum/common';
import { MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters } from '@stratum/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { CLUSTER_LEDGER, lockTenant, MigrationRunner } from '../migrations/migration-runner.service';
import { PlanKey, Tenant, TenantSettings } from '../registry/tenant.entity';
import { TenantRegistry } from '../registry/tenant-registry.service';
import { tenantDbName } from '../registry/tenant-names';
import { dropTenantSchema, tenantSchemaPreamble } from './tenant-schema';

export interface ProvisionTenantInput {
  slug: string;
  name: string;
  plan: PlanKey;
  settings?: TenantSettings;
  limitOverrides?: Record<string, number>;
  /** The cluster to place the tenant on; default: the one with the fewest live tenants. */
  cluster?: string;
}

/** Seeds a new tenant's data; runs inside the provisioning transaction as the tenant's role. */
export type TenantSeeder = (em: EntityManager, tenant: Tenant) => Promise<void>;

/**
 * Creates and destroys tenants. Provisioning is one transaction: registry row, NOLOGIN role,
 * schema, grants, every tenant migration and the seed data commit together or not at all
 * (PostgreSQL DDL, CREATE ROLE included, is transactional).
 *
 * A tenant placed on another cluster than `main` takes two transactions, the schema's on its
 * cluster and the registry row's on `main`, committed in that order; if the second fails, the
 * first is undone (schema and role dropped) before the error is raised.
 */
@Injectable()
export class TenantProvisioner {
  private readonly logger = new Logger(TenantProvisioner.name);

  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly migrations: MigrationRunner,
    private readonly registry: TenantRegistry,
  ) {}

  private get dataSource(): DataSource {
    return this.clusters.main;
  }

  /**
   * The cluster for a new tenant: `requested` if configured (else a 400 naming the choices), or
   * the one holding the fewest live tenants (`main` first among equals).
   */
  async placement(requested?: string): Promise<string> {
    const names = this.clusters.names;
    if (requested !== undefined) {
      if (!this.clusters.has(requested)) {
        throw new DomainError('VALIDATION_FAILED', `Unknown cluster "${requested}"`, {}, [
          { field: 'cluster', message: `cluster must be one of: ${names.join(', ')}` },
        ]);
      }
      return requested;
    }
    if (names.length === 1) return names[0];
    const rows: { cluster: string; n: number }[] = await this.dataSource.query(
      `SELECT cluster, count(*)::int AS n FROM platform.tenants
        WHERE purged_at IS NULL AND status <> 'deleted' GROUP BY cluster`,
    );
    const load = new Map(rows.map((r) => [r.cluster, r.n]));
    return names.reduce((best, name) => ((load.get(name) ?? 0) < (load.get(best) ?? 0) ? name : best), names[0]);
  }

  async provision(input: ProvisionTenantInput, seed?: TenantSeeder): Promise<Tenant> {
    const cluster = await this.placement(input.cluster);
    const id = randomUUID();
    const dbName = tenantDbName(id);
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    let elsewhere: QueryRunner | undefined;
    let elsewhereCommitted = false;
    try {
      await qr.startTransaction();
      const repo = qr.manager.getRepository(Tenant);
      const tenant = repo.create(this.registryRow(id, input, cluster));
      await repo.insert(tenant);
      if (cluster === MAIN_CLUSTER) {
        await qr.query(tenantSchemaPreamble(dbName));
        await this.migrations.applyAllToNewTenant(qr, tenant);
        await this.seed(qr, tenant, seed);
      } else {
        await this.migrations.ensureLedger(cluster);
        elsewhere = this.clusters.dataSource(cluster).createQueryRunner();
        await elsewhere.connect();
        await elsewhere.startTransaction();
        await elsewhere.query(tenantSchemaPreamble(dbName));
        await this.migrations.applyAllToNewTenant(elsewhere, tenant, CLUSTER_LEDGER);
        await this.seed(elsewhere, tenant, seed);
        await this.migrations.record(
          qr,
          'platform.tenant_migrations',
          tenant.id,
          this.migrations.tenant.map((m) => m.name),
        );
        await elsewhere.commitTransaction();
        elsewhereCommitted = true;
      }
      await qr.commitTransaction();
      // Read back on the same connection: asking the pool for a second one while holding this
      // one deadlocks once as many provisions run at once as the pool has connections.
      const saved = await qr.manager.getRepository(Tenant).findOneByOrFail({ id });
      await this.registry.changed(saved);
      return saved;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      if (elsewhere?.isTransactionActive) await elsewhere.rollbackTransaction().catch(() => undefined);
      if (elsewhereCommitted) await this.undoElsewhere(cluster, id, dbName);
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err)?.includes('slug')) {
        throw new DomainError('TENANT_SLUG_TAKEN', `The slug "${input.slug}" is already taken`);
      }
      throw err;
    } finally {
      await elsewhere?.release().catch(() => undefined);
      await qr.release();
    }
  }

  /**
   * Provisions many tenants on `main` in one transaction, each schema created by replaying the
   * recorded DDL of the tenant migrations (MigrationRunner.tenantScript) in one round trip: the
   * same objects as `provision`, at a fraction of the cost, for bulk onboarding and benchmarks.
   * All or nothing for the batch. Falls back to running the migrations when they cannot be replayed.
   * Every new table, index and sequence stays locked until the batch commits, so a batch must fit
   * in PostgreSQL's lock table (max_locks_per_transaction × max_connections): tens of tenants, not thousands.
   */
  async provisionMany(inputs: ProvisionTenantInput[], seed?: TenantSeeder): Promise<Tenant[]> {
    if (inputs.some((i) => i.cluster !== undefined && i.cluster !== MAIN_CLUSTER)) {
      throw new Error('provisionMany places tenants on main only');
    }
    const script = await this.migrations.tenantScript();
    const names = this.migrations.tenant.map((m) => m.name);
    const tenants = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(Tenant);
      const rows = inputs.map((input) => repo.create(this.registryRow(randomUUID(), input, MAIN_CLUSTER)));
      await repo.insert(rows);
      for (const tenant of rows) {
        if (script) await em.query(`${tenantSchemaPreamble(tenant.schemaName)};\n${script}`);
        else {
          await em.query(tenantSchemaPreamble(tenant.schemaName));
          for (const m of this.migrations.tenant) await m.migration.up(em.queryRunner!);
        }
        if (seed) {
          await em.query(`SET LOCAL ROLE ${quoteIdent(tenant.roleName)}`);
          await seed(em, tenant);
          await em.query('RESET ROLE');
        }
      }
      await em.query(
        `INSERT INTO platform.tenant_migrations (tenant_id, name) SELECT t, n FROM unnest($1::uuid[]) t CROSS JOIN unnest($2::text[]) n`,
        [rows.map((t) => t.id), names],
      );
      return repo.findBy(rows.map((t) => ({ id: t.id })));
    });
    for (const tenant of tenants) await this.registry.changed(tenant);
    return tenants;
  }

  /** Drops the tenant's schema and role for good; `record` runs in the same transaction (its audit event). */
  async purge(tenant: Tenant, record?: (em: EntityManager) => Promise<void>): Promise<void> {
    const cluster = tenant.cluster ?? MAIN_CLUSTER;
    await this.dataSource.transaction(async (em) => {
      await lockTenant(em, tenant.id);
      if (cluster === MAIN_CLUSTER) await dropTenantSchema(em, tenant.schemaName, tenant.roleName);
      else {
        // The cluster's part first: a failure after it leaves a deleted tenant to purge again (idempotent).
        await this.clusters.dataSource(cluster).transaction(async (remote) => {
          await lockTenant(remote, tenant.id);
          await dropTenantSchema(remote, tenant.schemaName, tenant.roleName);
          await this.dropLedger(remote, tenant.id);
        });
      }
      await em.query('DELETE FROM platform.tenant_migrations WHERE tenant_id = $1', [tenant.id]);
      await em.update(Tenant, { id: tenant.id }, { status: 'deleted', purgedAt: new Date() });
      await record?.(em);
    });
    await this.registry.changed(tenant);
    this.logger.log(`purged tenant ${tenant.slug} (${tenant.id})`);
  }

  private registryRow(id: string, input: ProvisionTenantInput, cluster: string): Partial<Tenant> {
    const dbName = tenantDbName(id);
    return {
      id,
      slug: input.slug,
      name: input.name,
      plan: input.plan,
      status: 'active',
      settings: input.settings ?? {},
      limitOverrides: input.limitOverrides ?? {},
      schemaName: dbName,
      roleName: dbName,
      cluster,
      suspendedAt: null,
      deletedAt: null,
      purgedAt: null,
    };
  }

  private async seed(qr: QueryRunner, tenant: Tenant, seed?: TenantSeeder): Promise<void> {
    if (!seed) return;
    await qr.query(`SET LOCAL ROLE ${quoteIdent(tenant.roleName)}`);
    await seed(qr.manager, tenant);
    await qr.query('RESET ROLE');
  }

  private async dropLedger(em: Pick<EntityManager, 'query'>, tenantId: string): Promise<void> {
    const [{ present }] = await em.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [CLUSTER_LEDGER]);
    if (present) await em.query(`DELETE FROM ${CLUSTER_LEDGER} WHERE tenant_id = $1`, [tenantId]);
  }

  /** Undoes a schema committed on another cluster whose registry row could not be committed. */
  private async undoElsewhere(cluster: string, tenantId: string, dbName: string): Promise<void> {
    await this.clusters
      .dataSource(cluster)
      .transaction(async (em) => {
        await dropTenantSchema(em, dbName, dbName);
        await this.dropLedger(em, tenantId);
      })
      .catch((err: Error) =>
        this.logger.error(`could not drop ${dbName} on cluster ${cluster} after a failed provisioning: ${err.message}`),
      );
  }
}
