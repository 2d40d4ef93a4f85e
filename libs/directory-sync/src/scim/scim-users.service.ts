import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainEvents } from '@stratum/common';
import { TenantUsersService, UsersService } from '@stratum/identity';
import { AuthorityService, SYSTEM_ROLES } from '@stratum/rbac';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { DirectoryEvent } from '../events/directory-events.repository';
import { DirectoryEventLog } from '../events/directory-event-log.service';
import { DirectoryRepository } from './directory.repository';
import { RoleSync } from './role-sync.service';
import { ScimContext, ScimListParams } from './scim-context';
import { scimError } from './scim-error';
import { accountName, applyPatch, readUser, UserInput } from './scim-input';
import { listResponse, project, ScimUserRow, USER_FILTER, userResource } from './scim-resources';

type Doc = Record<string, unknown>;

/** A resource answered with its version, for the ETag header. */
export interface Versioned {
  resource: Doc;
  version: string;
}

const eventUser = (u: ScimUserRow) => ({
  id: u.id,
  email: u.userName,
  name: u.name,
  status: u.status as 'invited' | 'active' | 'deactivated',
  externalId: u.externalId,
});

/**
 * SCIM Users (RFC 7644 §3) over the tenant's accounts. Creating, changing and deactivating go
 * through identity's own paths (TenantUsersService, UsersService), so seats, sessions, refresh
 * tokens, API keys and invitations behave exactly as when an admin acts; the directory acts with
 * its token creator's authority, checked at the AuthorityService.
 */
