import { Injectable, Optional } from '@nestjs/common';
import { AuthSettings } from '@stratum/config';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { domainToASCII } from 'node:url';
import type { EntityManager } from 'typeorm';
import type { AccountColumns } from '../accounts/account-columns';
import { LoginEvent } from '../login/login-event.entity';
import { MfaRecoveryCode } from '../mfa/recovery-code.entity';
import { RefreshToken, Session } from '../sessions/session.entity';
import { TokenService } from '../tokens/token.service';
import { User } from '../users/user.entity';
import { IdentityRealm, RealmPolicy } from './identity-realm';
import { VerifiedSsoDomains } from './verified-sso-domains';

/** The users of the tenant in context. */
@Injectable()
export class TenantRealm extends IdentityRealm {
  readonly kind = 'tenant' as const;
  readonly entities = {
    account: User,
    session: Session,
    refreshToken: RefreshToken,
    loginEvent: LoginEvent,
    recoveryCode: MfaRecoveryCode,
  };

  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly tokens: TokenService,
    private readonly config: AuthSettings,
    private readonly plans: PlanEnforcer,
    // The worker signs nobody in and runs without the SSO library.
    @Optional() private readonly ssoDomains?: VerifiedSsoDomains,
  ) {
    super();
  }

  manager(): Promise<EntityManager> {
    return this.db.manager();
  }

  commit(): Promise<void> {
    return this.db.commit();
  }

  afterCommit(fn: () => unknown): void {
    this.db.afterCommit(fn);
  }

  policy(): RealmPolicy {
    const settings = this.tenant.get().settings;
    return {
      lockoutThreshold: settings.lockoutThreshold ?? this.config.LOCKOUT_THRESHOLD,
      lockoutMinutes: settings.lockoutMinutes ?? this.config.LOCKOUT_MINUTES,
      mfaRequired: settings.mfaRequired ?? false,
    };
  }

  accessToken(account: AccountColumns, sessionId: string, mfaSetupRequired: boolean): Promise<string> {
    return this.tokens.tenantAccessToken({
      sub: account.id,
      tid: this.tenant.get().id,
      sid: sessionId,
      email: account.email,
      ...(mfaSetupRequired ? { mfa: 'setup' } : {}),
    });
  }

  displayName(): string {
    return this.tenant.get().name;
  }

  secretContext(accountId: string): string {
    return `tenant:${this.tenant.get().id}:account:${accountId}`;
  }

  realmClaim(): string {
    return `tenant:${this.tenant.get().id}`;
  }

  /**
   * `ssoEnforced` (while the plan includes SSO) leaves password login, for addresses in the
   * tenant's verified SSO domains, to break-glass accounts. Other addresses keep their password.
   */
  async passwordRefused(account: AccountColumns | null, email: string): Promise<boolean> {
    const tenant = this.tenant.get();
    if (!tenant.settings.ssoEnforced || !this.plans.hasFeature('sso', tenant) || !this.ssoDomains) return false;
    if ((account as User | null)?.isBreakGlass) return false;
    const domain = domainToASCII(email.slice(email.lastIndexOf('@') + 1).trim());
    return !!domain && this.ssoDomains.isVerified(tenant.id, domain);
  }
}
