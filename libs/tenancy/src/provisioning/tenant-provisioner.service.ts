import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, pgConstraint, pgErrorCode, PG_UNIQUE_VIOLATION, quoteIdent } from '@stratum/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MigrationRunner } from '../migrations/migration-runner.service';
import { PlanKey, Tenant, TenantSettings } from '../registry/tenant.entity';
import { TenantRegistry } from '../registry/tenant-registry.service';
import { tenantDbName } from '../registry/tenant-names';

export interface ProvisionTenantInput {
  slug: string;
  name: string;
  plan: PlanKey;
  settings?: TenantSettings;
  limitOverrides?: Record<string, number>;
}

/** Seeds a new tenant's data; runs inside the provisioning transaction as the tenant's role. */
export type TenantSeeder = (em: EntityManager, tenant: Tenant) => Promise<void>;

/**
 * Creates and destroys tenants. Provisioning is one transaction: registry row, NOLOGIN role,
 * schema, grants, every tenant migration and the seed data commit together or not at all
 * (PostgreSQL DDL, CREATE ROLE included, is transactional).
 */
@Injectable()
export class TenantProvisioner {
  private readonly logger = new Logger(TenantProvisioner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly migrations: MigrationRunner,
    private readonly registry: TenantRegistry,
  ) {}

  async provision(input: ProvisionTenantInput, seed?: TenantSeeder): Promise<Tenant> {
    const id = randomUUID();
    const dbName = tenantDbName(id);
    const schema = quoteIdent(dbName);
    const role = quoteIdent(dbName);
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const repo = qr.manager.getRepository(Tenant);
      const tenant = repo.create({
        id,
        slug: input.slug,
        name: input.name,
        plan: input.plan,
        status: 'active',
        settings: input.settings ?? {},
        limitOverrides: input.limitOverrides ?? {},
        schemaName: dbName,
        roleName: dbName,
        suspendedAt: null,
        deletedAt: null,
        purgedAt: null,
      });
      await repo.insert(tenant);
      // The role may use its own schema and nothing else; tables are owned by the app's role
      // (so the tenant role cannot drop, alter or truncate them) and reached through grants.
      await qr.query(
        [
          `CREATE ROLE ${role} NOLOGIN NOINHERIT`,
          `GRANT ${role} TO CURRENT_USER`,
          `CREATE SCHEMA ${schema}`,
          `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`,
          `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
          `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
          `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
          `SET LOCAL search_path TO ${schema}`,
        ].join('; '),
      );
      await this.migrations.applyAllToNewTenant(qr, tenant);
      if (seed) {
        await qr.query(`SET LOCAL ROLE ${role}`);
        await seed(qr.manager, tenant);
        await qr.query('RESET ROLE');
      }
      await qr.commitTransaction();
      // Read back on the same connection: asking the pool for a second one while holding this
      // one deadlocks once as many provisions run at once as the pool has connections.
      const saved = await qr.manager.getRepository(Tenant).findOneByOrFail({ id });
      await this.registry.changed(saved);
      return saved;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err)?.includes('slug')) {
        throw new DomainError('TENANT_SLUG_TAKEN', `The slug "${input.slug}" is already taken`);
      }
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** Drops the tenant's schema and role for good and marks the registry row purged. */
  /** Drops the tenant's schema and role for good; `record` runs in the same transaction (its audit event). */
  async purge(tenant: Tenant, record?: (em: EntityManager) => Promise<void>): Promise<void> {
    const schema = quoteIdent(tenant.schemaName);
    const role = quoteIdent(tenant.roleName);
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`stratum:migrate:${tenant.id}`]);
      await em.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      const roleExists = await em.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [tenant.roleName]);
      if (roleExists.length) await em.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
      await em.query('DELETE FROM platform.tenant_migrations WHERE tenant_id = $1', [tenant.id]);
      await em.update(Tenant, { id: tenant.id }, { status: 'deleted', purgedAt: new Date() });
      await record?.(em);
    });
    await this.registry.changed(tenant);
    this.logger.log(`purged tenant ${tenant.slug} (${tenant.id})`);
  }
}
