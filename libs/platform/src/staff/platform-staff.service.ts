import { Injectable } from '@nestjs/common';
import {
  AuditNotes,
  containsPattern,
  diff,
  DomainError,
  Page,
  paginate,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  PlatformRole,
} from '@stratum/common';
import { PasswordHasher, passwordProblems, PlatformRealm, PlatformUser, SessionService } from '@stratum/identity';
import { PlatformDatabase } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { CreatePlatformUserDto, ListPlatformUsersQueryDto, PlatformUserDto, UpdatePlatformUserDto } from './platform-staff.dto';

/**
 * Platform staff accounts: super admins (everything) and support (read-only across tenants).
 * There is always at least one active super admin.
 */
@Injectable()
export class PlatformStaffService {
  constructor(
    private readonly db: PlatformDatabase,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly realm: PlatformRealm,
    private readonly notes: AuditNotes,
  ) {}

  async list(query: ListPlatformUsersQueryDto): Promise<Page<PlatformUserDto>> {
    const qb = (await this.db.manager()).getRepository(PlatformUser).createQueryBuilder('u');
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere('(lower(u.email) LIKE :like OR lower(u.name) LIKE :like)', { like });
    }
    const page = await paginate(
      qb,
      { property: 'createdAt', column: 'created_at', direction: 'DESC' },
      query.limit ?? 20,
      query.cursor,
    );
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<PlatformUserDto> {
    return toDto(await this.load(await this.db.manager(), id));
  }

  async create(dto: CreatePlatformUserDto): Promise<PlatformUserDto> {
    const problems = passwordProblems(dto.password, dto.email);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
    const repo = (await this.db.manager()).getRepository(PlatformUser);
    const user = repo.create({
      email: dto.email,
      name: dto.name,
      roles: dto.roles,
      status: 'active',
      passwordHash: await this.hasher.hash(dto.password),
      passwordChangedAt: new Date(),
      failedLoginCount: 0,
    });
    try {
      await repo.insert(user);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION)
        throw new DomainError('CONFLICT', `A platform user with email ${dto.email} exists`);
      throw err;
    }
    return this.get(user.id);
  }

  async update(actorId: string, id: string, dto: UpdatePlatformUserDto): Promise<PlatformUserDto> {
    const em = await this.db.manager();
    const user = await this.load(em, id);
    if (dto.roles && !dto.roles.includes('super_admin') && user.roles.includes('super_admin')) {
      if (id === actorId) throw new DomainError('INVALID_STATE', 'You cannot take the super_admin role from yourself');
      await this.assertSuperAdminRemains(em, id);
    }
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    this.notes.describe({
      changes: diff({ name: user.name, roles: user.roles }, { name: user.name, roles: user.roles, ...changes }),
    });
    if (Object.keys(changes).length) await em.getRepository(PlatformUser).update({ id }, changes);
    // New roles take effect with the next login: end the account's sessions when they shrink.
    if (dto.roles && user.roles.some((r) => !dto.roles!.includes(r)))
      await this.sessions.revokeAll(this.realm, em, id, 'roles_changed');
    return this.get(id);
  }

  /** Deactivates an account: its sessions end at once. Not yourself, not the last super admin. */
  async deactivate(actorId: string, id: string): Promise<PlatformUserDto> {
    const em = await this.db.manager();
    const user = await this.load(em, id);
    if (id === actorId) throw new DomainError('INVALID_STATE', 'You cannot deactivate yourself');
    if (user.status === 'deactivated') return toDto(user);
    if (user.roles.includes('super_admin')) await this.assertSuperAdminRemains(em, id);
    await em.getRepository(PlatformUser).update({ id }, { status: 'deactivated' });
    await this.sessions.revokeAll(this.realm, em, id, 'user_deactivated');
    return this.get(id);
  }

  async reactivate(id: string): Promise<PlatformUserDto> {
    const em = await this.db.manager();
    const user = await this.load(em, id);
    if (user.status !== 'deactivated') throw new DomainError('INVALID_STATE', `The account is ${user.status}, not deactivated`);
    await em.getRepository(PlatformUser).update({ id }, { status: 'active', failedLoginCount: 0, lockedUntil: null });
    return this.get(id);
  }

  /** Locks the super admins so two concurrent changes cannot remove the last one between them. */
  private async assertSuperAdminRemains(em: EntityManager, leaving: string): Promise<void> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM platform.platform_users WHERE status = 'active' AND 'super_admin' = ANY(roles) ORDER BY id FOR UPDATE`,
    );
    if (!rows.some((r) => r.id !== leaving)) {
      throw new DomainError('INVALID_STATE', 'The platform needs at least one active super admin');
    }
  }

  private async load(em: EntityManager, id: string): Promise<PlatformUser> {
    const user = await em.getRepository(PlatformUser).findOneBy({ id });
    if (!user) throw DomainError.notFound('Platform user');
    return user;
  }
}

function toDto(u: PlatformUser): PlatformUserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles as PlatformRole[],
    status: u.status,
    mfaEnabled: !!u.mfaEnabledAt,
    locked: !!u.lockedUntil && u.lockedUntil.getTime() > Date.now(),
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
