import { KeyRing, quoteIdent, SecretColumn } from '@stratum/common';
import { DatabaseClusters } from '@stratum/database';
import { liveTenantLocations } from '@stratum/tenancy';
import { DataSource, EntityManager } from 'typeorm';

export interface ReencryptionResult {
  /** Values re-encrypted with the current key. */
  reencrypted: number;
  /** Values already under the current key. */
  current: number;
  tenants: number;
  failed: { scope: string; error: string }[];
}

/**
 * Re-encrypts every secret at rest that an older key of the ring sealed, with the current key:
 * the platform's columns, then each tenant's, one transaction per scope (rows locked while they
 * change). Run after putting a new key first in ENCRYPTION_KEYS; once it reports nothing left
 * under the old key, that key can leave the ring.
 */
export async function reencryptSecrets(
  databases: DataSource | DatabaseClusters,
  keys: KeyRing,
  columns: SecretColumn[],
  options: { tenants?: string[]; platform?: boolean; onScope?: (scope: string) => void } = {},
): Promise<ReencryptionResult> {
  const onScope = options.onScope ?? (() => undefined);
  const clusters = databases instanceof DataSource ? DatabaseClusters.single(databases) : databases;
  const dataSource = clusters.main;
  const result: ReencryptionResult = { reencrypted: 0, current: 0, tenants: 0, failed: [] };
  const run = async (scope: string, schema: string | null, tenantId: string | null, cols: SecretColumn[], cluster = 'main') => {
    try {
      await clusters.dataSource(cluster).transaction(async (em) => {
        if (schema) await em.query(`SELECT set_config('search_path', $1, true)`, [quoteIdent(schema)]);
        for (const col of cols) await reencryptColumn(em, keys, col, tenantId, result);
      });
    } catch (err) {
      result.failed.push({ scope, error: (err as Error).message });
    }
    onScope(scope);
  };
  if (options.platform !== false) {
    await run(
      'platform',
      null,
      null,
      columns.filter((c) => c.scope === 'platform'),
    );
  }
  const tenantColumns = columns.filter((c) => c.scope === 'tenant');
  const tenants = await liveTenantLocations(dataSource, { only: options.tenants });
  for (const tenant of tenants) {
    await run(tenant.slug, tenant.schemaName, tenant.id, tenantColumns, tenant.cluster);
    result.tenants++;
  }
  return result;
}

async function reencryptColumn(
  em: EntityManager,
  keys: KeyRing,
  col: SecretColumn,
  tenantId: string | null,
  result: ReencryptionResult,
): Promise<void> {
  const table = col.table.split('.').map(quoteIdent).join('.');
  const column = quoteIdent(col.column);
  const rows: { id: string; value: string }[] = await em.query(
    `SELECT id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL FOR UPDATE`,
  );
  for (const row of rows) {
    if (KeyRing.keyIdOf(row.value) === keys.currentId) {
      result.current++;
      continue;
    }
    const context = col.context(row.id, tenantId);
    const sealed = keys.encrypt(keys.decrypt(row.value, context), context);
    await em.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [row.id, sealed]);
    result.reencrypted++;
  }
}
