import { Injectable } from '@nestjs/common';
import { AuditNotes, DomainError } from '@stratum/common';
import { RedisService } from '@stratum/database';
import { MailService } from '@stratum/mail';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccountColumns } from '../accounts/account-columns';
import { clientMeta } from '../auth/client-meta';
import { MfaService } from '../mfa/mfa.service';
import { PasswordHasher } from '../passwords/password-hasher.service';
import type { IdentityRealm } from '../realm/identity-realm';
import { SessionService } from '../sessions/session.service';
import { IssuedTokens, TokenService } from '../tokens/token.service';
import { LoginHistory } from './login-history.service';

export const INVALID_LOGIN = 'Invalid email or password';
export const MFA_CHALLENGE_SECONDS = 300;
export const SSO_REQUIRED = 'This organisation signs in with single sign-on; use its identity provider';

export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  expiresIn: number;
}

export type LoginResult = IssuedTokens | MfaChallenge;

/**
 * Password login for either realm. Unknown email, wrong password, inactive and locked accounts
 * all get the same 401 after the same work (a dummy hash is verified when there is no real one).
 * Consecutive failures lock the account; the attempt is recorded (and committed) even though
 * the request then fails.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly mfa: MfaService,
    private readonly history: LoginHistory,
    private readonly mail: MailService,
    private readonly redis: RedisService,
    private readonly cls: ClsService,
    private readonly notes: AuditNotes,
  ) {}

  async passwordLogin(realm: IdentityRealm, email: string, password: string): Promise<LoginResult> {
    const em = await realm.manager();
    const account = await em
      .getRepository<AccountColumns>(realm.entities.account)
      .createQueryBuilder('a')
      .addSelect(['a.passwordHash', 'a.mfaSecret'])
      .where('lower(a.email) = lower(:email)', { email })
      .setLock('pessimistic_write')
      .getOne();
    this.notes.describe({ subject: { id: account?.id ?? null, email: account?.email ?? email, type: accountType(realm) } });
    if (await realm.passwordRefused(account, email)) {
      // Refused before the password is checked: one answer for every address of the domain, except break-glass accounts.
      if (account) {
        await this.history.record(
          realm,
          em,
          { userId: account.id, email: account.email, outcome: 'failure' },
          clientMeta(this.cls),
        );
      }
      await realm.commit();
      throw new DomainError('SSO_REQUIRED', SSO_REQUIRED);
    }
    const now = new Date();
    const locked = !!account?.lockedUntil && account.lockedUntil > now;
    const usable = !!account && account.status === 'active' && !locked;
    const ok = await this.hasher.verify(usable ? account.passwordHash : null, password);
    if (!ok || !account) {
      await this.recordFailure(realm, em, account, email, locked);
      await realm.commit();
      throw new DomainError('INVALID_CREDENTIALS', INVALID_LOGIN);
    }
    if (account.failedLoginCount || account.lockedUntil) {
      await em.getRepository(realm.entities.account).update({ id: account.id }, { failedLoginCount: 0, lockedUntil: null });
    }
    if (account.mfaEnabledAt) {
      await this.history.record(
        realm,
        em,
        { userId: account.id, email: account.email, outcome: 'mfa_challenge' },
        clientMeta(this.cls),
      );
      const mfaToken = await this.tokens.mfaChallengeToken({ sub: account.id, realm: realm.realmClaim(), jti: randomUUID() });
      return { mfaRequired: true, mfaToken, expiresIn: MFA_CHALLENGE_SECONDS };
    }
    return this.signIn(realm, em, account, 'password');
  }

  /** The second step of an MFA login: the challenge token from step one and a TOTP or recovery code. */
  async completeMfa(realm: IdentityRealm, mfaToken: string, code: string): Promise<IssuedTokens> {
    const claims = await this.tokens.verifyMfaChallenge(mfaToken);
    if (!claims || claims.realm !== realm.realmClaim())
      throw new DomainError('UNAUTHENTICATED', 'The MFA token is invalid or expired');
    const em = await realm.manager();
    const account = await this.mfa.loadWithSecrets(realm, em, claims.sub).catch(() => null);
    this.notes.describe({ subject: { id: claims.sub, email: account?.email ?? null, type: accountType(realm) } });
    const now = new Date();
    if (!account || account.status !== 'active' || (account.lockedUntil && account.lockedUntil > now)) {
      throw new DomainError('UNAUTHENTICATED', 'The MFA token is invalid or expired');
    }
    if (!(await this.mfa.verify(realm, em, account, code))) {
      await this.recordFailure(realm, em, account, account.email, false, 'mfa_failure');
      await realm.commit();
      throw new DomainError('INVALID_MFA_CODE');
    }
    // Each challenge completes once.
    const fresh = await this.redis.client.set(
      this.redis.key('mfa-challenge', claims.jti),
      '1',
      'EX',
      MFA_CHALLENGE_SECONDS,
      'NX',
    );
    if (fresh !== 'OK') throw new DomainError('UNAUTHENTICATED', 'The MFA token was already used');
    if (account.failedLoginCount)
      await em.getRepository(realm.entities.account).update({ id: account.id }, { failedLoginCount: 0 });
    return this.signIn(realm, em, account, 'password+totp');
  }

  /** Opens a session for an account that has proven who it is. */
  async signIn(realm: IdentityRealm, em: EntityManager, account: AccountColumns, method: string): Promise<IssuedTokens> {
    const meta = clientMeta(this.cls);
    const { session, refreshToken } = await this.sessions.open(realm, em, account.id, meta);
    this.notes.describe({ resource: { type: 'session', id: session.id }, metadata: { method } });
    await em.getRepository(realm.entities.account).update({ id: account.id }, { lastLoginAt: new Date() });
    await this.history.record(
      realm,
      em,
      { userId: account.id, email: account.email, outcome: 'success', method, sessionId: session.id },
      meta,
    );
    const mfaSetupRequired = realm.policy().mfaRequired && !account.mfaEnabledAt;
    return {
      accessToken: await realm.accessToken(account, session.id, mfaSetupRequired),
      refreshToken,
      expiresIn: this.tokens.accessTtlSeconds,
      tokenType: 'Bearer',
    };
  }

  private async recordFailure(
    realm: IdentityRealm,
    em: EntityManager,
    account: AccountColumns | null,
    email: string,
    alreadyLocked: boolean,
    outcome: 'failure' | 'mfa_failure' = 'failure',
  ): Promise<void> {
    const meta = clientMeta(this.cls);
    if (!account || account.status !== 'active' || alreadyLocked) {
      await this.history.record(
        realm,
        em,
        { userId: account?.id ?? null, email, outcome: alreadyLocked ? 'locked' : outcome },
        meta,
      );
      return;
    }
    const policy = realm.policy();
    const failures = account.failedLoginCount + 1;
    if (failures < policy.lockoutThreshold) {
      await em.getRepository(realm.entities.account).update({ id: account.id }, { failedLoginCount: failures });
      await this.history.record(realm, em, { userId: account.id, email, outcome }, meta);
      return;
    }
    const lockedUntil = new Date(Date.now() + policy.lockoutMinutes * 60_000);
    await em.getRepository(realm.entities.account).update({ id: account.id }, { failedLoginCount: 0, lockedUntil });
    await this.history.record(realm, em, { userId: account.id, email, outcome: 'locked' }, meta);
    this.notes.note('auth.account.locked', {
      subject: { id: account.id, email: account.email, type: accountType(realm) },
      resource: { type: 'user', id: account.id },
      metadata: { failures, lockedUntil: lockedUntil.toISOString() },
      severity: 'critical',
    });
    const to = account.email;
    const displayName = realm.displayName();
    realm.afterCommit(() =>
      this.mail.send(`security-alert:locked:${account.id}:${lockedUntil.getTime()}`, {
        template: 'security-alert',
        to,
        tenantName: displayName,
        data: { event: 'account-locked', at: new Date().toISOString(), ip: meta.ip, lockedUntil: lockedUntil.toISOString() },
      }),
    );
  }
}

function accountType(realm: IdentityRealm): 'user' | 'platform_user' {
  return realm.kind === 'platform' ? 'platform_user' : 'user';
}
