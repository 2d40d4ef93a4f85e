import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { opaqueToken, sha256 } from '../tokens/token.service';
import { UserToken, UserTokenPurpose } from './user-token.entity';

const PREFIX: Record<UserTokenPurpose, string> = { password_reset: 'pr', email_verification: 'ev', invitation: 'inv' };

/**
 * Single-use tokens sent by email. Only their SHA-256 is stored; issuing a new one for a purpose
 * revokes the user's earlier ones; consuming is atomic (row lock), so a token works exactly once;
 * a password change or reset and a deactivation end them all.
 */
@Injectable()
export class UserTokensService {
  async issue(em: EntityManager, userId: string, purpose: UserTokenPurpose, ttlMs: number, createdBy?: string) {
    await this.revokeOutstanding(em, userId, purpose);
    const { token, hash } = opaqueToken(PREFIX[purpose]);
    const expiresAt = new Date(Date.now() + ttlMs);
    const row = await em
      .getRepository(UserToken)
      .save({ userId, purpose, tokenHash: hash, expiresAt, createdBy: createdBy ?? null });
    return { id: row.id, token, expiresAt };
  }

  /** The user the token was issued to, marking it used; null when unknown, expired, used or revoked. */
  async consume(em: EntityManager, token: string, purpose: UserTokenPurpose): Promise<string | null> {
    const row = await em.getRepository(UserToken).findOne({
      where: { tokenHash: sha256(token), purpose, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) return null;
    await em.getRepository(UserToken).update({ id: row.id }, { usedAt: new Date() });
    return row.userId;
  }

  /**
   * Ends every outstanding link of the user, whatever its purpose: when the password changes or is
   * reset, or the account is deactivated, a link sent before must not act on the account after.
   */
  async revokeAllOutstanding(em: EntityManager, userId: string): Promise<void> {
    await em.getRepository(UserToken).update({ userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeOutstanding(em: EntityManager, userId: string, purpose: UserTokenPurpose): Promise<void> {
    await em
      .getRepository(UserToken)
      .update({ userId, purpose, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
