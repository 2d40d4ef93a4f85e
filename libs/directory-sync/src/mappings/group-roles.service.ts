import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainError, FieldError, TenantUserPrincipal } from '@stratum/common';
import { AuthorityService, RolesService } from '@stratum/rbac';
import { TenantDatabase } from '@stratum/tenancy';
import { DirectoryEventsRepository } from '../events/directory-events.repository';
import { DirectoryEventLog } from '../events/directory-event-log.service';
import { DirectoryRepository } from '../scim/directory.repository';
import { RoleSync } from '../scim/role-sync.service';
import { DirectoryEventDto, DirectoryEventsQueryDto, GroupRoleDto } from './dto/mapping.dto';

const MAX_MAPPINGS = 200;

/** Reads the body of PUT group-roles: an array of `{ group, role }`, nothing else. */
function readMappings(body: unknown): GroupRoleDto[] {
  const problems: FieldError[] = [];
  if (!Array.isArray(body)) problems.push({ field: 'body', message: 'body must be an array of { group, role }' });
  else if (body.length > MAX_MAPPINGS) problems.push({ field: 'body', message: `at most ${MAX_MAPPINGS} mappings` });
  else
    body.forEach((m, i) => {
      const item = m as Record<string, unknown> | null;
      if (!item || typeof item !== 'object' || Array.isArray(item))
        return problems.push({ field: `${i}`, message: `${i} must be an object` });
      for (const key of Object.keys(item))
        if (key !== 'group' && key !== 'role')
          problems.push({ field: `${i}.${key}`, message: `${i}.${key} is not a known field` });
      for (const [key, max] of [
        ['group', 256],
        ['role', 100],
      ] as const) {
        const v = item[key];
        if (typeof v !== 'string' || !v.trim() || v.length > max)
          problems.push({ field: `${i}.${key}`, message: `${i}.${key} must be a non-empty string of at most ${max} characters` });
      }
    });
  if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {}, problems);
  return (body as GroupRoleDto[]).map((m) => ({ group: m.group.trim(), role: m.role.trim() }));
}

/** Which directory groups grant which roles, set by tenant admins; and the log of what the directory did. */
@Injectable()
export class GroupRolesService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly roles: RolesService,
    private readonly authority: AuthorityService,
    private readonly sync: RoleSync,
    private readonly log: DirectoryEventLog,
    private readonly events: DirectoryEventsRepository,
    private readonly notes: AuditNotes,
    private readonly db: TenantDatabase,
  ) {}

  async list(): Promise<GroupRoleDto[]> {
    return (await this.directory.groupMappings(await this.db.manager())).map(({ group, role }) => ({ group, role }));
  }

  /**
   * Replaces the mappings. Only roles the admin dominates may be mapped (the directory then
   * grants them); members of mapped groups are brought in line at once, as this admin.
   */
  async replace(actor: TenantUserPrincipal, body: unknown): Promise<GroupRoleDto[]> {
    const wanted = readMappings(body);
    const roles = new Map<string, Awaited<ReturnType<RolesService['find']>>>();
    for (const [i, { role }] of wanted.entries()) {
      if (roles.has(role)) continue;
      const found = await this.roles.find(role).catch((err: unknown) => {
        if (err instanceof DomainError && err.code === 'NOT_FOUND') {
          throw new DomainError('VALIDATION_FAILED', `No role ${role}`, {}, [{ field: `${i}.role`, message: `no role ${role}` }]);
        }
        throw err;
      });
      roles.set(role, found);
    }
    await this.authority.assertMayGive(
      [...roles.values()].map((r) => ({ key: r.key, permissions: this.roles.permissionsOf(r) })),
    );
    const before = await this.list();
    await this.directory.replaceGroupMappings(
      await this.db.manager(),
      wanted.map((m) => ({ group: m.group, roleId: roles.get(m.role)!.id })),
    );
    const users = await this.directory.usersInDirectoryGroups(await this.db.manager());
    await this.log.refusing({ type: 'group_roles.updated', tokenId: null }, async () => {
      for (const userId of users) await this.log.record(await this.sync.sync(userId, actor.userId, null));
    });
    const after = await this.list();
    this.notes.describe({ changes: diff({ mappings: before }, { mappings: after }) });
    return after;
  }

  async listEvents(query: DirectoryEventsQueryDto): Promise<DirectoryEventDto[]> {
    return this.events.list(await this.db.manager(), query.limit ?? 50, query.before);
  }
}
