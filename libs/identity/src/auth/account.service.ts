import { Injectable } from '@nestjs/common';
import { AuditNotes, DomainError, Page, PlatformUserPrincipal, TenantUserPrincipal } from '@stratum/common';
import { MailService } from '@stratum/mail';
import { ClsService } from 'nestjs-cls';
import type { EntityManager } from 'typeorm';
import type { AccountColumns } from '../accounts/account-columns';
import { LoginHistory } from '../login/login-history.service';
import type { LoginEventColumns } from '../login/login-event-columns';
import { LoginService } from '../login/login.service';
import { MfaService } from '../mfa/mfa.service';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { passwordProblems } from '../passwords/password-policy';
import type { IdentityRealm } from '../realm/identity-realm';
import type { SessionColumns } from '../sessions/session-columns';
import { SessionService } from '../sessions/session.service';
import { IssuedTokens, TokenService } from '../tokens/token.service';
import { UserTokensService } from '../user-tokens/user-tokens.service';
import { clientMeta } from './client-meta';

export type AccountPrincipal = TenantUserPrincipal | PlatformUserPrincipal;

const REFRESH_REFUSED = 'The refresh token is invalid, expired or already used';

/** What a signed-in account does for itself, in either realm: sessions, password, MFA, history. */
@Injectable()
export class AccountService {
  constructor(
    private readonly sessions: SessionService,
    private readonly login: LoginService,
    private readonly tokens: TokenService,
    private readonly history: LoginHistory,
    private readonly mfa: MfaService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly cls: ClsService,
    private readonly notes: AuditNotes,
    private readonly userTokens: UserTokensService,
  ) {}

  async refresh(realm: IdentityRealm, refreshToken: string): Promise<IssuedTokens> {
    const em = await realm.manager();
    const meta = clientMeta(this.cls);
    const result = await this.sessions.rotate(realm, em, refreshToken, meta);
    if (result.kind !== 'invalid') {
      this.notes.describe({
        subject: { id: result.session.userId, type: realm.kind === 'platform' ? 'platform_user' : 'user' },
        resource: { type: 'session', id: result.session.id },
      });
    }
    if (result.kind === 'reused') {
      this.notes.note('auth.refresh_token.reused', {
        subject: { id: result.session.userId, type: realm.kind === 'platform' ? 'platform_user' : 'user' },
        resource: { type: 'session', id: result.session.id },
        severity: 'critical',
      });
      // Someone replayed a spent token: the session is already revoked; tell its owner.
      const account = await em.getRepository<AccountColumns>(realm.entities.account).findOneBy({ id: result.session.userId });
      if (account) {
        const displayName = realm.displayName();
        realm.afterCommit(() =>
          this.mail.send(`security-alert:reuse:${result.session.id}`, {
            template: 'security-alert',
            to: account.email,
            tenantName: displayName,
            data: { event: 'refresh-token-reuse', at: new Date().toISOString(), ip: meta.ip },
          }),
        );
      }
      await realm.commit();
      throw new DomainError('UNAUTHENTICATED', REFRESH_REFUSED);
    }
    if (result.kind === 'invalid') throw new DomainError('UNAUTHENTICATED', REFRESH_REFUSED);
    const account = await em.getRepository<AccountColumns>(realm.entities.account).findOneBy({ id: result.session.userId });
    if (!account || account.status !== 'active') throw new DomainError('UNAUTHENTICATED', REFRESH_REFUSED);
    return {
      accessToken: await realm.accessToken(account, result.session.id, realm.policy().mfaRequired && !account.mfaEnabledAt),
      refreshToken: result.refreshToken,
      expiresIn: this.tokens.accessTtlSeconds,
      tokenType: 'Bearer',
    };
  }

  async logout(realm: IdentityRealm, principal: AccountPrincipal): Promise<void> {
    this.notes.describe({ resource: { type: 'session', id: principal.sessionId } });
    await this.sessions.revoke(realm, await realm.manager(), principal.sessionId, 'logout');
  }

  async logoutAll(realm: IdentityRealm, principal: AccountPrincipal): Promise<number> {
    return this.sessions.revokeAll(realm, await realm.manager(), principal.userId, 'logout_all');
  }

