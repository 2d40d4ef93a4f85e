import { Injectable } from '@nestjs/common';
import { paginate, Page } from '@stratum/common';
import type { EntityManager } from 'typeorm';
import type { IdentityRealm } from '../realm/identity-realm';
import type { ClientMeta } from '../sessions/session.service';
import type { LoginEventColumns, LoginOutcome } from './login-event-columns';

export interface LoginAttempt {
  userId: string | null;
  email: string;
  outcome: LoginOutcome;
  method?: string;
  sessionId?: string;
}

/** Every sign-in attempt of a realm, for the user's own history and for admins. */
@Injectable()
export class LoginHistory {
  async record(realm: IdentityRealm, em: EntityManager, attempt: LoginAttempt, meta: ClientMeta): Promise<void> {
    await em.getRepository(realm.entities.loginEvent).insert({
      userId: attempt.userId,
      email: attempt.email.slice(0, 320),
      outcome: attempt.outcome,
      method: attempt.method ?? 'password',
      sessionId: attempt.sessionId ?? null,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
  }

  async list(
    realm: IdentityRealm,
    em: EntityManager,
    userId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<LoginEventColumns>> {
    const qb = em
      .getRepository<LoginEventColumns>(realm.entities.loginEvent)
      .createQueryBuilder('e')
      .where('e.user_id = :userId', { userId });
    return paginate(qb, { property: 'createdAt', column: 'created_at', direction: 'DESC' }, limit, cursor);
  }
}
