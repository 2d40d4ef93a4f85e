import { Injectable, Logger } from '@nestjs/common';
import { DomainError, quoteIdent } from '@stratum/common';
import { MAIN_CLUSTER } from '@stratum/config';
import { beginTransaction, DatabaseClusters, endTransaction, withTransaction } from '@stratum/database';
import { DataSource, QueryRunner } from 'typeorm';
import { compareWithLedger } from '../migrations/migration-planner';
import { MigrationRunner } from '../migrations/migration-runner.service';
import { lockTenant } from '../migrations/schema-locks';
import { isLiveTenant } from '../registry/live-tenants';
import { Tenant } from '../registry/tenant.entity';
import { TenantRegistry } from '../registry/tenant-registry.service';
import { dropTenantSchema, tenantSchemaPreamble } from './tenant-schema';

export interface TenantMoveResult {
  tenantId: string;
  from: string;
  to: string;
  /** Rows copied, per table (equal on both sides, checked before the switch). */
  rows: Record<string, number>;
  sequences: number;
  /** How long the tenant was suspended for the move (0 if it was suspended already). */
  downtimeMs: number;
  /** The tenant's status after the move: as before it. */
  status: Tenant['status'];
}

/** Rows per batch copied from one cluster to the other. */
const BATCH = 2_000;
/** How long the move waits for the tenant's in-flight writes to finish. */
const QUIESCE_MS = 15_000;

interface TableInfo {
  name: string;
  columns: string[];
}

/**
 * Moves a tenant's schema to another cluster: suspends the tenant (its users get
 * TENANT_SUSPENDED), waits for its in-flight writes and holds every table of the old schema in
 * SHARE mode (reads go on, writes wait), creates role and schema on the target with the same
 * migrations, copies every table's rows in batches (parents before children, as the app's own
 * role, which the append-only audit trigger lets insert), copies sequence positions, compares row
 * counts table by table, switches `tenant.cluster`, drops the old schema and role, and reactivates
 * the tenant if it was active. Any failure before the switch leaves the tenant where it was
 * (target dropped) and restores its status.
 */
