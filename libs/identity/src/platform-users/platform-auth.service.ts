import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, PlatformUserPrincipal } from '@stratum/common';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { clientMeta } from '../auth/client-meta';
import { INVALID_LOGIN } from '../auth/auth.service';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { SessionIssuer } from '../sessions/session-issuer.service';
import { IssuedTokens, TokenService } from '../tokens/token.service';
import { PlatformSession } from './platform-session.entity';
import { PlatformUser } from './platform-user.entity';

/** Login, refresh and logout for platform staff; their data lives in the platform schema. */
@Injectable()
export class PlatformAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly tokens: TokenService,
    private readonly cls: ClsService,
  ) {}

  async login(email: string, password: string): Promise<IssuedTokens> {
    return this.dataSource.transaction(async (em) => {
      const user = await em
        .getRepository(PlatformUser)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('lower(u.email) = lower(:email)', { email })
        .getOne();
      const ok = await this.hasher.verify(user?.status === 'active' ? user.passwordHash : null, password);
      if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS', INVALID_LOGIN);
      const { session, refreshToken } = await this.sessions.open(em, PlatformSession, user.id, clientMeta(this.cls));
      await em.getRepository(PlatformUser).update({ id: user.id }, { lastLoginAt: new Date() });
      return this.issue(user, session.id, refreshToken);
    });
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.dataSource.transaction(async (em) => {
      const rotated = await this.sessions.rotate(em, PlatformSession, refreshToken, clientMeta(this.cls));
      const user = rotated && (await em.getRepository(PlatformUser).findOneBy({ id: rotated.session.userId }));
      if (!rotated || !user || user.status !== 'active') {
        throw new DomainError('UNAUTHENTICATED', 'The refresh token is invalid, expired or already used');
      }
      return this.issue(user, rotated.session.id, rotated.refreshToken);
    });
  }

  async logout(principal: PlatformUserPrincipal): Promise<void> {
    if (principal.sessionId) await this.sessions.revoke(this.dataSource.manager, PlatformSession, principal.sessionId);
  }

  private async issue(user: PlatformUser, sessionId: string, refreshToken: string): Promise<IssuedTokens> {
    const accessToken = await this.tokens.platformAccessToken({ sub: user.id, sid: sessionId, roles: user.roles });
    return { accessToken, refreshToken, expiresIn: this.tokens.accessTtlSeconds, tokenType: 'Bearer' };
  }
}
