import { Injectable } from '@nestjs/common';
import { AppConfig } from '@stratum/config';
import { RedisService } from '@stratum/database';

/**
 * Revoked sessions, remembered in Redis for as long as an access token can live, so that a
 * logged-out session's access token is refused at once by every API instance.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  /** `ttlSeconds`: how long tokens of this session can still live (default: the access-token lifetime). */
  async revoke(sessionId: string, ttlSeconds = this.config.JWT_ACCESS_TTL_SECONDS): Promise<void> {
    await this.redis.client.set(this.redis.key('revoked-session', sessionId), '1', 'EX', Math.ceil(ttlSeconds) + 60);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.client.exists(this.redis.key('revoked-session', sessionId))) === 1;
  }
}
