import { Injectable } from '@nestjs/common';
import { AuthSettings } from '@stratum/config';
import { PlatformDatabase } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import type { AccountColumns } from '../accounts/account-columns';
import {
  PlatformLoginEvent,
  PlatformMfaRecoveryCode,
  PlatformRefreshToken,
  PlatformSession,
} from '../platform-users/platform-session.entity';
import { PlatformUser } from '../platform-users/platform-user.entity';
import { TokenService } from '../tokens/token.service';
import { IdentityRealm, RealmPolicy } from './identity-realm';

/** Platform staff (super admins, support). */
@Injectable()
export class PlatformRealm extends IdentityRealm {
  readonly kind = 'platform' as const;
  readonly entities = {
    account: PlatformUser,
    session: PlatformSession,
    refreshToken: PlatformRefreshToken,
    loginEvent: PlatformLoginEvent,
    recoveryCode: PlatformMfaRecoveryCode,
  };

  constructor(
    private readonly db: PlatformDatabase,
    private readonly tokens: TokenService,
    private readonly config: AuthSettings,
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
    return {
      lockoutThreshold: this.config.LOCKOUT_THRESHOLD,
      lockoutMinutes: this.config.LOCKOUT_MINUTES,
      mfaRequired: this.config.platformMfaRequired,
    };
  }

  accessToken(account: AccountColumns, sessionId: string, mfaSetupRequired: boolean): Promise<string> {
    return this.tokens.platformAccessToken({
      sub: account.id,
      sid: sessionId,
      email: account.email,
      roles: (account as PlatformUser).roles,
      ...(mfaSetupRequired ? { mfa: 'setup' } : {}),
    });
  }

  displayName(): string {
    return 'Stratum platform';
  }

  secretContext(accountId: string): string {
    return `platform:account:${accountId}`;
  }

  realmClaim(): string {
    return 'platform';
  }

  /** Platform staff always sign in with their password (and MFA). */
  passwordRefused(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
