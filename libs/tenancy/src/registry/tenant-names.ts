import { quoteIdent } from '@stratum/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** `t_<uuid hex>`: the tenant's schema, and its database role, derive from its id alone. */
export function tenantDbName(tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  return `t_${tenantId.replace(/-/g, '').toLowerCase()}`;
}

export function quotedTenantSchema(tenant: { schemaName: string }): string {
  return quoteIdent(tenant.schemaName);
}

export function quotedTenantRole(tenant: { roleName: string }): string {
  return quoteIdent(tenant.roleName);
}
