import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainEvents } from '@stratum/common';
import { AuthorityService } from '@stratum/rbac';
import { TenantDatabase } from '@stratum/tenancy';
import { DirectoryEvent } from '../events/directory-events.repository';
import { DirectoryEventLog } from '../events/directory-event-log.service';
import { DirectoryRepository } from './directory.repository';
import { RoleSync } from './role-sync.service';
import { ScimContext, ScimListParams } from './scim-context';
import { scimError } from './scim-error';
import { applyPatch, GroupInput, readGroup } from './scim-input';
import { GROUP_FILTER, groupResource, listResponse, project, ScimGroupRow } from './scim-resources';
import type { Versioned } from './scim-users.service';

/**
 * SCIM Groups. Membership in a group that a tenant admin mapped to a role grants that role, and
 * leaving it takes the role back (RoleSync); every change of membership is a change of authority.
 */
@Injectable()
export class ScimGroupsService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly db: TenantDatabase,
    private readonly scim: ScimContext,
    private readonly authority: AuthorityService,
    private readonly roles: RoleSync,
    private readonly log: DirectoryEventLog,
    private readonly events: DomainEvents,
    private readonly notes: AuditNotes,
  ) {}

  async list(params: ScimListParams): Promise<Record<string, unknown>> {
    const query = this.scim.listQuery(params, GROUP_FILTER);
    const { rows, total } = await this.directory.listGroups(await this.db.manager(), query);
    const members = await this.directory.members(
      await this.db.manager(),
      rows.map((g) => g.id),
    );
    const resources = rows.map((g) =>
      project(
        groupResource({ ...g, members: members.get(g.id) ?? [] }, this.scim.baseUrl),
        params.attributes,
        params.excludedAttributes,
        GROUP_FILTER.urns,
      ),
    );
    return listResponse(resources, total, query.startIndex);
  }

  async get(id: string, attributes?: string, excluded?: string): Promise<Versioned> {
    const group = await this.load(id);
    return {
      resource: project(groupResource(group, this.scim.baseUrl), attributes, excluded, GROUP_FILTER.urns),
      version: group.version,
    };
  }

  async create(body: unknown): Promise<Versioned> {
    const { tokenId } = this.scim.directory();
    const input = readGroup(body);
    await this.authority.actor();
    const id = await this.directory.insertGroup(await this.db.manager(), input.displayName, input.externalId);
    return this.write(id, null, input, [
      { type: 'group.created', outcome: 'success', tokenId, groupId: id, detail: input.displayName },
    ]);
  }

  async replace(id: string, body: unknown, ifMatch?: string): Promise<Versioned> {
    const group = await this.load(id);
    this.scim.checkVersion(ifMatch, group.version);
    const input = readGroup(body);
    // PUT replaces the members too: a document without them leaves the group empty.
    return this.update(group, { ...input, members: input.members ?? [] });
  }

  /** PATCH: add / remove members (Entra ID, Okta) or rename, applied to the current document. */
  async patch(id: string, body: unknown, ifMatch?: string): Promise<Versioned> {
    const group = await this.load(id);
    this.scim.checkVersion(ifMatch, group.version);
    const patched = readGroup(applyPatch(groupResource(group, this.scim.baseUrl), body));
    return this.update(group, { ...patched, members: patched.members ?? [] });
  }

  async remove(id: string, ifMatch?: string): Promise<void> {
    const { tokenId, createdBy } = this.scim.directory();
    const group = await this.load(id);
    this.scim.checkVersion(ifMatch, group.version);
    await this.authority.actor();
    await this.log.refusing({ type: 'group.deleted', tokenId, groupId: id }, async () => {
      const former = await this.directory.deleteGroup(await this.db.manager(), id);
      const events: DirectoryEvent[] = [
        { type: 'group.deleted', outcome: 'success', tokenId, groupId: id, detail: group.displayName },
      ];
      for (const userId of former) events.push(...(await this.roles.sync(userId, createdBy!, tokenId)));
      await this.log.record(events);
    });
    await this.events.emit('group.updated', {
      id,
      displayName: group.displayName,
      members: [],
      added: [],
      removed: group.members.map((m) => m.value),
      deleted: true,
    });
    this.notes.describe({ resource: { type: 'group', id }, changes: diff({ displayName: group.displayName }, null) });
  }

  private async update(group: ScimGroupRow, input: GroupInput): Promise<Versioned> {
    const { tokenId } = this.scim.directory();
    await this.authority.actor();
    await this.directory.updateGroup(await this.db.manager(), group.id, input.displayName, input.externalId);
    const detail =
      input.displayName === group.displayName ? group.displayName : `${group.displayName} \u2192 ${input.displayName}`;
    return this.write(group.id, group, input, [
      { type: 'group.updated', outcome: 'success', tokenId, groupId: group.id, detail },
    ]);
  }

  /** Sets the members and brings the roles of everyone concerned in line (a rename can change which mappings apply). */
  private async write(id: string, before: ScimGroupRow | null, input: GroupInput, events: DirectoryEvent[]): Promise<Versioned> {
    const { tokenId, createdBy } = this.scim.directory();
    const wanted = input.members ?? before?.members.map((m) => m.value) ?? [];
    const visible = await this.directory.visibleUsers(await this.db.manager(), wanted);
    const unknown = wanted.filter((m) => !visible.has(m));
    if (unknown.length) throw scimError('VALIDATION_FAILED', `No such users: ${unknown.slice(0, 5).join(', ')}`, 'invalidValue');
    const { added, removed } = await this.directory.setMembers(await this.db.manager(), id, wanted);
    await this.log.refusing({ type: 'group.updated', tokenId, groupId: id }, async () => {
      // A new name can match other mappings: then every member is concerned, else only who joined or left.
      const renamed = !before || before.displayName.toLowerCase() !== input.displayName.toLowerCase();
      const concerned = new Set(renamed ? [...wanted, ...removed] : [...added, ...removed]);
      for (const userId of concerned) events.push(...(await this.roles.sync(userId, createdBy!, tokenId)));
      await this.log.record(events);
    });
    const after = await this.load(id);
    const members = after.members.map((m) => m.value);
    await this.events.emit('group.updated', { id, displayName: after.displayName, members, added, removed, deleted: false });
    this.notes.describe({
      resource: { type: 'group', id },
      changes: diff(before ? { displayName: before.displayName } : null, { displayName: after.displayName }),
      metadata: { added, removed },
    });
    return { resource: groupResource(after, this.scim.baseUrl), version: after.version };
  }

  private async load(id: string): Promise<ScimGroupRow> {
    const group = await this.directory.group(await this.db.manager(), id);
    if (!group) throw scimError('NOT_FOUND', `Group ${id} not found`);
    return { ...group, members: (await this.directory.members(await this.db.manager(), [id])).get(id) ?? [] };
  }
}