@Injectable()
export class TenantMover {
  private readonly logger = new Logger(TenantMover.name);

  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly migrations: MigrationRunner,
    private readonly registry: TenantRegistry,
  ) {}

  async move(tenantId: string, to: string): Promise<TenantMoveResult> {
    const main = this.clusters.main;
    const tenant = await main.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant || !isLiveTenant(tenant)) throw new DomainError('TENANT_NOT_FOUND');
    if (!this.clusters.has(to)) {
      throw new DomainError('VALIDATION_FAILED', `Unknown cluster "${to}"`, {}, [
        { field: 'cluster', message: `cluster must be one of: ${this.clusters.names.join(', ')}` },
      ]);
    }
    if (tenant.status === 'deleted') throw new DomainError('INVALID_STATE', 'A deleted tenant cannot be moved');
    const from = tenant.cluster;
    if (from === to) throw new DomainError('INVALID_STATE', `The tenant is on cluster ${to} already`);

    const wasActive = tenant.status === 'active';
    const suspendedAt = Date.now();
    if (wasActive) await this.setStatus(tenant, 'active', 'suspended');
    try {
      const result = await this.copyAndSwitch(tenant, from, to);
      const status = wasActive ? await this.setStatus(tenant, 'suspended', 'active') : tenant.status;
      const downtimeMs = wasActive ? Date.now() - suspendedAt : 0;
      this.logger.log(`moved tenant ${tenant.slug} from ${from} to ${to} (${downtimeMs} ms suspended)`);
      return { tenantId, from, to, ...result, downtimeMs, status };
    } catch (err) {
      if (wasActive) await this.setStatus(tenant, 'suspended', 'active').catch(() => undefined);
      throw err;
    }
  }

  private async copyAndSwitch(
    tenant: Tenant,
    from: string,
    to: string,
  ): Promise<{ rows: Record<string, number>; sequences: number }> {
    const schema = quoteIdent(tenant.schemaName);
    const ledger = this.migrations.ledger;
    await this.migrations.ensureLedger(to);
    // Three transactions, committed in an order of their own: the copy, then the switch, then the drop.
    const begun: QueryRunner[] = [];
    const begin = async (dataSource: DataSource) => {
      begun.push(await beginTransaction(dataSource));
      return begun[begun.length - 1];
    };
    const rollBackAll = async () => {
      for (const qr of [...begun].reverse()) await endTransaction(qr, false).catch(() => undefined);
    };
    let targetCommitted = false;
    try {
      const platform = await begin(this.clusters.main);
      // The tenant's lock on main: no migration, revert, purge or other move of it meanwhile.
      await lockTenant(platform, tenant.id);
      const [current] = await platform.query('SELECT cluster, status FROM platform.tenants WHERE id = $1', [tenant.id]);
      if (current.cluster !== from) throw new DomainError('INVALID_STATE', 'The tenant was moved meanwhile');
      const { pending, unknown } = compareWithLedger(
        this.migrations.tenant,
        await ledger.applied(platform, { tenantId: tenant.id, cluster: MAIN_CLUSTER }),
      );
      // The new schema is built with this process's migrations: the old one must have exactly those.
      if (pending.length) {
        throw new DomainError('INVALID_STATE', 'The tenant has pending migrations: run `npm run migrate` before moving it');
      }
      if (unknown.length) {
        throw new DomainError(
          'INVALID_STATE',
          'The tenant has migrations this version does not know: move it with the version that applied them',
        );
      }

      // Advisory locks are per cluster: taken again on the other clusters involved (on main once).
      const source = await begin(this.clusters.dataSource(from));
      if (from !== MAIN_CLUSTER) await lockTenant(source, tenant.id);
      const tables = await this.tables(source, tenant.schemaName);
      await this.quiesce(source, tenant.schemaName, tables);

      const target = await begin(this.clusters.dataSource(to));
      if (to !== MAIN_CLUSTER) await lockTenant(target, tenant.id);
      // Roles belong to a server, not to a database: two clusters that are databases of one server share them.
      if ((await target.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [tenant.roleName])).length) {
        throw new DomainError(
          'INVALID_STATE',
          `Cluster ${to} already has the tenant's database role: it shares a PostgreSQL server with ${from}, and a move needs another server`,
        );
      }
      await target.query(tenantSchemaPreamble(tenant.schemaName));
      await this.migrations.applyAllToNewTenant(target, { id: tenant.id, cluster: to });
      // Rows the migrations themselves wrote (seeded roles, the audit chain's genesis) make way for the copied ones.
      for (const table of [...tables].reverse()) {
        const [{ any }] = await target.query(`SELECT EXISTS (SELECT 1 FROM ${schema}.${quoteIdent(table.name)}) AS any`);
        if (any) await target.query(`DELETE FROM ${schema}.${quoteIdent(table.name)}`);
      }
      const rows: Record<string, number> = {};
      for (const table of tables) rows[table.name] = await this.copyTable(source, target, tenant.schemaName, table);
      const sequences = await this.copySequences(source, target, tenant.schemaName);
      for (const table of tables) {
        const q = `SELECT count(*)::bigint AS n FROM ${schema}.${quoteIdent(table.name)}`;
        const [[a], [b]] = await Promise.all([source.query(q), target.query(q)]);
        if (Number(a.n) !== Number(b.n) || Number(a.n) !== rows[table.name]) {
          throw new Error(`row counts of ${table.name} differ after the copy (${a.n} on ${from}, ${b.n} on ${to})`);
        }
      }

      await target.commitTransaction();
      targetCommitted = true;
      await platform.query('UPDATE platform.tenants SET cluster = $2, updated_at = now() WHERE id = $1', [tenant.id, to]);
      await platform.commitTransaction();
      await this.registry.changed(tenant);

      // The switch is committed: the old schema goes (in the transaction that has held its tables since the copy).
      try {
        await dropTenantSchema(source, tenant.schemaName, tenant.roleName);
        if (from !== MAIN_CLUSTER) await ledger.forget(source, { tenantId: tenant.id, cluster: from });
        await source.commitTransaction();
      } catch (err) {
        this.logger.error(
          `tenant ${tenant.slug} moved to ${to}, but its old schema on ${from} could not be dropped: ${(err as Error).message}`,
        );
      }
      return { rows, sequences };
    } catch (err) {
      await rollBackAll();
      if (targetCommitted) {
        // The switch did not commit: the copy on the target goes, the tenant stays where it was.
        await withTransaction(this.clusters.dataSource(to), async (qr) => {
          await dropTenantSchema(qr, tenant.schemaName, tenant.roleName);
          if (to !== MAIN_CLUSTER) await ledger.forget(qr, { tenantId: tenant.id, cluster: to });
        }).catch((e: Error) => this.logger.error(`could not drop the copy of ${tenant.slug} on ${to}: ${e.message}`));
      }
      throw err;
    } finally {
      await rollBackAll();
    }
  }

  /** Tables of the schema, parents before the tables that reference them. */
  private async tables(qr: QueryRunner, schemaName: string): Promise<TableInfo[]> {
    const rows: { name: string; columns: string[] }[] = await qr.query(
      `SELECT c.relname AS name,
              array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        GROUP BY c.relname`,
      [schemaName],
    );
    const edges: { child: string; parent: string }[] = await qr.query(
      `SELECT ch.relname AS child, pa.relname AS parent
         FROM pg_constraint k
         JOIN pg_class ch ON ch.oid = k.conrelid
         JOIN pg_class pa ON pa.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = ch.relnamespace
        WHERE k.contype = 'f' AND n.nspname = $1 AND ch.oid <> pa.oid`,
      [schemaName],
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    const ordered: TableInfo[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string) => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle through ${name}`);
      state.set(name, 'visiting');
      for (const e of edges) if (e.child === name && byName.has(e.parent)) visit(e.parent);
      state.set(name, 'done');
      ordered.push(byName.get(name)!);
    };
    for (const name of [...byName.keys()].sort()) visit(name);
    return ordered;
  }

  /**
   * Takes SHARE locks on every table: in-flight writes of the (now suspended) tenant finish
   * first, later ones wait until the old schema is gone. All tables at once or none, retried, so
   * the move never holds some locks while waiting for others (no deadlock with a writer).
   */
  private async quiesce(qr: QueryRunner, schemaName: string, tables: TableInfo[]): Promise<void> {
    if (!tables.length) return;
    const list = tables.map((t) => `${quoteIdent(schemaName)}.${quoteIdent(t.name)}`).join(', ');
    const deadline = Date.now() + QUIESCE_MS;
    for (;;) {
      await qr.query('SAVEPOINT quiesce');
      try {
        await qr.query(`LOCK TABLE ${list} IN SHARE MODE NOWAIT`);
        await qr.query('RELEASE SAVEPOINT quiesce');
        return;
      } catch (err) {
        await qr.query('ROLLBACK TO SAVEPOINT quiesce');
        if (Date.now() > deadline)
          throw new Error(`the tenant's tables stayed busy for ${QUIESCE_MS} ms: ${(err as Error).message}`, { cause: err });
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }

  /** Copies one table in batches of JSON rows (exact for every column type); answers the rows copied. */
  private async copyTable(source: QueryRunner, target: QueryRunner, schemaName: string, table: TableInfo): Promise<number> {
    const qualified = `${quoteIdent(schemaName)}.${quoteIdent(table.name)}`;
    const columns = table.columns.map(quoteIdent).join(', ');
    await source.query(`DECLARE stratum_move NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${qualified} t`);
    let copied = 0;
    try {
      for (;;) {
        const batch: { r: string }[] = await source.query(`FETCH ${BATCH} FROM stratum_move`);
        if (!batch.length) break;
        await target.query(
          `INSERT INTO ${qualified} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${qualified}, $1::jsonb)`,
          [`[${batch.map((b) => b.r).join(',')}]`],
        );
        copied += batch.length;
      }
    } finally {
      await source.query('CLOSE stratum_move').catch(() => undefined);
    }
    return copied;
  }

  /** Sets every sequence of the new schema where the old one stands; answers how many. */
  private async copySequences(source: QueryRunner, target: QueryRunner, schemaName: string): Promise<number> {
    const seqs: { name: string }[] = await source.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'S'`,
      [schemaName],
    );
    for (const { name } of seqs) {
      const qualified = `${quoteIdent(schemaName)}.${quoteIdent(name)}`;
      const [state] = await source.query(`SELECT last_value, is_called FROM ${qualified}`);
      await target.query('SELECT setval($1::regclass, $2, $3)', [qualified, state.last_value, state.is_called]);
    }
    return seqs.length;
  }

  /** Conditional status change, published to every process's registry cache. */
  private async setStatus(tenant: Tenant, from: Tenant['status'], to: Tenant['status']): Promise<Tenant['status']> {
    const result = await this.clusters.main
      .getRepository(Tenant)
      .createQueryBuilder()
      .update()
      .set({ status: to, suspendedAt: to === 'suspended' ? new Date() : null })
      .where('id = :id AND status = :from', { id: tenant.id, from })
      .execute();
    if (!result.affected) throw new DomainError('INVALID_STATE', `The tenant's status changed during the move`);
    await this.registry.changed(tenant);
    return to;
  }
}
