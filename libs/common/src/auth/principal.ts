/** Who is calling. Set by authentication, read by policy checks, tenancy and audit. */
export type PlatformRole = 'super_admin' | 'support';
export const PLATFORM_ROLES: readonly PlatformRole[] = ['super_admin', 'support'];

export interface TenantUserPrincipal {
  kind: 'tenant_user';
  userId: string;
  tenantId: string;
  sessionId: string;
}

export interface PlatformUserPrincipal {
  kind: 'platform_user';
  userId: string;
  roles: PlatformRole[];
  sessionId?: string;
}

export type Principal = TenantUserPrincipal | PlatformUserPrincipal;
