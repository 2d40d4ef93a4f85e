import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { DomainError } from '@stratum/common';
import { RateLimitSettings } from '@stratum/config';
import type { Response } from 'express';
import { NO_RATE_LIMIT, RATE_LIMIT, RateLimitName } from './rate-limit.decorator';

const HEADERS = { limit: 'RateLimit-Limit', remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset' };

/**
 * Counts each request against the limits of `rateLimitThrottlers` and refuses one over any of
 * them with 429 RATE_LIMITED and `Retry-After`. Every answer advertises the limit closest to
 * refusing in `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds), as the
 * IETF RateLimit header fields draft names them. Runs after authentication and tenant
 * resolution, so signed-in clients and tenants are counted as themselves, not by address.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly config: RateLimitSettings,
  ) {
    super(options, storage, reflector);
  }

  /** The verdicts of the request's limits, counted at once and judged in order. */
  private readonly counting = new WeakMap<ExecutionContext, Promise<boolean>[]>();

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const verdicts: Promise<boolean>[] = [];
    this.counting.set(ctx, verdicts);
    try {
      // Each limit's count is started here without waiting for the previous one, so all of them
      // travel to Redis together (one round trip); the first limit refused, in order, answers.
      await super.canActivate(ctx);
      const settled = await Promise.allSettled(verdicts);
      for (const v of settled) if (v.status === 'rejected') throw v.reason;
      return true;
    } finally {
      this.counting.delete(ctx);
    }
  }

  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    if (!this.config.RATE_LIMIT_ENABLED || ctx.getType() !== 'http') return true;
    return !!this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, [ctx.getHandler(), ctx.getClass()]);
  }

  protected override async handleRequest(r: ThrottlerRequest): Promise<boolean> {
    const verdict = this.count(r);
    const verdicts = this.counting.get(r.context);
    if (!verdicts) return verdict;
    verdict.catch(() => undefined);
    verdicts.push(verdict);
    return true;
  }

  private async count(r: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, blockDuration } = r;
    const per = r.throttler.name ?? 'client';
    const { req } = this.getRequestResponse(context);
    const res = context.switchToHttp().getResponse<Response>();
    const key = r.generateKey(context, await r.getTracker(req, context), per);
    const hit = await this.storageService.increment(key, ttl, limit, blockDuration, per);
    const remaining = hit.isBlocked ? 0 : Math.max(0, limit - hit.totalHits);
    const reset = hit.isBlocked ? hit.timeToBlockExpire : hit.timeToExpire;
    const shown = res.getHeader(HEADERS.remaining);
    if (hit.isBlocked || shown === undefined || remaining < Number(shown)) {
      res.setHeader(HEADERS.limit, String(limit));
      res.setHeader(HEADERS.remaining, String(remaining));
      res.setHeader(HEADERS.reset, String(reset));
    }
    if (!hit.isBlocked) return true;

    const strict = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    const rateLimit = (per === 'ip' || per === 'account') && strict ? strict : per;
    const who = { client: 'from this client', tenant: 'for this tenant', ip: 'from this address', account: 'for this account' }[
      per
    ];
    throw new DomainError(
      'RATE_LIMITED',
      `Too many ${rateLimit === strict ? `${strict} ` : ''}requests ${who ?? ''}; retry in ${reset} s`,
      { rateLimit, per, retryAfter: reset },
    );
  }
}
