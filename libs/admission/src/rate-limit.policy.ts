import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { CTX_PRINCIPAL, Principal, principalTenantId } from '@stratum/common';
import type { RateLimitSettings } from '@stratum/config';
import { createHash } from 'node:crypto';
import type { ClsService } from 'nestjs-cls';
import type { TenantContext } from '@stratum/tenancy';
import type { PlanEnforcer } from '@stratum/entitlements';
import type { Tenant } from '@stratum/tenancy';
import { rateLimitAddress } from './client-address';
import { RATE_LIMIT, RateLimitName } from './rate-limit.decorator';

/** The setting holding each strict limit's per-IP number. */
const PER_IP_SETTING = {
  login: 'RATE_LIMIT_LOGIN_PER_MINUTE',
  'password-reset': 'RATE_LIMIT_PASSWORD_RESET_PER_MINUTE',
  'mfa-verify': 'RATE_LIMIT_MFA_PER_MINUTE',
  'sso-exchange': 'RATE_LIMIT_SSO_EXCHANGE_PER_MINUTE',
  'invitation-accept': 'RATE_LIMIT_INVITATION_PER_MINUTE',
} as const satisfies Record<RateLimitName, keyof RateLimitSettings>;

export interface RateLimitDependencies {
  config: RateLimitSettings;
  reflector: Reflector;
  cls: ClsService;
  context: TenantContext;
  plans: PlanEnforcer;
}

type Req = { ip?: string; body?: unknown };

/** Who a request counts against for the `client` limit: its principal, else its IP address. */
export function clientTracker(principal: Principal | undefined, ip: string | undefined): string {
  if (!principal) return `ip:${rateLimitAddress(ip)}`;
  if (principal.kind === 'api_key') return `api-key:${principal.keyId}`;
  if (principal.kind === 'platform_user') return `platform-user:${principal.userId}`;
  if (principal.kind === 'directory') return `directory-token:${principal.tokenId}`;
  return `user:${principal.tenantId}:${principal.userId}`;
}

/** The account a request body names (`email`), normalised, or null. */
export function accountOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const email = (body as { email?: unknown }).email;
  if (typeof email !== 'string') return null;
  const normal = email.trim().toLowerCase();
  return normal && normal.length <= 320 ? normal : null;
}

/**
 * The rate limits, as named throttlers of @nestjs/throttler. All count over RATE_LIMIT_WINDOW_MS
 * in Redis, so every API instance shares them:
 * - `client`: RATE_LIMIT_PER_MINUTE per user, API key or platform user, or per IP address
 *   (an IPv6 /64) for anonymous requests;
 * - `tenant`: the plan's `requestsPerMinute` (with the tenant's override) for the authenticated
 *   requests of one tenant's users and API keys;
 * - `ip` and `account`: the strict limit of a route marked with @RateLimit(name), per IP
 *   address, and per account named by `email` in the body (per tenant, or platform).
 */
export function rateLimitThrottlers(d: RateLimitDependencies): ThrottlerOptions[] {
  const ttl = d.config.RATE_LIMIT_WINDOW_MS;
  const strict = (ctx: ExecutionContext) =>
    d.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [ctx.getHandler(), ctx.getClass()]);
  const principal = () => d.cls.get<Principal | undefined>(CTX_PRINCIPAL);
  /** The tenant of the request when one of its own principals makes it. */
  const ownTenant = (): Tenant | null => {
    const tenant = d.context.find();
    const p = principal();
    return tenant && p && principalTenantId(p) === tenant.id ? tenant : null;
  };
  const account = (ctx: ExecutionContext) => accountOf(ctx.switchToHttp().getRequest<Req>().body);

  const throttlers: ThrottlerOptions[] = [
    {
      name: 'client',
      ttl,
      limit: d.config.RATE_LIMIT_PER_MINUTE,
      getTracker: (req: Req) => clientTracker(principal(), req.ip),
    },
    {
      name: 'tenant',
      ttl,
      skipIf: () => !ownTenant(),
      limit: () => d.plans.limits(ownTenant()!).requestsPerMinute,
      getTracker: () => ownTenant()!.id,
    },
    {
      name: 'ip',
      ttl,
      skipIf: (ctx) => !strict(ctx),
      limit: (ctx) => d.config[PER_IP_SETTING[strict(ctx)!]],
      getTracker: (req: Req, ctx) => `${strict(ctx)}:${rateLimitAddress(req.ip)}`,
    },
    {
      name: 'account',
      ttl,
      skipIf: (ctx) => !strict(ctx) || !account(ctx),
      limit: d.config.RATE_LIMIT_ACCOUNT_PER_MINUTE,
      getTracker: (_req: Req, ctx) => {
        const realm = d.context.find()?.id ?? 'platform';
        const digest = createHash('sha256').update(account(ctx)!).digest('hex').slice(0, 32);
        return `${strict(ctx)}:${realm}:${digest}`;
      },
    },
  ];
  // A counter is the tracker's across all routes (the default key would make one per route).
  return throttlers.map((t) => ({ ...t, generateKey: (_ctx, tracker) => tracker }));
}
