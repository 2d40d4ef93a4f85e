import { Inject, Injectable, Logger } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { DatabaseClusters } from '@stratum/database';
import { Tenant, TenantRegistry } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { DataSource } from 'typeorm';

const CHUNK = 200;

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

  /** `condition(schema)` is an SQL boolean over the quoted schema name; `params` its parameters. */
  async tenantsWhere(condition: (schema: string) => string, params: unknown[] = []): Promise<Tenant[]> {
    const tenants = (await this.registry.live({ status: ['active'] })).filter(
      (t) => this.plans.hasFeature('webhooks', t) && this.clusters.has(t.cluster),
    );
    const found: Tenant[] = [];
    for (const cluster of this.clusters.names) {
      const dataSource = this.clusters.dataSource(cluster);
      const here = tenants.filter((t) => t.cluster === cluster);
      for (let i = 0; i < here.length; i += CHUNK)
        found.push(...(await this.scan(dataSource, here.slice(i, i + CHUNK), condition, params)));
    }
    return found;
  }

  private async scan(
    dataSource: DataSource,
    chunk: Tenant[],
    condition: (schema: string) => string,
    params: unknown[],
  ): Promise<Tenant[]> {
    const sql = (list: Tenant[]) =>
      list.map((t, j) => `SELECT ${j} AS i WHERE ${condition(quoteIdent(t.schemaName))}`).join(' UNION ALL ');
    try {
      const rows: { i: number }[] = await dataSource.query(sql(chunk), params);
      return rows.map((r) => chunk[r.i]);
    } catch (err) {
      // A schema of the chunk went away meanwhile (a purge, a move): look at the others one by one.
      this.logger.warn(`scanning tenants one by one: ${(err as Error).message}`);
      const found: Tenant[] = [];
      for (const tenant of chunk) {
        const rows = await dataSource.query(sql([tenant]), params).catch(() => []);
        if (rows.length) found.push(tenant);
      }
      return found;
    }
  }
}
