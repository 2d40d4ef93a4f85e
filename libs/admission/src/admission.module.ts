import { Logger, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitSettings, RedisSettings } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { ClsService } from 'nestjs-cls';
import { TenantContext } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { IpAllowlistGuard } from './ip-allowlist.guard';
import { RateLimitGuard } from './rate-limit.guard';
import { rateLimitThrottlers } from './rate-limit.policy';

/**
 * What the network may do: tenant IP allowlists and rate limits. Counters live in Redis under
 * `<REDIS_KEY_PREFIX>:rate-limit:`, on a connection of their own, so every API instance shares
 * them. The app registers IpAllowlistGuard and RateLimitGuard as global guards, right after
 * tenant resolution.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RateLimitSettings, RedisSettings, RedisService, Reflector, ClsService, TenantContext, PlanEnforcer],
      useFactory: (
        config: RateLimitSettings,
        redisSettings: RedisSettings,
        redis: RedisService,
        reflector: Reflector,
        cls: ClsService,
        context: TenantContext,
        plans: PlanEnforcer,
      ) => {
        const storage = new ThrottlerStorageRedisService(redisSettings.REDIS_URL, {
          ...redis.options(),
          enableAutoPipelining: true,
          keyPrefix: `${redis.key('rate-limit')}:`,
        });
        const logger = new Logger('RateLimits');
        storage.redis.on('error', (err: Error) => logger.warn(`Redis: ${err.message}`));
        return { storage, throttlers: rateLimitThrottlers({ config, reflector, cls, context, plans }) };
      },
    }),
  ],
  providers: [IpAllowlistGuard, RateLimitGuard],
  exports: [IpAllowlistGuard, RateLimitGuard],
})
export class AdmissionModule {}
