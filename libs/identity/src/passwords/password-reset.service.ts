import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { MailService } from '@stratum/mail';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import type { AccountColumns } from '../accounts/account-columns';
import { TenantRealm } from '../realm/tenant-realm';
import { SessionService } from '../sessions/session.service';
import { User } from '../users/user.entity';
import { UserTokensService } from '../user-tokens/user-tokens.service';
import { PasswordHasher } from './password-hasher.service';
import { passwordProblems } from './password-policy';

const RESET_TTL_MS = 60 * 60 * 1000;
const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;

/** Password reset and email verification for the users of the tenant in context. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly realm: TenantRealm,
    private readonly tenant: TenantContext,
    private readonly db: TenantDatabase,
    private readonly userTokens: UserTokensService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly mail: MailService,
  ) {}

  /**
   * Sends a reset link when an active user has this email. The caller always gets the same 202
   * after the same work: the account is looked up and the link issued in a unit of work of its
   * own once the request has committed, so neither the answer nor its timing tells whether the
   * email exists.
   */
  async request(email: string): Promise<void> {
    await this.realm.manager();
    const tenant = this.tenant.get();
    this.realm.afterCommit(() => this.db.run(tenant, () => this.issueReset(email)));
  }

  private async issueReset(email: string): Promise<void> {
    const em = await this.realm.manager();
    const user = await em.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
    if (!user || user.status !== 'active') return;
    const issued = await this.userTokens.issue(em, user.id, 'password_reset', RESET_TTL_MS);
    this.queueLink(user, issued, 'password-reset', '/reset-password');
  }

  /** Sets a new password with a reset token (once), signs the user out everywhere and ends their other links. */
  async confirm(token: string, password: string): Promise<void> {
    const em = await this.realm.manager();
    const userId = await this.userTokens.consume(em, token, 'password_reset');
    const user = userId ? await em.getRepository(User).findOneBy({ id: userId }) : null;
    if (!user || user.status !== 'active') throw new DomainError('INVALID_TOKEN');
    const problems = passwordProblems(password, user.email);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
    await em.getRepository(User).update(
      { id: user.id },
      {
        passwordHash: await this.hasher.hash(password),
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
        lockedUntil: null,
        // Following the link proved the address works.
        emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
      },
    );
    await this.sessions.revokeAll(this.realm, em, user.id, 'password_reset');
    await this.userTokens.revokeAllOutstanding(em, user.id);
  }

  async requestVerification(userId: string): Promise<void> {
    const em = await this.realm.manager();
    const user = await em.getRepository(User).findOneBy({ id: userId });
    if (!user) throw new DomainError('UNAUTHENTICATED');
    if (user.emailVerifiedAt) throw new DomainError('INVALID_STATE', 'The email address is already verified');
    const issued = await this.userTokens.issue(em, user.id, 'email_verification', VERIFY_TTL_MS);
    this.queueLink(user, issued, 'verify-email', '/verify-email');
  }

  async confirmVerification(token: string): Promise<void> {
    const em = await this.realm.manager();
    const userId = await this.userTokens.consume(em, token, 'email_verification');
    if (!userId) throw new DomainError('INVALID_TOKEN');
    await em.getRepository(User).update({ id: userId }, { emailVerifiedAt: new Date() });
  }

  private queueLink(
    user: AccountColumns,
    issued: { id: string; token: string; expiresAt: Date },
    template: 'password-reset' | 'verify-email',
    path: string,
  ): void {
    const tenant = this.tenant.get();
    const link = this.mail.link(path, { tenant: tenant.slug, token: issued.token });
    this.realm.afterCommit(() =>
      this.mail.send(`${template}:${issued.id}`, {
        template,
        to: user.email,
        tenantName: tenant.name,
        data: { link, expiresAt: issued.expiresAt.toISOString() },
      }),
    );
  }
}
