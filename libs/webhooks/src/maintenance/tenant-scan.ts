import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatabaseClusters } from '@stratum/database';
import { Tenant, TenantRegistry } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { EntityManager } from 'typeorm';

const CHUNK = 200;

/** Positions of the schemas (unquoted names) that match a condition, found in one query. */
export type SchemaMatch = (em: EntityManager, schemas: string[]) => Promise<number[]>;

/**
 * Finds the active tenants with webhooks in their plan whose schema matches a condition, many
 * schemas per query (the app's own role reads every tenant schema, as migrations and retention
 * do), so a sweep over thousands of tenants costs a few queries, not a transaction per tenant.
 * Each tenant's schema is looked at on its own cluster. The work itself then runs in each
 * tenant's own unit of work.
 */
@Injectable()
export class TenantScan {
  private readonly logger = new Logger(TenantScan.name);

  constructor(
    @Inject(DatabaseClusters) private readonly clusters: DatabaseClusters,
    private readonly plans: PlanEnforcer,
    private readonly registry: TenantRegistry,
  ) {}

  /**
   * `match(em, schemas)` answers the positions of the schemas (unquoted names) that match, in one
   * query (a TenantScanRepository method).
   */
  async tenantsWhere(match: SchemaMatch): Promise<Tenant[]> {
    const tenants = (await this.registry.live({ status: ['active'] })).filter(
      (t) => this.plans.hasFeature('webhooks', t) && this.clusters.has(t.cluster),
    );
    const found: Tenant[] = [];
    for (const cluster of this.clusters.names) {
      const em = this.clusters.dataSource(cluster).manager;
      const here = tenants.filter((t) => t.cluster === cluster);
      for (let i = 0; i < here.length; i += CHUNK) found.push(...(await this.scan(em, here.slice(i, i + CHUNK), match)));
    }
    return found;
  }

  private async scan(em: EntityManager, chunk: Tenant[], match: SchemaMatch): Promise<Tenant[]> {
    try {
      const found = await match(
        em,
        chunk.map((t) => t.schemaName),
      );
      return found.map((i) => chunk[i]);
    } catch (err) {
      // A schema of the chunk went away meanwhile (a purge, a move): look at the others one by one.
      this.logger.warn(`scanning tenants one by one: ${(err as Error).message}`);
      const found: Tenant[] = [];
      for (const tenant of chunk) {
        const one = await match(em, [tenant.schemaName]).catch(() => []);
        if (one.length) found.push(tenant);
      }
      return found;
    }
  }
}
