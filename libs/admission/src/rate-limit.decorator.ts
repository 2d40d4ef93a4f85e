import { SetMetadata } from '@nestjs/common';

/**
 * Strict limits of sensitive unauthenticated routes, each counted per IP address and, when the
 * body names an account (`email`), per account too; on top of the client and tenant limits.
 */
export const RATE_LIMIT_NAMES = ['login', 'password-reset', 'mfa-verify', 'sso-exchange', 'invitation-accept'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

export const RATE_LIMIT = 'stratum:rateLimit';
export const NO_RATE_LIMIT = 'stratum:noRateLimit';

/**
 * Puts a route under a named strict limit: RATE_LIMIT_<NAME>_PER_MINUTE requests per IP address,
 * and RATE_LIMIT_ACCOUNT_PER_MINUTE per `email` given in the body.
 */
export const RateLimit = (name: RateLimitName): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT, name);

/** Exempts a route from every rate limit (health probes polled by load balancers). */
export const NoRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(NO_RATE_LIMIT, true);
