import { Injectable } from '@nestjs/common';
import { AuditNotes, DomainError, PG_UNIQUE_VIOLATION, pgErrorCode } from '@stratum/common';
import { TenantUsersService, User } from '@stratum/identity';
import type { SystemRoleKey } from '@stratum/rbac';
import type { Tenant } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { emailDomain } from '../domains/domain-name';
import { SsoDomains } from '../domains/sso-domains.service';
import type { ProviderIdentity } from '../protocols/sso-protocol';
import { SsoRefusal } from '../protocols/sso-protocol';
import type { SsoProvider } from '../providers/sso-provider.entity';
import { SsoIdentity } from './sso-identity.entity';

/**
 * How a provider account maps to a user of the tenant:
 * - `existing`: the (provider, subject) pair is linked to a user already;
 * - `link`: a user has the provider's verified email, in an allowed domain the tenant has
 *   verified: the pair gets linked;
 * - `provision`: nobody has it, the domain is allowed and verified, and the provider provisions:
 *   a user is created with its default role.
 */
export type AccountMatch = { kind: 'existing' | 'link'; user: User } | { kind: 'provision'; user: null };

@Injectable()
export class SsoAccounts {
  constructor(
    private readonly users: TenantUsersService,
    private readonly domains: SsoDomains,
    private readonly notes: AuditNotes,
  ) {}

  /** Decides who signs in, or refuses (SsoRefusal); changes nothing. */
  async match(
    em: EntityManager,
    tenant: Tenant,
    provider: SsoProvider,
    identity: ProviderIdentity,
    lock = false,
  ): Promise<AccountMatch> {
    const link = await em.getRepository(SsoIdentity).findOneBy({ providerId: provider.id, subject: identity.subject });
    if (link) {
      const user = await this.userWhere(em, 'u.id = :id', { id: link.userId }, lock);
      if (!user || user.status === 'deactivated') throw inactive();
      return { kind: 'existing', user };
    }
    if (!identity.email || !identity.emailVerified) {
      throw new SsoRefusal('email_not_verified', 'The identity provider did not vouch for an email address of this account');
    }
    const domain = emailDomain(identity.email) ?? '';
    const tenantDomains = (tenant.settings.allowedEmailDomains ?? []).map((d) => d.toLowerCase());
    if (!provider.allowedDomains.includes(domain) || (tenantDomains.length && !tenantDomains.includes(domain))) {
      throw new SsoRefusal(
        'domain_not_allowed',
        `Addresses at ${domain} may not sign in to this tenant with this identity provider`,
      );
    }
    // A provider's say-so is not enough to reach users by email: the tenant must have proven the domain.
    if (!(await this.domains.isVerified(tenant.id, domain))) {
      throw new SsoRefusal(
        'domain_not_verified',
        `${domain} is not a verified domain of this tenant: only accounts already linked sign in`,
      );
    }
    const user = await this.userWhere(em, 'lower(u.email) = lower(:email)', { email: identity.email }, lock);
    if (user) {
      if (user.status === 'deactivated') throw inactive();
      const other = await em.getRepository(SsoIdentity).findOneBy({ providerId: provider.id, userId: user.id });
      if (other) {
        throw new SsoRefusal(
          'account_linked_elsewhere',
          'This user is already linked to another account of this identity provider; an admin can remove the link',
        );
      }
      return { kind: 'link', user };
    }
    if (!provider.autoProvision) {
      throw new SsoRefusal('no_account', 'No user of this tenant has this email address; ask an admin to invite you');
    }
    await this.users.requireSeat(em, tenant);
    return { kind: 'provision', user: null };
  }

  /**
   * Matches again (rows locked) and carries the match out: links the pair, provisions the user,
   * activates an invited user whose email the provider vouched for. Answers the user signing in.
   */
  async apply(
    em: EntityManager,
    tenant: Tenant,
    provider: SsoProvider,
    identity: ProviderIdentity,
  ): Promise<{ user: User; match: AccountMatch['kind'] }> {
    const match = await this.match(em, tenant, provider, identity, true);
    const identities = em.getRepository(SsoIdentity);
    let user: User;
    try {
      if (match.kind === 'provision') {
        user = await this.users.create(
          em,
          {
            email: identity.email!,
            name: identity.name ?? identity.email!,
            systemRoles: [provider.defaultRole as SystemRoleKey],
            externalSignIn: true,
          },
          { seatsOf: tenant },
        );
        this.notes.note('auth.sso.user_provisioned', {
          subject: { id: user.id, email: user.email, type: 'user' },
          resource: { type: 'user', id: user.id },
          metadata: { providerId: provider.id, role: provider.defaultRole },
        });
      } else {
        user = match.user;
      }
      if (match.kind === 'existing') {
        await identities.update(
          { providerId: provider.id, subject: identity.subject },
          { lastLoginAt: new Date(), email: identity.email, groups: identity.groups ?? null },
        );
      } else {
        await identities.insert({
          providerId: provider.id,
          subject: identity.subject,
          userId: user.id,
          email: identity.email,
          groups: identity.groups ?? null,
          lastLoginAt: new Date(),
        });
        if (match.kind === 'link') {
          this.notes.note('auth.sso.identity_linked', {
            subject: { id: user.id, email: user.email, type: 'user' },
            resource: { type: 'user', id: user.id },
            metadata: { providerId: provider.id },
          });
        }
      }
    } catch (err) {
      // Two first sign-ins of one account at once: the other one linked or created it first.
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION)
        throw new DomainError('CONFLICT', 'This account is being signed in already; try again');
      throw err;
    }
    if (user.status === 'invited' && identity.emailVerified) {
      await em
        .getRepository(User)
        .update({ id: user.id }, { status: 'active', emailVerifiedAt: user.emailVerifiedAt ?? new Date() });
      user = (await em.getRepository(User).findOneBy({ id: user.id }))!;
    }
    if (user.status !== 'active') throw inactive();
    return { user, match: match.kind };
  }

  private userWhere(em: EntityManager, where: string, params: Record<string, unknown>, lock: boolean): Promise<User | null> {
    const qb = em.getRepository(User).createQueryBuilder('u').where(where, params);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }
}

const inactive = () => new SsoRefusal('account_inactive', 'This account is deactivated in this tenant');
