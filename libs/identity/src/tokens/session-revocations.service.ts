import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { AuthSettings, MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters, RedisService } from '@stratum/database';
import { TenantRegistry } from '@stratum/tenancy';

/** What an access token says about the session it belongs to. */
export interface SessionClaims {
  /** Session id: a tenant or platform session, or an impersonation (`imp`). */
  sid: string;
  /** Issued at / expires at, in seconds since the epoch. */
  iat?: number;
  exp?: number;
  realm: 'tenant' | 'platform';
  tid?: string;
  imp?: string;
}

/**
 * Revoked sessions and ended impersonations, flagged in Redis for as long as an access token can
 * live, so a revoked session's access token is refused at once by every API instance.
 *
 * PostgreSQL stays the record (`revoked_at` of the sessions, `ended_at` of impersonations); Redis
 * may lose its flags (a restart without persistence, a failover, a flush). A marker key holds the
 * time Redis started remembering revocations; a token issued before it may belong to a session
 * whose flag was lost, so its session is looked up in PostgreSQL once and the answer cached.
 * Tokens issued after the marker never take that path, so within one token lifetime of the
 * marker every check is again a single Redis round trip.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit {
  private readonly logger = new Logger(SessionRevocations.name);

  constructor(
    private readonly redis: RedisService,
    private readonly config: AuthSettings,
    private readonly clusters: DatabaseClusters,
    private readonly registry: TenantRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.trackingSince();
  }

  /** `ttlSeconds`: how long tokens of this session can still live (default: the access-token lifetime). */
  async revoke(sessionId: string, ttlSeconds = this.config.JWT_ACCESS_TTL_SECONDS): Promise<void> {
    await this.redis.client.set(this.redis.key('revoked-session', sessionId), '1', 'EX', Math.ceil(ttlSeconds) + 60);
  }

  async isRevoked(claims: SessionClaims): Promise<boolean> {
    const [revoked, since, checked] = await this.redis.client.mget(
      this.redis.key('revoked-session', claims.sid),
      this.sinceKey,
      this.redis.key('live-session', claims.sid),
    );
    if (revoked) return true;
    const tracked = since ? Number(since) : await this.trackingSince();
    // Issued after Redis started remembering: any revocation of its session is flagged there.
    if (typeof claims.iat === 'number' && claims.iat * 1000 >= tracked) return false;
    if (checked) return false;
    const ended = await this.endedInDatabase(claims);
    const ttl = Math.max(
      1,
      Math.ceil((claims.exp ?? Date.now() / 1000 + this.config.JWT_ACCESS_TTL_SECONDS) - Date.now() / 1000),
    );
    if (ended) await this.revoke(claims.sid, ttl);
    else await this.redis.client.set(this.redis.key('live-session', claims.sid), '1', 'EX', ttl);
    return ended;
  }

  private get sinceKey(): string {
    return this.redis.key('revocations-since');
  }

  /** When Redis started remembering revocations (set now when the marker is missing). */
  private async trackingSince(): Promise<number> {
    const now = Date.now();
    if ((await this.redis.client.set(this.sinceKey, String(now), 'NX')) === 'OK') {
      this.logger.log('revocation tracking starts now in Redis; older tokens are checked against PostgreSQL');
      return now;
    }
    // Another instance set it first.
    return Number((await this.redis.client.get(this.sinceKey)) ?? now);
  }

  /** Whether PostgreSQL says the session is over (revoked, ended, or gone altogether). */
  private async endedInDatabase(claims: SessionClaims): Promise<boolean> {
    if (claims.imp) {
      const rows: { ended_at: Date | null }[] = await this.clusters.main.query(
        'SELECT ended_at FROM platform.impersonations WHERE id = $1',
        [claims.imp],
      );
      return !rows.length || rows[0].ended_at !== null;
    }
    if (claims.realm === 'platform') {
      const rows: { revoked_at: Date | null }[] = await this.clusters.main.query(
        'SELECT revoked_at FROM platform.platform_sessions WHERE id = $1',
        [claims.sid],
      );
      return !rows.length || rows[0].revoked_at !== null;
    }
    const tenant = claims.tid ? await this.registry.find(claims.tid) : null;
    if (!tenant || tenant.purgedAt) return true;
    const rows: { revoked_at: Date | null }[] = await this.clusters
      .dataSource(tenant.cluster ?? MAIN_CLUSTER)
      .query(`SELECT revoked_at FROM ${quoteIdent(tenant.schemaName)}.sessions WHERE id = $1`, [claims.sid]);
    return !rows.length || rows[0].revoked_at !== null;
  }
}
