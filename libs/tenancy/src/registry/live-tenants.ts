import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Tenant, TenantStatus } from './tenant.entity';

/** The statuses of a tenant whose schema exists (all but `provisioning`); a purged tenant is never live. */
export const LIVE_STATUSES: readonly TenantStatus[] = ['active', 'suspended', 'deleted'];

/** The statuses of a tenant that stays (not deleted): what placement and the plan counts weigh. */
export const STAYING_STATUSES: readonly TenantStatus[] = ['provisioning', 'active', 'suspended'];

/** Whether a registry row is a live tenant: the same test as the query's, for one row already read. */
export function isLiveTenant(tenant: Pick<Tenant, 'status' | 'purgedAt'>): boolean {
  return !tenant.purgedAt && LIVE_STATUSES.includes(tenant.status);
}

export interface LiveTenantFilter {
  /** Which statuses count; LIVE_STATUSES when omitted. */
  status?: readonly TenantStatus[];
  cluster?: string;
  /** Tenant ids or slugs; every live tenant when omitted. */
  only?: readonly string[];
  /** Only tenants deleted at or before this time (those whose grace period is over). */
  deletedBefore?: Date;
}

/** Where a live tenant's schema is: enough to reach it, read without the Tenant entity. */
export type TenantLocation = Pick<Tenant, 'id' | 'slug' | 'schemaName' | 'cluster'>;

type Db = DataSource | EntityManager;

/**
 * The one condition for live tenants (not purged, of the statuses asked for) over the registry
 * aliased `t`, oldest first. In column names, so it also serves connections that were opened
 * without the Tenant entity (the CLI, the migration runner).
 */
function whereLive<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, filter: LiveTenantFilter): SelectQueryBuilder<T> {
  qb.where('t.purged_at IS NULL').andWhere('t.status IN (:...status)', { status: filter.status ?? LIVE_STATUSES });
  if (filter.cluster !== undefined) qb.andWhere('t.cluster = :cluster', { cluster: filter.cluster });
  if (filter.only?.length) qb.andWhere('(CAST(t.id AS text) = ANY(:only) OR t.slug = ANY(:only))', { only: filter.only });
  if (filter.deletedBefore) qb.andWhere('t.deleted_at <= :deletedBefore', { deletedBefore: filter.deletedBefore });
  return qb.orderBy('t.created_at').addOrderBy('t.id');
}

/** Live tenants (whole registry rows), oldest first. */
export function liveTenants(db: Db, filter: LiveTenantFilter = {}): Promise<Tenant[]> {
  return whereLive(db.getRepository(Tenant).createQueryBuilder('t'), filter).getMany();
}

/** Where each live tenant's schema is, oldest first; needs no entity metadata. */
export function liveTenantLocations(db: Db, filter: LiveTenantFilter = {}): Promise<TenantLocation[]> {
  return whereLive(db.createQueryBuilder().from('platform.tenants', 't'), filter)
    .select('t.id', 'id')
    .addSelect('t.slug', 'slug')
    .addSelect('t.schema_name', 'schemaName')
    .addSelect('t.cluster', 'cluster')
    .getRawMany<TenantLocation>();
}

/** How many live tenants each cluster (or status, or plan) has; keys with none are absent. */
export async function countLiveTenants(
  db: Db,
  by: 'cluster' | 'status' | 'plan',
  filter: LiveTenantFilter = {},
): Promise<Map<string, number>> {
  const rows = await whereLive(db.createQueryBuilder().from('platform.tenants', 't'), filter)
    .orderBy()
    .select(`t.${by}`, 'key')
    .addSelect('count(*)::int', 'n')
    .groupBy(`t.${by}`)
    .getRawMany<{ key: string; n: number }>();
  return new Map(rows.map((r) => [r.key, r.n]));
}