@Injectable()
export class ScimUsersService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly scim: ScimContext,
    private readonly users: UsersService,
    private readonly accounts: TenantUsersService,
    private readonly authority: AuthorityService,
    private readonly tenant: TenantContext,
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
    private readonly log: DirectoryEventLog,
    private readonly roles: RoleSync,
    private readonly notes: AuditNotes,
  ) {}

  async list(params: ScimListParams): Promise<Doc> {
    const query = this.scim.listQuery(params, USER_FILTER);
    const { rows, total } = await this.directory.listUsers(await this.db.manager(), query);
    const resources = rows.map((u) =>
      project(userResource(u, this.scim.baseUrl), params.attributes, params.excludedAttributes, USER_FILTER.urns),
    );
    return listResponse(resources, total, query.startIndex);
  }

  async get(id: string, attributes?: string, excluded?: string): Promise<Versioned> {
    const user = await this.load(id);
    return {
      resource: project(userResource(user, this.scim.baseUrl), attributes, excluded, USER_FILTER.urns),
      version: user.version,
    };
  }

  /**
   * Creates a user, or takes back one the directory deleted. An account that already exists
   * (invited, or signed in by SSO) is 409 `uniqueness`: the directory finds it by
   * `userName eq "…"` and links it by setting its externalId (RFC 7644 §3.3).
   */
  async create(body: unknown): Promise<Versioned> {
    const { tokenId } = this.scim.directory();
    const input = readUser(body);
    const existing = await this.directory.accountByEmail(await this.db.manager(), input.userName);
    if (existing && !existing.deleted)
      throw scimError('CONFLICT', `A user with userName ${input.userName} already exists`, 'uniqueness');
    let id: string;
    if (existing) {
      id = existing.id;
    } else {
      await this.authority.assertMayGive([{ key: 'member', permissions: SYSTEM_ROLES.member }]);
      const em = await this.db.manager();
      const account = await this.accounts.create(
        em,
        { email: input.userName, name: accountName(input, ''), externalSignIn: true, systemRoles: ['member'] },
        { seatsOf: this.tenant.get() },
      );
      id = account.id;
    }
    await this.directory.saveAttributes(await this.db.manager(), id, input);
    const before = existing ? await this.directory.user(await this.db.manager(), id) : null;
    const events: DirectoryEvent[] = [
      {
        type: 'user.provisioned',
        outcome: 'success',
        tokenId,
        userId: id,
        detail: existing ? 'Taken back after a delete' : 'Created',
      },
    ];
    // Taken back after a delete: active again unless the document says otherwise.
    await this.applyActive(
      id,
      before?.status ?? 'active',
      existing ? { ...input, active: input.active ?? true } : input,
      events,
      tokenId,
    );
    const user = await this.load(id);
    await this.log.record(events);
    await this.events.emit('user.provisioned', eventUser(user));
    this.notes.describe({ resource: { type: 'user', id }, changes: diff(null, this.auditable(user)) });
    return { resource: userResource(user, this.scim.baseUrl), version: user.version };
  }

  /** PUT: the document replaces the user's directory attributes (RFC 7644 §3.5.1). */
  async replace(id: string, body: unknown, ifMatch?: string): Promise<Versioned> {
    const user = await this.load(id);
    this.scim.checkVersion(ifMatch, user.version);
    return this.apply(user, readUser(body));
  }

  /** PATCH: the operations apply to the current document, which then replaces the user's. */
  async patch(id: string, body: unknown, ifMatch?: string): Promise<Versioned> {
    const user = await this.load(id);
    this.scim.checkVersion(ifMatch, user.version);
    return this.apply(user, readUser(applyPatch(userResource(user, this.scim.baseUrl), body)));
  }

  /** DELETE: deactivated (sessions, refresh tokens and API keys end) and out of the directory's sight; history kept. */
  async remove(id: string, ifMatch?: string): Promise<void> {
    const { tokenId } = this.scim.directory();
    const user = await this.load(id);
    this.scim.checkVersion(ifMatch, user.version);
    await this.log.refusing({ type: 'user.deleted', tokenId, userId: id }, async () => {
      if (user.status !== 'deactivated') await this.users.deactivate(id);
      else await this.authority.assertDominatesUser(id, 'delete');
      await this.directory.detach(await this.db.manager(), id);
      const events: DirectoryEvent[] = [
        { type: 'user.deleted', outcome: 'success', tokenId, userId: id, detail: 'Deactivated and detached' },
      ];
      events.push(...(await this.roles.sync(id, this.scim.directory().createdBy!, tokenId)));
      await this.log.record(events);
    });
    await this.events.emit('user.deprovisioned', { ...eventUser(user), status: 'deactivated' as const, deleted: true });
    this.notes.describe({ resource: { type: 'user', id } });
  }

  private async apply(user: ScimUserRow, input: UserInput): Promise<Versioned> {
    const { tokenId } = this.scim.directory();
    await this.authority.assertDominatesUser(user.id, 'change');
    await this.directory.updateAccount(await this.db.manager(), user.id, input.userName, accountName(input, user.name));
    await this.directory.saveAttributes(await this.db.manager(), user.id, input);
    const events: DirectoryEvent[] = [
      { type: 'user.updated', outcome: 'success', tokenId, userId: user.id, detail: 'Attributes replaced' },
    ];
    await this.log.refusing({ type: 'user.deactivated', tokenId, userId: user.id }, () =>
      this.applyActive(user.id, user.status, input, events, tokenId),
    );
    const after = await this.load(user.id);
    await this.log.record(events);
    this.notes.describe({ resource: { type: 'user', id: user.id }, changes: diff(this.auditable(user), this.auditable(after)) });
    return { resource: userResource(after, this.scim.baseUrl), version: after.version };
  }

  /** `active` through identity's own deactivation and reactivation (seats, sessions, keys, invitations). */
  private async applyActive(
    id: string,
    status: string,
    input: UserInput,
    events: DirectoryEvent[],
    tokenId: string,
  ): Promise<void> {
    if (input.active === false && status !== 'deactivated') {
      await this.users.deactivate(id);
      events.push({ type: 'user.deactivated', outcome: 'success', tokenId, userId: id, detail: 'active: false' });
      const user = await this.load(id);
      await this.events.emit('user.deprovisioned', { ...eventUser(user), deleted: false });
    } else if (input.active === true && status === 'deactivated') {
      await this.users.reactivate(id);
      events.push({ type: 'user.reactivated', outcome: 'success', tokenId, userId: id, detail: 'active: true' });
      events.push(...(await this.roles.sync(id, this.scim.directory().createdBy!, tokenId)));
    }
  }

  private auditable(u: ScimUserRow): Record<string, unknown> {
    return {
      userName: u.userName,
      externalId: u.externalId,
      displayName: u.displayName,
      givenName: u.givenName,
      familyName: u.familyName,
      active: u.status !== 'deactivated',
      employeeNumber: u.employeeNumber,
      department: u.department,
      managerId: u.managerId,
    };
  }

  private async load(id: string): Promise<ScimUserRow> {
    const user = await this.directory.user(await this.db.manager(), id);
    if (!user) throw scimError('NOT_FOUND', `User ${id} not found`);
    return user;
  }
}
