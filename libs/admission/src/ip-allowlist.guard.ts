import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import type { Request } from 'express';
import { TenantContext } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { clientAddress } from './client-address';
import { IpAllowlist } from './ip-allowlist';

/**
 * Enforces the tenant's IP allowlist (`settings.ipAllowlist`, with the `ip_allowlist` plan
 * feature) on every request bound to that tenant: tenant users, API keys, and unauthenticated
 * tenant routes such as login. Runs right after tenant resolution. The client address is
 * `req.ip`, which honours TRUST_PROXY.
 */
@Injectable()
export class IpAllowlistGuard implements CanActivate {
  /** Parsed allowlists, by the settings array of the (cached) tenant they belong to. */
  private readonly parsed = new WeakMap<readonly string[], IpAllowlist>();

  constructor(
    private readonly context: TenantContext,
    private readonly plans: PlanEnforcer,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const tenant = this.context.find();
    const entries = tenant?.settings?.ipAllowlist;
    if (!tenant || !entries?.length || !this.plans.hasFeature('ip_allowlist', tenant)) return true;
    let allowlist = this.parsed.get(entries);
    if (!allowlist) {
      allowlist = new IpAllowlist(entries);
      this.parsed.set(entries, allowlist);
    }
    const ip = ctx.switchToHttp().getRequest<Request>().ip;
    if (allowlist.allows(ip)) return true;
    const shown = clientAddress(ip)?.toString() ?? 'an unknown address';
    throw new DomainError('IP_NOT_ALLOWED', `Tenant "${tenant.slug}" does not accept requests from ${shown}`, { ip: shown });
  }
}
