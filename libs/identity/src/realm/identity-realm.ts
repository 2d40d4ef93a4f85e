import type { EntityManager, EntityTarget } from 'typeorm';
import type { AccountColumns } from '../accounts/account-columns';
import type { LoginEventColumns } from '../login/login-event-columns';
import type { RecoveryCodeColumns } from '../mfa/recovery-code-columns';
import type { RefreshTokenColumns, SessionColumns } from '../sessions/session-columns';

export interface RealmEntities {
  account: EntityTarget<AccountColumns>;
  session: EntityTarget<SessionColumns>;
  refreshToken: EntityTarget<RefreshTokenColumns>;
  loginEvent: EntityTarget<LoginEventColumns>;
  recoveryCode: EntityTarget<RecoveryCodeColumns>;
}

export interface RealmPolicy {
  lockoutThreshold: number;
  lockoutMinutes: number;
  mfaRequired: boolean;
}

/**
 * Where accounts live and how their tokens look: the users of the tenant in context, or platform
 * staff. Login, sessions, lockout and MFA are written once against this and serve both.
 */
export abstract class IdentityRealm {
  abstract readonly kind: 'tenant' | 'platform';
  abstract readonly entities: RealmEntities;
  /** The request's unit of work for this realm's data. */
  abstract manager(): Promise<EntityManager>;
  /** Commits now: a refused login keeps its record of the attempt. */
  abstract commit(): Promise<void>;
  abstract afterCommit(fn: () => unknown): void;
  abstract policy(): RealmPolicy;
  abstract accessToken(account: AccountColumns, sessionId: string, mfaSetupRequired: boolean): Promise<string>;
  /** Shown to people: the tenant's name, or the platform's. */
  abstract displayName(): string;
  /** Associated data binding an account's encrypted secrets to that account. */
  abstract secretContext(accountId: string): string;
  /** Claims identifying the realm inside short-lived tokens (MFA challenge). */
  abstract realmClaim(): string;
  /**
   * Whether password login is refused for this account (null: no account has the email): its
   * tenant enforces single sign-on for the email's domain and it is not one of the tenant's
   * break-glass accounts.
   */
  abstract passwordRefused(account: AccountColumns | null, email: string): Promise<boolean>;
}
