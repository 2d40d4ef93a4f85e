import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, MoreThan, Not } from 'typeorm';
import type { IdentityRealm } from '../realm/identity-realm';
import { SessionRevocations } from '../tokens/session-revocations.service';
import { TokenService } from '../tokens/token.service';
import type { SessionColumns } from './session-columns';

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

export type RotateResult =
  | { kind: 'rotated'; session: SessionColumns; refreshToken: string }
  | { kind: 'reused'; session: SessionColumns }
  | { kind: 'invalid' };

/**
 * Login sessions of either realm: opening, refresh-token rotation with reuse detection, and
 * revocation (recorded in PostgreSQL and flagged in Redis, so access tokens die at once).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
  ) {}

  async open(realm: IdentityRealm, em: EntityManager, userId: string, meta: ClientMeta) {
    const sessions = em.getRepository<SessionColumns>(realm.entities.session);
    const session = sessions.create({
      userId,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip ?? null,
      lastSeenAt: new Date(),
      expiresAt: this.tokens.refreshExpiry(),
      revokedAt: null,
      revokedReason: null,
    });
    await sessions.insert(session);
    const refresh = this.tokens.newRefreshToken();
    await em.getRepository(realm.entities.refreshToken).insert({ tokenHash: refresh.hash, sessionId: session.id, usedAt: null });
    return { session, refreshToken: refresh.token };
  }

  /**
   * Spends a refresh token for a new one. A token that was already spent means two parties hold
   * it: the whole session is revoked and the caller is told, so it can raise the alarm.
   */
  async rotate(realm: IdentityRealm, em: EntityManager, refreshToken: string, meta: ClientMeta): Promise<RotateResult> {
    const token = await em
      .getRepository(realm.entities.refreshToken)
      .findOne({ where: { tokenHash: this.tokens.hashRefreshToken(refreshToken) }, lock: { mode: 'pessimistic_write' } });
    if (!token) return { kind: 'invalid' };
    const sessions = em.getRepository<SessionColumns>(realm.entities.session);
    const session = await sessions.findOne({ where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } });
    if (!session || session.revokedAt || session.expiresAt <= new Date()) return { kind: 'invalid' };
    if (token.usedAt) {
      await this.revoke(realm, em, session.id, 'refresh_token_reuse');
      return { kind: 'reused', session };
    }
    const next = this.tokens.newRefreshToken();
    await em.getRepository(realm.entities.refreshToken).update({ tokenHash: token.tokenHash }, { usedAt: new Date() });
    await em.getRepository(realm.entities.refreshToken).insert({ tokenHash: next.hash, sessionId: session.id, usedAt: null });
    await sessions.update(
      { id: session.id },
      { lastSeenAt: new Date(), ip: meta.ip ?? session.ip, userAgent: meta.userAgent?.slice(0, 512) ?? session.userAgent },
    );
    return { kind: 'rotated', session, refreshToken: next.token };
  }

  async revoke(realm: IdentityRealm, em: EntityManager, sessionId: string, reason: string): Promise<boolean> {
    const result = await em
      .getRepository<SessionColumns>(realm.entities.session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
    await this.revocations.revoke(sessionId);
    return !!result.affected;
  }

  /** Revokes every live session of a user, except `keep` (the caller's own, when it stays). */
  async revokeAll(realm: IdentityRealm, em: EntityManager, userId: string, reason: string, keep?: string): Promise<number> {
    const sessions = em.getRepository<SessionColumns>(realm.entities.session);
    const live = await sessions.find({
      select: { id: true },
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()), ...(keep ? { id: Not(keep) } : {}) },
    });
    if (!live.length) return 0;
    const ids = live.map((s) => s.id);
    await sessions.update({ id: In(ids) }, { revokedAt: new Date(), revokedReason: reason });
    await Promise.all(ids.map((id) => this.revocations.revoke(id)));
    return ids.length;
  }

  async listLive(realm: IdentityRealm, em: EntityManager, userId: string): Promise<SessionColumns[]> {
    return em.getRepository<SessionColumns>(realm.entities.session).find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { lastSeenAt: 'DESC' },
    });
  }

  async findLive(realm: IdentityRealm, em: EntityManager, userId: string, sessionId: string): Promise<SessionColumns | null> {
    return em
      .getRepository<SessionColumns>(realm.entities.session)
      .findOne({ where: { id: sessionId, userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) } });
  }
}
