import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { PlatformRole } from '@stratum/common';
import type { Permission } from '../catalogue/permissions';

export const POLICY = 'stratum:policy';
export const ALLOW_MFA_SETUP = 'stratum:allowMfaSetup';

/**
 * Open to an account that owes MFA enrolment (its token says so): the enrolment routes, logout
 * and the like. Every other route answers MFA_SETUP_REQUIRED to such a token.
 */
export const AllowMfaSetup = () => SetMetadata(ALLOW_MFA_SETUP, true);

export const NOT_WHILE_IMPERSONATING = 'stratum:notWhileImpersonating';

/**
 * Refused (IMPERSONATION_FORBIDDEN) to platform staff acting as a user even where the route only
 * reads (API keys) or would be open in `write` mode. Writes are refused under impersonation anyway
 * unless marked `@AllowWhileImpersonating()`.
 */
export const NotWhileImpersonating = () => SetMetadata(NOT_WHILE_IMPERSONATING, true);

/**
 * Every route declares exactly one access policy; a route without one is refused.
 * - public: anyone (login, health, docs)
 * - authenticated: any signed-in tenant user or platform user
 * - permissions: a tenant user holding all the listed permissions
 * - platform: platform staff holding one of the listed platform roles
 * - directory: a tenant's directory-sync token (`Authorization: Bearer scim_…`), the SCIM service
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permissions'; permissions: Permission[]; resource?: ResourceScope }
  | { kind: 'platform'; roles: PlatformRole[] }
  | { kind: 'directory' };

/**
 * Lets per-resource grants satisfy a permission: `{ on: 'project', param: 'id' }` checks the
 * caller's grants on the project named by the `id` path parameter; `{ on: 'project' }` (a list)
 * lets callers with grants in, and the service shows them only what they were granted.
 */
export interface ResourceScope {
  on: string;
  param?: string;
}

export const Public = () => SetMetadata(POLICY, { kind: 'public' } satisfies RoutePolicy);

/**
 * A policy, and on a route its security schemes in the document. On a controller (the default of
 * its routes) the policy alone: Swagger would copy a controller's schemes onto its `@Public()`
 * routes too.
 */
const policy =
  (p: RoutePolicy, ...schemes: MethodDecorator[]): MethodDecorator & ClassDecorator =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) applyDecorators(SetMetadata(POLICY, p), ...schemes)(target, key!, descriptor);
    else SetMetadata(POLICY, p)(target as new () => unknown);
  };

export const Authenticated = () => policy({ kind: 'authenticated' }, ApiBearerAuth());

export const RequirePermissions = (...args: (Permission | ResourceScope)[]) => {
  const permissions = args.filter((a): a is Permission => typeof a === 'string');
  const resource = args.find((a): a is ResourceScope => typeof a === 'object');
  return policy(
    { kind: 'permissions', permissions, ...(resource ? { resource } : {}) },
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiSecurity('tenant'),
  );
};

/** SCIM routes: a directory-sync token (`scim_…`); on a class, the security scheme goes with it. */
export const DirectoryToken = () =>
  applyDecorators(SetMetadata(POLICY, { kind: 'directory' } satisfies RoutePolicy), ApiSecurity('scimToken'));

export const PlatformRoles = (...roles: PlatformRole[]) => policy({ kind: 'platform', roles }, ApiBearerAuth());

export const CHANGES_AUTHORITY = 'stratum:changesAuthority';

/**
 * The route changes who may do what (roles, assignments, users' status and security flags,
 * credentials, grants): its handler must pass the AuthorityService's dominance check, or the
 * request fails and rolls back. A route sweep checks every such route carries this mark.
 */
export const ChangesAuthority = () => SetMetadata(CHANGES_AUTHORITY, true);

export const ALLOW_WHILE_IMPERSONATING = 'stratum:allowWhileImpersonating';

/**
 * One of the few writes platform staff may make while acting as a user in `write` mode (project
 * and document edits, delivery retries). Every other write is refused under impersonation
 * (IMPERSONATION_FORBIDDEN); reads stay open and audited. A route sweep lists them.
 */
export const AllowWhileImpersonating = () => SetMetadata(ALLOW_WHILE_IMPERSONATING, true);
