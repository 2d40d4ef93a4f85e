import { Injectable } from '@nestjs/common';
import { RoleAssignments } from '@stratum/rbac';
import { TenantDatabase } from '@stratum/tenancy';
import { DirectoryEvent } from '../events/directory-events.repository';
import { DirectoryRepository } from './directory.repository';

/**
 * Roles follow mapped groups: a member of a mapped group is given its role, and loses it when no
 * mapped group of theirs grants it any more. Only roles the directory itself granted are ever
 * taken back (a role held by hand stays). Every grant and revocation goes through RoleAssignments,
 * so through the AuthorityService decision point and the last-admin rule (LAST_ADMIN).
 */
@Injectable()
export class RoleSync {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly assignments: RoleAssignments,
    private readonly db: TenantDatabase,
  ) {}

  /** Brings one user's directory roles in line with their groups; answers what changed, as directory events. */
  async sync(userId: string, grantedBy: string, tokenId: string | null): Promise<DirectoryEvent[]> {
    const { granted, held, status } = await this.directory.rolesOf(await this.db.manager(), userId);
    if (status === 'gone') return [];
    const desired = await this.directory.mappedRoleIds(await this.db.manager(), userId);
    const events: DirectoryEvent[] = [];
    for (const roleId of desired) {
      // A deactivated user keeps nothing new; held by hand already: nothing to grant, nothing to take back later.
      if (held.has(roleId) || status === 'deactivated') continue;
      const { role } = await this.assignments.assign(userId, roleId, null, grantedBy);
      await this.directory.recordGrant(await this.db.manager(), userId, roleId);
      events.push({ type: 'role.granted', outcome: 'success', tokenId, userId, detail: `Granted ${role.key} (mapped group)` });
    }
    for (const [roleId, key] of granted) {
      if (desired.has(roleId)) continue;
      if (held.has(roleId)) {
        await this.assignments.unassign(userId, roleId);
        events.push({
          type: 'role.revoked',
          outcome: 'success',
          tokenId,
          userId,
          detail: `Revoked ${key} (no mapped group grants it)`,
        });
      }
      await this.directory.forgetGrant(await this.db.manager(), userId, roleId);
    }
    return events;
  }
}
