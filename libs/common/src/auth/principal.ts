/** Who is calling. Set by authentication, read by policy checks, tenancy and audit. */
export type PlatformRole = 'super_admin' | 'support';
export const PLATFORM_ROLES: readonly PlatformRole[] = ['super_admin', 'support'];

/** The platform user acting as a tenant user (RFC 8693 `act`). */
export interface Impersonator {
  userId: string;
  email?: string;
  impersonationId: string;
  /** `read`: every write refused; `write`: only the writes marked for impersonation. */
  mode: ImpersonationMode;
}

export type ImpersonationMode = 'read' | 'write';
export const IMPERSONATION_MODES: readonly ImpersonationMode[] = ['read', 'write'];

export interface TenantUserPrincipal {
  kind: 'tenant_user';
  userId: string;
  tenantId: string;
  sessionId: string;
  email?: string;
  impersonator?: Impersonator;
  /** MFA is required but not enrolled yet: only enrolment routes are open. */
  mfaSetupRequired?: boolean;
}

export interface PlatformUserPrincipal {
  kind: 'platform_user';
  userId: string;
  roles: PlatformRole[];
  sessionId: string;
  email?: string;
  mfaSetupRequired?: boolean;
}

/** A tenant API key; its scopes are the ceiling of what it may do. */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  keyId: string;
  tenantId: string;
  scopes: string[];
  createdBy: string | null;
}

/**
 * A tenant's directory (an identity provider's SCIM client) presenting a directory-sync token:
 * it acts with at most the current authority of the admin who created the token.
 */
export interface DirectoryPrincipal {
  kind: 'directory';
  tokenId: string;
  tenantId: string;
  createdBy: string | null;
}

export type Principal = TenantUserPrincipal | PlatformUserPrincipal | ApiKeyPrincipal | DirectoryPrincipal;

/**
 * Authenticates a directory-sync token (`scim_…`) and binds its tenant. Provided by the
 * directory-sync library; authentication, below it, depends on this abstraction only.
 */
export abstract class DirectoryAuthenticator {
  abstract authenticate(raw: string): Promise<DirectoryPrincipal | null>;
}

/** The tenant a principal belongs to, if any. */
export function principalTenantId(p: Principal): string | undefined {
  return p.kind === 'platform_user' ? undefined : p.tenantId;
}

/** A stable id of the principal for logs and audit. */
export function principalId(p: Principal): string {
  if (p.kind === 'api_key') return p.keyId;
  if (p.kind === 'directory') return p.tokenId;
  return p.userId;
}
