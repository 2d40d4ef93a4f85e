/** What the audit guard, interceptor and failure middleware share about the current request. */
import { AuditedRoute, AuditNotes, CTX_PRINCIPAL, Principal } from '@stratum/common';
import { TenantContext } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { AuditScope } from './audit-writer.service';
/** What the audit guard, interceptor and failure middleware share about the current request. */

export const CTX_AUDIT_ROUTE = 'auditRoute';
export const CTX_AUDIT_WRITTEN = 'auditWritten';
export const DENIALS = new Set(['FORBIDDEN', 'TENANT_MISMATCH', 'MFA_SETUP_REQUIRED', 'IMPERSONATION_FORBIDDEN']);

export interface RouteInfo {
  audited?: AuditedRoute;
  method: string;
  path: string;
  platform: boolean;
}

/**
 * The audit action of the current request: the route's own, else `impersonation.request` for
 * any request (reads included) made by platform staff acting as a user.
 */
export function auditedAction(cls: ClsService, notes: AuditNotes, route?: RouteInfo): AuditedRoute | undefined {
  if (route?.audited) return route.audited;
  const principal = cls.get<Principal | undefined>(CTX_PRINCIPAL);
  if (principal?.kind !== 'tenant_user' || !principal.impersonator) return undefined;
  notes.describe({ metadata: { method: route?.method, path: route?.path } });
  return { action: 'impersonation.request' };
}

/** The scope a request's events belong to: its tenant's trail, else the platform's. */
export function scopeOf(tenant: TenantContext, cls: ClsService, route?: RouteInfo): AuditScope | null {
  if (tenant.find()) return 'tenant';
  const principal = cls.get<Principal | undefined>(CTX_PRINCIPAL);
  if (principal?.kind === 'platform_user' || route?.platform) return 'platform';
  return null;
}
