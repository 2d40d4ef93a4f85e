import { Injectable, Logger } from '@nestjs/common';
import { DomainError, pgConstraint, pgErrorCode, PG_UNIQUE_VIOLATION, quoteIdent } from '@stratum/common';
import { MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters, withTransaction } from '@stratum/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { MigrationRunner } from '../migrations/migration-runner.service';
import { lockTenant } from '../migrations/schema-locks';
import { PlanKey, Tenant, TenantSettings } from '../registry/tenant.entity';
import { STAYING_STATUSES } from '../registry/live-tenants';
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
    // A deleted tenant's schema goes soon: it does not count.
    const load = await this.registry.countLive('cluster', { status: STAYING_STATUSES });
    return names.reduce((best, name) => ((load.get(name) ?? 0) < (load.get(best) ?? 0) ? name : best), names[0]);
  }

  async provision(input: ProvisionTenantInput, seed?: TenantSeeder): Promise<Tenant> {
    const cluster = await this.placement(input.cluster);
    const id = randomUUID();
    const dbName = tenantDbName(id);
    let elsewhereCommitted = false;
    try {
      const saved = await withTransaction(this.dataSource, async (qr) => {
        const repo = qr.manager.getRepository(Tenant);
        const tenant = repo.create(this.registryRow(id, input, cluster));
        await repo.insert(tenant);
        if (cluster === MAIN_CLUSTER) await this.createSchema(qr, tenant, seed);
        else {
          await this.migrations.ensureLedger(cluster);
          // The cluster's transaction commits first; main's (the registry row) after it.
          await withTransaction(this.clusters.dataSource(cluster), (elsewhere) => this.createSchema(elsewhere, tenant, seed));
          elsewhereCommitted = true;
          await this.migrations.ledger.record(
            qr,
            { tenantId: tenant.id, cluster: MAIN_CLUSTER },
            this.migrations.tenant.map((m) => m.name),
          );
        }
        // Read on the same connection: asking the pool for a second one while holding this one
        // deadlocks once as many provisions run at once as the pool has connections.
        return repo.findOneByOrFail({ id });
      });
      await this.registry.changed(saved);
      return saved;
    } catch (err) {
      if (elsewhereCommitted) await this.undoElsewhere(cluster, id, dbName);
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err)?.includes('slug')) {
        throw new DomainError('TENANT_SLUG_TAKEN', `The slug "${input.slug}" is already taken`);
      }
      throw err;
    }
  }

  /** Role, schema, every tenant migration (recorded in the ledger of the tenant's cluster) and the seed data. */
  private async createSchema(qr: QueryRunner, tenant: Tenant, seed?: TenantSeeder): Promise<void> {
    await qr.query(tenantSchemaPreamble(tenant.schemaName));
    await this.migrations.applyAllToNewTenant(qr, tenant);
    await this.seed(qr, tenant, seed);
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
      await this.migrations.ledger.recordForTenants(
        em,
        rows.map((t) => t.id),
        names,
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
          await this.migrations.ledger.forget(remote, { tenantId: tenant.id, cluster });
        });
      }
      await this.migrations.ledger.forget(em, { tenantId: tenant.id, cluster: MAIN_CLUSTER });
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

  /** Undoes a schema committed on another cluster whose registry row could not be committed. */
  private async undoElsewhere(cluster: string, tenantId: string, dbName: string): Promise<void> {
    await this.clusters
      .dataSource(cluster)
      .transaction(async (em) => {
        await dropTenantSchema(em, dbName, dbName);
        await this.migrations.ledger.forget(em, { tenantId, cluster });
      })
      .catch((err: Error) =>
        this.logger.error(`could not drop ${dbName} on cluster ${cluster} after a failed provisioning: ${err.message}`),
      );
  }
}
