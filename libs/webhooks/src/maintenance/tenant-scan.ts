import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { quoteIdent } from '@stratum/common';
import { PlanEnforcer, Tenant } from '@stratum/tenancy';
import { DataSource, IsNull } from 'typeorm';

const CHUNK = 200;

/**
 * Finds the active tenants with webhooks in their plan whose schema matches a condition, many
 * schemas per query (the app's own role reads every tenant schema, as migrations and retention
 * do), so a sweep over thousands of tenants costs a few queries, not a transaction per tenant.
 * The work itself then runs in each tenant's own unit of work.
 */
@Injectable()
export class TenantScan {
  private readonly logger = new Logger(TenantScan.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlanEnforcer,
  ) {}

  /** `condition(schema)` is an SQL boolean over the quoted schema name; `params` its parameters. */
  async tenantsWhere(condition: (schema: string) => string, params: unknown[] = []): Promise<Tenant[]> {
    const tenants = (await this.dataSource.getRepository(Tenant).findBy({ status: 'active', purgedAt: IsNull() })).filter((t) =>
      this.plans.hasFeature('webhooks', t),
    );
    const found: Tenant[] = [];
    for (let i = 0; i < tenants.length; i += CHUNK) {
      const chunk = tenants.slice(i, i + CHUNK);
      const sql = (list: Tenant[]) =>
        list.map((t, j) => `SELECT ${j} AS i WHERE ${condition(quoteIdent(t.schemaName))}`).join(' UNION ALL ');
      try {
        const rows: { i: number }[] = await this.dataSource.query(sql(chunk), params);
        found.push(...rows.map((r) => chunk[r.i]));
      } catch (err) {
        // A schema of the chunk went away meanwhile (a purge): look at the others one by one.
        this.logger.warn(`scanning tenants one by one: ${(err as Error).message}`);
        for (const tenant of chunk) {
          const rows = await this.dataSource.query(sql([tenant]), params).catch(() => []);
          if (rows.length) found.push(tenant);
        }
      }
    }
    return found;
  }
}
