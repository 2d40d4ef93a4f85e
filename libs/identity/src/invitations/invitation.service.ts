import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { MailService } from '@stratum/mail';
import { AuthorityService, RolesService, type SystemRoleKey } from '@stratum/rbac';
import { TenantContext } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { passwordProblems } from '../passwords/password-policy';
import { TenantRealm } from '../realm/tenant-realm';
import { User } from '../users/user.entity';
import { TenantUsersService } from '../users/tenant-users.service';
import { UserTokensService } from '../user-tokens/user-tokens.service';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Issued {
  id: string;
  token: string;
  expiresAt: Date;
}

/** Invitations: an invited user (no password) and a single-use link to choose one. */
@Injectable()
export class InvitationService {
  constructor(
    private readonly realm: TenantRealm,
    private readonly tenant: TenantContext,
    private readonly users: TenantUsersService,
    private readonly userTokens: UserTokensService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly roles: RolesService,
    private readonly authority: AuthorityService,
  ) {}

  async invite(actorId: string, input: { email: string; name?: string; roles?: SystemRoleKey[] }) {
    const em = await this.realm.manager();
    const systemRoles = input.roles ?? ['member'];
    await this.roles.assertActorMayGive(systemRoles);
    const user = await this.users.create(
      em,
      { email: input.email, name: input.name ?? '', systemRoles },
      { seatsOf: this.tenant.get() },
    );
    const issued = await this.issue(em, user.id, actorId);
    await this.queueMail(em, user, issued, actorId);
    return { user, expiresAt: issued.expiresAt };
  }

  async resend(userId: string, actorId: string) {
    const em = await this.realm.manager();
    const user = await this.invitedUser(em, userId);
    await this.authority.assertDominatesUser(user.id, 'resend the invitation of');
    const issued = await this.issue(em, user.id, actorId);
    await this.queueMail(em, user, issued, actorId);
    return { user, expiresAt: issued.expiresAt };
  }

  /** Withdraws an invitation: the never-activated user goes, and its link stops working. */
  async revoke(userId: string): Promise<void> {
    const em = await this.realm.manager();
    const user = await this.invitedUser(em, userId);
    await this.authority.assertDominatesUser(user.id, 'withdraw the invitation of');
    await em.getRepository(User).delete({ id: user.id });
  }

  /** Activates an invited user with their chosen password. */
  async accept(token: string, password: string, name?: string): Promise<User> {
    const em = await this.realm.manager();
    const userId = await this.userTokens.consume(em, token, 'invitation');
    const user = userId ? await em.getRepository(User).findOneBy({ id: userId }) : null;
    if (!user || user.status !== 'invited') throw new DomainError('INVALID_TOKEN');
    const problems = passwordProblems(password, user.email);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
    const now = new Date();
    await em.getRepository(User).update(
      { id: user.id },
      {
        passwordHash: await this.hasher.hash(password),
        passwordChangedAt: now,
        status: 'active',
        emailVerifiedAt: now,
        ...(name ? { name } : {}),
      },
    );
    return (await em.getRepository(User).findOneBy({ id: user.id }))!;
  }

  /** Issues an invitation token inside the caller's transaction (also used by provisioning). */
  issue(em: EntityManager, userId: string, createdBy?: string): Promise<Issued> {
    return this.userTokens.issue(em, userId, 'invitation', INVITATION_TTL_MS, createdBy);
  }

  /** Queues the invitation email; call once the invitation is committed. */
  sendMail(tenant: { slug: string; name: string }, to: string, issued: Issued, inviterName?: string): Promise<void> {
    return this.mail.send(`invitation:${issued.id}`, {
      template: 'invitation',
      to,
      tenantName: tenant.name,
      data: {
        link: this.mail.link('/accept-invitation', { tenant: tenant.slug, token: issued.token }),
        expiresAt: issued.expiresAt.toISOString(),
        inviterName,
      },
    });
  }

  private async queueMail(em: EntityManager, user: User, issued: Issued, actorId: string): Promise<void> {
    const inviter = await em.getRepository(User).findOneBy({ id: actorId });
    const tenant = this.tenant.get();
    this.realm.afterCommit(() => this.sendMail(tenant, user.email, issued, inviter?.name || inviter?.email));
  }

  private async invitedUser(em: EntityManager, userId: string): Promise<User> {
    const user = await em.getRepository(User).findOneBy({ id: userId });
    if (!user) throw DomainError.notFound('User');
    if (user.status !== 'invited') throw new DomainError('INVALID_STATE', 'The user has already accepted the invitation');
    return user;
  }
}
