import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { IntRange, Setting, Settings, SettingsGroup, toBool } from './setting';

/** Upper bound of every rate limit setting. */
const RATE_LIMIT_MAX = 10_000_000;

/** Rate limits (Redis-backed, shared by every API instance). */
@SettingsGroup('rate-limits', 'Rate limits')
export class RateLimitSettings extends Settings {
  @Setting({
    description: 'rate limiting (counters in Redis, shared by every API instance); `false` turns every limit off',
  })
  @Transform(toBool)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  @Setting({
    description:
      "the window every limit counts over; the `*_PER_MINUTE` limits and the plans' `requestsPerMinute` are per window",
  })
  @IntRange(1000, 3_600_000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  @Setting({
    description:
      'requests per window of one client: a signed-in user, an API key, a platform user, or (anonymous) an IP address (an IPv6 /64)',
  })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_PER_MINUTE = 600;

  @Setting({
    description: 'login and password reset requests per window naming one account (`email`, per tenant)',
  })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_ACCOUNT_PER_MINUTE = 5;

  @Setting({ description: 'login attempts (tenant and platform) per window from one IP address' })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_LOGIN_PER_MINUTE = 20;

  @Setting({ description: 'password reset requests and confirmations per window from one IP address' })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_PASSWORD_RESET_PER_MINUTE = 5;

  @Setting({ description: 'MFA verifications (second login step) per window from one IP address' })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_MFA_PER_MINUTE = 10;

  @Setting({ description: 'SSO code exchanges per window from one IP address' })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_SSO_EXCHANGE_PER_MINUTE = 10;

  @Setting({ description: 'invitation acceptances per window from one IP address' })
  @IntRange(1, RATE_LIMIT_MAX)
  RATE_LIMIT_INVITATION_PER_MINUTE = 10;
}
