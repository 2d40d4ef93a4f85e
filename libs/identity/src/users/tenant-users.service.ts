import { Injectable } from '@nestjs/common';
import { DomainError, DomainEventMap, DomainEvents, pgErrorCode, PG_UNIQUE_VIOLATION } from '@stratum/common';
import { RoleAssignments, SystemRoleKey } from '@stratum/rbac';
import { Tenant } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { passwordProblems } from '../passwords/password-policy';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  password?: string;
  systemRoles?: SystemRoleKey[];
  /** Signs in through an identity provider: active at once without a password, its email verified there. */
  externalSignIn?: boolean;
}

/** A user as domain events (and so webhook receivers) describe it. */
export function eventUser(u: Pick<User, 'id' | 'email' | 'name' | 'status'>): DomainEventMap['user.created'] {
  return { id: u.id, email: u.email, name: u.name, status: u.status };
}

/** Creates tenant users inside the caller's tenant transaction. */
@Injectable()
export class TenantUsersService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly roles: RoleAssignments,
    private readonly plans: PlanEnforcer,
    private readonly events: DomainEvents,
  ) {}

  /**
   * `passwordField` names the request field in policy errors (e.g. `admin.password`); with
   * `seatsOf`, the tenant's seat limit (active and invited users) is enforced.
   */
  async create(em: EntityManager, input: NewUser, options: { passwordField?: string; seatsOf?: Tenant } = {}): Promise<User> {
    const passwordField = options.passwordField ?? 'password';
    if (options.seatsOf) await this.requireSeat(em, options.seatsOf);
    if (input.password) {
      const problems = passwordProblems(input.password, input.email, passwordField);
      if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
    }
    const repo = em.getRepository(User);
    const user = repo.create({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      passwordHash: input.password ? await this.hasher.hash(input.password) : null,
      status: input.password || input.externalSignIn ? 'active' : 'invited',
      emailVerifiedAt: input.externalSignIn ? new Date() : null,
      lastLoginAt: null,
    });
    try {
      await repo.insert(user);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION)
        throw new DomainError('CONFLICT', `A user with email ${user.email} already exists`);
      throw err;
    }
    for (const key of input.systemRoles ?? []) await this.roles.assignSystemRole(em, user.id, key);
    await this.events.emit('user.created', eventUser(user), { em });
    return user;
  }

  /** Seats are taken by active and invited users; one more than the plan allows is PLAN_LIMIT. */
  async requireSeat(em: EntityManager, tenant: Tenant): Promise<void> {
    const [{ n }] = await em.query(`SELECT count(*) AS n FROM users WHERE status IN ('active', 'invited')`);
    this.plans.requireWithin('seats', Number(n), 1, tenant);
  }
}
