import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, IsNull, MoreThan } from 'typeorm';
import { SessionRevocations } from '../tokens/session-revocations.service';
import { TokenService } from '../tokens/token.service';
import type { SessionColumns } from './session-columns';

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

/**
 * Opens, rotates and revokes login sessions; the same logic serves tenant users (table
 * `sessions` in the tenant schema) and platform staff (`platform.platform_sessions`).
 */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
  ) {}

  async open<S extends SessionColumns>(em: EntityManager, target: EntityTarget<S>, userId: string, meta: ClientMeta) {
    const refresh = this.tokens.newRefreshToken();
    const repo = em.getRepository<SessionColumns>(target);
    const session = repo.create({
      userId,
      refreshTokenHash: refresh.hash,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip ?? null,
      lastSeenAt: new Date(),
      expiresAt: this.tokens.refreshExpiry(),
      revokedAt: null,
    });
    await repo.insert(session);
    return { session, refreshToken: refresh.token };
  }

  /** Swaps a live refresh token for a new one; null when the token is unknown, expired or revoked. */
  async rotate<S extends SessionColumns>(em: EntityManager, target: EntityTarget<S>, refreshToken: string, meta: ClientMeta) {
    const repo = em.getRepository<SessionColumns>(target);
    const session = await repo.findOne({
      where: {
        refreshTokenHash: this.tokens.hashRefreshToken(refreshToken),
        revokedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      },
      lock: { mode: 'pessimistic_write' },
    });
    if (!session) return null;
    const next = this.tokens.newRefreshToken();
    await repo.update(
      { id: session.id },
      {
        refreshTokenHash: next.hash,
        lastSeenAt: new Date(),
        ip: meta.ip ?? session.ip,
        userAgent: meta.userAgent?.slice(0, 512) ?? session.userAgent,
      },
    );
    return { session, refreshToken: next.token };
  }

  async revoke<S extends SessionColumns>(em: EntityManager, target: EntityTarget<S>, sessionId: string): Promise<void> {
    await em.getRepository<SessionColumns>(target).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.revocations.revoke(sessionId);
  }
}
