import { MAIN_CLUSTER } from '@stratum/config';
import { GenerateSql, SAMPLE, SqlSampleContext } from '@stratum/database';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** A connection (or its transaction) the ledger reads and writes through. */
type Sql = Pick<QueryRunner | EntityManager | DataSource, 'query'>;

/** Whose migrations: the platform schema's, or one tenant's in the ledger of the cluster holding its schema. */
export type LedgerOwner = 'platform' | { tenantId: string; cluster: string };

const PLATFORM_LEDGER = 'platform.schema_migrations';
/** The migrations applied to every tenant schema, wherever it lives: `main`'s record of them. */
const MAIN_LEDGER = 'platform.tenant_migrations';
/** The migrations applied to the tenant schemas of a cluster other than `main`, kept on that cluster. */
export const CLUSTER_LEDGER = 'stratum_cluster.tenant_migrations';

/**
 * The migration ledgers and every SQL statement that touches them: platform.schema_migrations
 * (platform schema), platform.tenant_migrations on `main` (every tenant) and, on each other
 * cluster, stratum_cluster.tenant_migrations (that cluster's tenants, written in the same
 * transaction as their DDL). Table names are constants, never input.
 */
const MAIN_OWNER = { tenantId: SAMPLE.uuid, cluster: MAIN_CLUSTER };
/** The scratch tenant's id, for samples that write rows referring to a real tenant. */
const scratchTenant = async ({ em, schema }: SqlSampleContext): Promise<string> =>
  (await em.query('SELECT id FROM platform.tenants WHERE schema_name = $1', [schema]))[0].id;

export class MigrationLedger {
  /** Names applied for `owner` (in no particular order); none when the platform has no ledger yet. */
  @GenerateSql({ name: 'platform', role: 'app', params: ['platform'] }, { name: 'tenant', role: 'app', params: [MAIN_OWNER] })
  async applied(db: Sql, owner: LedgerOwner): Promise<string[]> {
    if (owner === 'platform') {
      const [{ ok }] = await db.query(`SELECT to_regclass('${PLATFORM_LEDGER}') IS NOT NULL AS ok`);
      if (!ok) return [];
      return names(await db.query(`SELECT name FROM ${PLATFORM_LEDGER}`));
    }
    return names(await db.query(`SELECT name FROM ${ledgerTable(owner)} WHERE tenant_id = $1`, [owner.tenantId]));
  }

  /** `main`'s record of the names applied to each of `tenantIds` (tenants with none are absent). */
  @GenerateSql({ role: 'app', params: [[SAMPLE.uuid]] })
  async appliedByTenant(db: Sql, tenantIds: string[]): Promise<Map<string, string[]>> {
    const rows: { tenant_id: string; names: string[] }[] = await db.query(
      `SELECT tenant_id, array_agg(name) AS names FROM ${MAIN_LEDGER} WHERE tenant_id = ANY($1::uuid[]) GROUP BY tenant_id`,
      [tenantIds],
    );
    return new Map(rows.map((r) => [r.tenant_id, r.names]));
  }

  @GenerateSql(
    { name: 'platform', role: 'app', params: ['platform', ['0000-Sample']] },
    {
      name: 'tenant',
      role: 'app',
      params: async (ctx) => [{ tenantId: await scratchTenant(ctx), cluster: MAIN_CLUSTER }, ['0000-Sample']],
    },
  )
  async record(db: Sql, owner: LedgerOwner, names: string[]): Promise<void> {
    if (!names.length) return;
    if (owner === 'platform') {
      await db.query(`INSERT INTO ${PLATFORM_LEDGER} (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [names]);
      return;
    }
    await db.query(`INSERT INTO ${ledgerTable(owner)} (tenant_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [
      owner.tenantId,
      names,
    ]);
  }

  /** Records `names` on `main` for every one of `tenantIds` (tenants provisioned together). */
  @GenerateSql({ role: 'app', params: async (ctx) => [[await scratchTenant(ctx)], ['0000-Sample']] })
  async recordForTenants(db: Sql, tenantIds: string[], names: string[]): Promise<void> {
    await db.query(
      `INSERT INTO ${MAIN_LEDGER} (tenant_id, name) SELECT t, n FROM unnest($1::uuid[]) t CROSS JOIN unnest($2::text[]) n`,
      [tenantIds, names],
    );
  }

  @GenerateSql(
    { name: 'platform', role: 'app', params: ['platform', ['0000-Sample']] },
    { name: 'tenant', role: 'app', params: [MAIN_OWNER, ['0000-Sample']] },
  )
  async remove(db: Sql, owner: LedgerOwner, names: string[]): Promise<void> {
    if (!names.length) return;
    if (owner === 'platform') {
      await db.query(`DELETE FROM ${PLATFORM_LEDGER} WHERE name = ANY($1::text[])`, [names]);
      return;
    }
    await db.query(`DELETE FROM ${ledgerTable(owner)} WHERE tenant_id = $1 AND name = ANY($2::text[])`, [owner.tenantId, names]);
  }

  /** Forgets everything the ledger of `owner.cluster` holds for the tenant (its schema is gone from there). */
  @GenerateSql({ role: 'app', params: [MAIN_OWNER] })
  async forget(db: Sql, owner: { tenantId: string; cluster: string }): Promise<void> {
    if (owner.cluster !== MAIN_CLUSTER) {
      const [{ present }] = await db.query(`SELECT to_regclass('${CLUSTER_LEDGER}') IS NOT NULL AS present`);
      if (!present) return;
    }
    await db.query(`DELETE FROM ${ledgerTable(owner)} WHERE tenant_id = $1`, [owner.tenantId]);
  }

  /** Creates the platform's ledger (the platform schema exists). */
  @GenerateSql({ role: 'app' })
  async createPlatformLedger(db: Sql): Promise<void> {
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${PLATFORM_LEDGER} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  /** Creates the tenant ledger of a cluster other than `main`, readable by its owner only. */
  @GenerateSql({ role: 'app' })
  async createClusterLedger(db: Sql): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS stratum_cluster');
    await db.query('REVOKE ALL ON SCHEMA stratum_cluster FROM PUBLIC');
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${CLUSTER_LEDGER} (
         tenant_id uuid NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, name))`,
    );
  }
}

function ledgerTable(owner: { cluster: string }): string {
  return owner.cluster === MAIN_CLUSTER ? MAIN_LEDGER : CLUSTER_LEDGER;
}

function names(rows: { name: string }[]): string[] {
  return rows.map((r) => r.name);
}
