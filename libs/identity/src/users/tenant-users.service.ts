import { Injectable } from '@nestjs/common';
import { DomainError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@stratum/common';
import { RoleAssignments, SystemRoleKey } from '@stratum/rbac';
import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { passwordProblems } from '../passwords/password-policy';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  password?: string;
  systemRoles?: SystemRoleKey[];
}

/** Creates tenant users inside the caller's tenant transaction. */
@Injectable()
export class TenantUsersService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly roles: RoleAssignments,
  ) {}

  /** `passwordField` names the request field in policy errors (e.g. `admin.password`). */
  async create(em: EntityManager, input: NewUser, passwordField = 'password'): Promise<User> {
    if (input.password) {
      const problems = passwordProblems(input.password, input.email, passwordField);
      if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
    }
    const repo = em.getRepository(User);
    const user = repo.create({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      passwordHash: input.password ? await this.hasher.hash(input.password) : null,
      status: input.password ? 'active' : 'invited',
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
    return user;
  }
}