  /** `userId`'s live sessions; 404 when there is no such account in the realm. */
  async listSessions(realm: IdentityRealm, userId: string): Promise<SessionColumns[]> {
    const em = await realm.manager();
    await this.requireAccount(realm, em, userId);
    return this.sessions.listLive(realm, em, userId);
  }

  /** Revokes one of `userId`'s live sessions; 404 when the account is unknown, or the session not theirs or already over. */
  async revokeSession(realm: IdentityRealm, userId: string, sessionId: string, reason: string): Promise<void> {
    const em = await realm.manager();
    await this.requireAccount(realm, em, userId);
    if (!(await this.sessions.findLive(realm, em, userId, sessionId))) throw DomainError.notFound('Session');
    await this.sessions.revoke(realm, em, sessionId, reason);
  }

  /** Revokes every live session of `userId`; 404 when there is no such account in the realm. */
  async revokeAllSessions(realm: IdentityRealm, userId: string, reason: string): Promise<number> {
    const em = await realm.manager();
    await this.requireAccount(realm, em, userId);
    return this.sessions.revokeAll(realm, em, userId, reason);
  }

  private async requireAccount(realm: IdentityRealm, em: EntityManager, userId: string): Promise<void> {
    if (!(await em.getRepository<AccountColumns>(realm.entities.account).existsBy({ id: userId }))) {
      throw DomainError.notFound('User');
    }
  }

  async loginHistory(realm: IdentityRealm, userId: string, limit: number, cursor?: string): Promise<Page<LoginEventColumns>> {
    return this.history.list(realm, await realm.manager(), userId, limit, cursor);
  }

  /** Changes the password (the current one is required), signs out every other session and ends emailed links. */
  async changePassword(realm: IdentityRealm, principal: AccountPrincipal, current: string, next: string): Promise<void> {
    const em = await realm.manager();
    const account = await this.mfa.loadWithSecrets(realm, em, principal.userId);
    if (!(await this.hasher.verify(account.passwordHash, current))) {
      throw new DomainError('VALIDATION_FAILED', 'The current password is incorrect', {}, [
        { field: 'currentPassword', message: 'currentPassword is incorrect' },
      ]);
    }
    const problems = passwordProblems(next, account.email, 'newPassword');
    if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
    await em
      .getRepository(realm.entities.account)
      .update({ id: account.id }, { passwordHash: await this.hasher.hash(next), passwordChangedAt: new Date() });
    await this.sessions.revokeAll(realm, em, account.id, 'password_changed', principal.sessionId);
    // Emailed links (tenant users have them) sent before the change no longer act on the account.
    if (realm.kind === 'tenant') await this.userTokens.revokeAllOutstanding(em, account.id);
  }

  async enrollMfa(realm: IdentityRealm, principal: AccountPrincipal) {
    const em = await realm.manager();
    return this.mfa.enroll(realm, em, await this.mfa.loadWithSecrets(realm, em, principal.userId));
  }

  /**
   * Activates MFA. The caller's token may have been issued while MFA was still owed; a fresh
   * token pair for the same session is returned so it can continue without logging in again.
   */
  async activateMfa(realm: IdentityRealm, principal: AccountPrincipal, code: string) {
    const em = await realm.manager();
    const recoveryCodes = await this.mfa.activate(realm, em, principal.userId, code);
    const account = await this.mfa.loadWithSecrets(realm, em, principal.userId);
    await this.sessions.revoke(realm, em, principal.sessionId, 'mfa_enabled');
    const tokens = await this.login.signIn(realm, em, account, 'password+totp');
    return { recoveryCodes, ...tokens };
  }

  async disableMfa(realm: IdentityRealm, principal: AccountPrincipal, code: string): Promise<void> {
    await this.mfa.disable(realm, await realm.manager(), principal.userId, code);
  }

  async completeMfaLogin(realm: IdentityRealm, mfaToken: string, code: string): Promise<IssuedTokens> {
    return this.login.completeMfa(realm, mfaToken, code);
  }

  passwordLogin(realm: IdentityRealm, email: string, password: string) {
    return this.login.passwordLogin(realm, email, password);
  }
}
