import { IsOptional, IsString, Matches } from 'class-validator';
import { IntRange, Setting, Settings, SettingsGroup } from './setting';

/** Redis: caches, rate limit counters, revocations and the BullMQ queues. */
@SettingsGroup('redis', 'Redis')
export class RedisSettings extends Settings {
  @Setting({
    description: 'Redis URL (`redis://` or `rediss://`)',
    default: '— (required; `npm start`/`npm test` provide one)',
    sensitive: true,
    example: 'redis://127.0.0.1:6379',
  })
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  @Setting({ description: 'prefix of every Redis key and BullMQ queue' })
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", "_" and "-"' })
  REDIS_KEY_PREFIX = 'stratum';

  @Setting({
    description:
      "how long a Redis command (the API's job queueing included) waits for an answer, queued while Redis is unreachable included; then the request fails with 503 `SERVICE_UNAVAILABLE` instead of hanging",
  })
  @IntRange(100, 60_000)
  REDIS_COMMAND_TIMEOUT_MS = 2_000;
}
