import { Injectable } from '@nestjs/common';
import { DomainError, TenantUserPrincipal } from '@stratum/common';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { Session } from '../sessions/session.entity';
import { SessionIssuer } from '../sessions/session-issuer.service';
import { IssuedTokens, TokenService } from '../tokens/token.service';
import { User } from '../users/user.entity';
import { clientMeta } from './client-meta';

export const INVALID_LOGIN = 'Invalid email or password';

/** Password login, refresh and logout for the users of the tenant in context. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly tokens: TokenService,
    private readonly cls: ClsService,
  ) {}

  async login(email: string, password: string): Promise<IssuedTokens> {
    const em = await this.db.manager();
    const user = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    // Unknown email, inactive account and wrong password take the same time and get the same answer.
    const ok = await this.hasher.verify(user?.status === 'active' ? user.passwordHash : null, password);
    if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS', INVALID_LOGIN);
    const { session, refreshToken } = await this.sessions.open(em, Session, user.id, clientMeta(this.cls));
    await em.getRepository(User).update({ id: user.id }, { lastLoginAt: new Date() });
    return this.issue(user.id, session.id, refreshToken);
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const em = await this.db.manager();
    const rotated = await this.sessions.rotate(em, Session, refreshToken, clientMeta(this.cls));
    if (!rotated) throw new DomainError('UNAUTHENTICATED', 'The refresh token is invalid, expired or already used');
    const user = await em.getRepository(User).findOneBy({ id: rotated.session.userId });
    if (!user || user.status !== 'active')
      throw new DomainError('UNAUTHENTICATED', 'The refresh token is invalid, expired or already used');
    return this.issue(user.id, rotated.session.id, rotated.refreshToken);
  }

  async logout(principal: TenantUserPrincipal): Promise<void> {
    await this.sessions.revoke(await this.db.manager(), Session, principal.sessionId);
  }

  private async issue(userId: string, sessionId: string, refreshToken: string): Promise<IssuedTokens> {
    const accessToken = await this.tokens.tenantAccessToken({ sub: userId, tid: this.tenant.get().id, sid: sessionId });
    return { accessToken, refreshToken, expiresIn: this.tokens.accessTtlSeconds, tokenType: 'Bearer' };
  }
}
