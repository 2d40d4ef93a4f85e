import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenancySettings } from '@stratum/config';
import { CTX_PRINCIPAL, DomainError, Principal, principalTenantId } from '@stratum/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { TenantContext } from '../context/tenant-context';
import { isLiveTenant } from '../registry/live-tenants';
import { Tenant } from '../registry/tenant.entity';
import { TenantRegistry } from '../registry/tenant-registry.service';
import { TENANT_FROM_LINK, TENANT_SCOPED } from './tenant-scoped.decorator';

/**
 * Resolves the tenant of a tenant-scoped route (or of a tenant user's token) once per request and binds it to the request's
 * async context. Runs after authentication: a token's tenant always wins, and a header or
 * subdomain naming a different tenant is refused.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly cls: ClsService,
    private readonly config: TenancySettings,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const scoped = this.reflector.getAllAndOverride<boolean>(TENANT_SCOPED, [ctx.getHandler(), ctx.getClass()]);
    const principal = this.cls.get<Principal | undefined>(CTX_PRINCIPAL);
    const ownTenant = principal && principalTenantId(principal);
    // A tenant principal (user token, API key) always binds its tenant, whatever the route.
    if (!scoped && !ownTenant) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const fromLink = this.reflector.getAllAndOverride<boolean>(TENANT_FROM_LINK, [ctx.getHandler(), ctx.getClass()]);
    const named = (fromLink ? linkTenant(req) : undefined) ?? this.namedTenant(req);

    let tenant: Tenant | null;
    if (ownTenant) {
      tenant = await this.registry.find(ownTenant);
      if (!tenant) throw new DomainError('TENANT_NOT_FOUND');
      if (named && named.toLowerCase() !== tenant.id && named.toLowerCase() !== tenant.slug) {
        throw new DomainError('TENANT_MISMATCH', 'The X-Tenant header (or subdomain) names a different tenant than your token');
      }
    } else {
      if (!named) throw new DomainError('TENANT_REQUIRED');
      tenant = await this.registry.find(named);
      if (!tenant) throw new DomainError('TENANT_NOT_FOUND', `No tenant matches "${named.slice(0, 64)}"`);
    }
    if (tenant.status !== 'active') {
      // A purged tenant's data is gone for good: it no longer exists as far as clients can tell.
      if (!isLiveTenant(tenant)) throw new DomainError('TENANT_NOT_FOUND');
      throw new DomainError('TENANT_SUSPENDED', `Tenant "${tenant.slug}" is ${tenant.status}`);
    }
    this.context.set(tenant);
    return true;
  }

  /** The tenant named by the request itself: the X-Tenant header, else the subdomain. */
  private namedTenant(req: Request): string | undefined {
    const header = req.headers['x-tenant'];
    if (typeof header === 'string' && header.trim()) return header.trim();
    const base = this.config.TENANT_BASE_DOMAIN?.toLowerCase();
    if (base) {
      const host = req.hostname?.toLowerCase();
      if (host && host.endsWith(`.${base}`)) {
        const label = host.slice(0, -(base.length + 1));
        if (label && !label.includes('.')) return label;
      }
    }
    return undefined;
  }
}

/** The tenant an emailed link names: its `tenant` query parameter, or the posted form's `tenant` field. */
function linkTenant(req: Request): string | undefined {
  const source = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
  const value = source?.tenant;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
