import { ALL_PERMISSIONS, PERMISSIONS, SYSTEM_ROLES, SystemRoleKey } from '@stratum/rbac';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { expectProblem } from '../support/problems';

const PASSWORD = 'amber-falcon-orchard-42';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SYSTEM_KEYS = Object.keys(SYSTEM_ROLES).sort() as SystemRoleKey[];
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const sorted = (xs: readonly string[]) => [...xs].sort();
const roleKey = (prefix: string) => `${prefix}_${randomBytes(3).toString('hex')}`;

interface RoleBody {
  id: string;
  key: string;
  name: string;
  description: string;
  permissions: string[];
  isSystem: boolean;
  userCount: number;
}

interface AssignmentBody {
  roleId: string;
  roleKey: string;
  roleName: string;
  expiresAt: string | null;
  grantedBy: string | null;
  createdAt: string;
}

interface TestUser {
  id: string;
  email: string;
  token: string;
}

/**
 * Roles: the fixed system roles, custom roles (a plan feature) and their effect on the very next
 * request of their holders, expiring assignments, privilege escalation, and the last-admin rule.
 */
describe('roles', () => {
  let api: TestApi;
  let root: string;
  let pg: Client;
  let t: TestTenant;
  let adminId: string;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    t = await createTenant(api, root);
    adminId = (await me(t.token)).id;
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  const me = async (token: string) => {
    const res = await api.call('GET', '/api/v1/users/me', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { id: string; roles: string[]; permissions: string[] };
  };
  const permissionsOf = async (token: string) => (await me(token)).permissions;

  /** An active user created through the API with the given system roles (none by default), logged in. */
  const addUser = async (tenant: TestTenant, roles: SystemRoleKey[] = [], token = tenant.token): Promise<TestUser> => {
    const email = `${uniqueSlug('u')}@people.test`;
    const res = await api.call('POST', '/api/v1/users', { token, body: { email, name: 'Test User', password: PASSWORD, roles } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.roles).toEqual(sorted(roles));
    return { id: res.body.id, email, token: await login(api, tenant.slug, email, PASSWORD) };
  };

  const listRoles = (token: string) => api.call<{ items: RoleBody[] }>('GET', '/api/v1/roles', { token });
  const getRole = (token: string, id: string) => api.call<RoleBody>('GET', `/api/v1/roles/${id}`, { token });
  const createRole = (token: string, body: Record<string, unknown>) =>
    api.call<RoleBody>('POST', '/api/v1/roles', { token, body });
  const patchRole = (token: string, id: string, body: Record<string, unknown>) =>
    api.call<RoleBody>('PATCH', `/api/v1/roles/${id}`, { token, body });
  const deleteRole = (token: string, id: string) => api.call('DELETE', `/api/v1/roles/${id}`, { token });
  const assign = (token: string, userId: string, body: Record<string, unknown>) =>
    api.call<AssignmentBody>('POST', `/api/v1/users/${userId}/roles`, { token, body });
  const unassign = (token: string, userId: string, role: string) =>
    api.call('DELETE', `/api/v1/users/${userId}/roles/${role}`, { token });
  const assignments = async (token: string, userId: string) => {
    const res = await api.call<{ items: AssignmentBody[] }>('GET', `/api/v1/users/${userId}/roles`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  };

  const newCustomRole = async (token: string, permissions: string[], prefix = 'custom'): Promise<RoleBody> => {
    const key = roleKey(prefix);
    const res = await createRole(token, { key, name: `Role ${key}`, permissions });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  /** Moves an assignment's expiry into the past behind the API's back, as the passing of time would. */
  const expireAssignment = async (tenant: TestTenant, userId: string, key: string) => {
    const schema = schemaOf(tenant.id);
    const res = await pg.query(
      `UPDATE "${schema}".user_roles ur SET expires_at = now() - interval '1 second'
         FROM "${schema}".roles r WHERE r.id = ur.role_id AND ur.user_id = $1 AND r.key = $2`,
      [userId, key],
    );
    expect(res.rowCount).toBe(1);
  };

  /** Active users holding tenant_admin without an expiry, straight from the tenant's tables. */
  const permanentAdmins = async (tenant: TestTenant): Promise<string[]> => {
    const schema = schemaOf(tenant.id);
    const { rows } = await pg.query(
      `SELECT ur.user_id FROM "${schema}".user_roles ur
         JOIN "${schema}".roles r ON r.id = ur.role_id AND r.key = 'tenant_admin'
         JOIN "${schema}".users u ON u.id = ur.user_id AND u.status = 'active'
        WHERE ur.expires_at IS NULL ORDER BY ur.user_id`,
    );
    return rows.map((r: { user_id: string }) => r.user_id);
  };

  describe('system roles and the catalogue', () => {
    it('lists the five system roles with the permissions of the catalogue, which GET /permissions serves', async () => {
      const fresh = await createTenant(api, root);
      const res = await listRoles(fresh.token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.map((r) => r.key).sort()).toEqual(SYSTEM_KEYS);
      for (const role of res.body.items) {
        expect(role.isSystem, role.key).toBe(true);
        expect(role.id).toMatch(UUID);
        expect(role.name.length).toBeGreaterThan(0);
        expect(sorted(role.permissions), role.key).toEqual(sorted(SYSTEM_ROLES[role.key as SystemRoleKey]));
        // Only the provisioned admin holds a role in a fresh tenant.
        expect(role.userCount, role.key).toBe(role.key === 'tenant_admin' ? 1 : 0);
        const one = await getRole(fresh.token, role.id);
        expect(one.status).toBe(200);
        expect(one.body).toEqual(role);
      }
      expect(sorted(res.body.items.find((r) => r.key === 'tenant_admin')!.permissions)).toEqual(sorted(ALL_PERMISSIONS));

      const catalogue = await api.call('GET', '/api/v1/permissions', { token: fresh.token });
      expect(catalogue.status).toBe(200);
      expect(catalogue.body.items.map((p: { key: string }) => p.key).sort()).toEqual(Object.keys(PERMISSIONS).sort());
      // Every permission a system role lists is one of the catalogue's.
      const known = new Set(Object.keys(PERMISSIONS));
      for (const role of res.body.items) for (const p of role.permissions) expect(known.has(p), p).toBe(true);
    });

    it('lets roles:read holders list roles and nobody else; only roles:manage creates', async () => {
      const viewer = await addUser(t, ['viewer']);
      const member = await addUser(t, ['member']);
      expect((await listRoles(viewer.token)).status).toBe(200);
      expectProblem(await listRoles(member.token), 403, 'FORBIDDEN', { missing: ['roles:read'] });
      expectProblem(await createRole(viewer.token, { key: roleKey('by_viewer'), name: 'x', permissions: [] }), 403, 'FORBIDDEN', {
        missing: ['roles:manage'],
      });
      expectProblem(await assign(viewer.token, member.id, { role: 'viewer' }), 403, 'FORBIDDEN', { missing: ['roles:manage'] });
      expect((await me(member.token)).roles).toEqual(['member']);
    });

    it('refuses to change or delete a system role (INVALID_STATE) and to reuse its key', async () => {
      const before = (await listRoles(t.token)).body.items.filter((r) => r.isSystem);
      expect(before).toHaveLength(5);
      for (const role of before) {
        expectProblem(await patchRole(t.token, role.id, { name: 'Renamed' }), 409, 'INVALID_STATE');
        expectProblem(await patchRole(t.token, role.id, { permissions: ['tenant:read'] }), 409, 'INVALID_STATE');
        expectProblem(await deleteRole(t.token, role.id), 409, 'INVALID_STATE');
        const after = await getRole(t.token, role.id);
        expect(after.status).toBe(200);
        expect(after.body.name).toBe(role.name);
        expect(sorted(after.body.permissions)).toEqual(sorted(SYSTEM_ROLES[role.key as SystemRoleKey]));
      }
      expectProblem(
        await createRole(t.token, { key: 'viewer', name: 'Fake viewer', permissions: ['tenant:read'] }),
        409,
        'CONFLICT',
      );
      // The admin still holds everything.
      expect(sorted(await permissionsOf(t.token))).toEqual(sorted(ALL_PERMISSIONS));
    });
  });

  describe('custom roles', () => {
    it('grant exactly their permissions on the next request; changes and deletion apply on the very next request', async () => {
      const user = await addUser(t);
      expect(await permissionsOf(user.token)).toEqual([]);
      expectProblem(await api.call('GET', '/api/v1/users', { token: user.token }), 403, 'FORBIDDEN', { missing: ['users:read'] });

      const key = roleKey('people_reader');
      const created = await createRole(t.token, {
        key,
        name: '  People reader  ',
        description: 'Reads people and projects',
        permissions: ['users:read', 'projects:read', 'users:read'],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(UUID),
        key,
        name: 'People reader',
        isSystem: false,
        userCount: 0,
      });
      expect(created.body.description).toBe('Reads people and projects');
      expect(sorted(created.body.permissions)).toEqual(['projects:read', 'users:read']);
      const role = created.body;
      expect((await listRoles(t.token)).body.items.find((r) => r.id === role.id)).toMatchObject({ key, isSystem: false });

      const given = await assign(t.token, user.id, { role: role.id });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
      expect(given.body).toMatchObject({
        roleId: role.id,
        roleKey: key,
        roleName: 'People reader',
        expiresAt: null,
        grantedBy: adminId,
      });
      expect((await getRole(t.token, role.id)).body.userCount).toBe(1);

      // Exactly the role's permissions, at once.
      expect(sorted(await permissionsOf(user.token))).toEqual(['projects:read', 'users:read']);
      expect((await api.call('GET', '/api/v1/users', { token: user.token })).status).toBe(200);
      expect((await api.call('GET', '/api/v1/projects', { token: user.token })).status).toBe(200);
      expectProblem(await api.call('GET', '/api/v1/api-keys', { token: user.token }), 403, 'FORBIDDEN', {
        missing: ['api-keys:read'],
      });
      expectProblem(await api.call('POST', '/api/v1/projects', { token: user.token, body: { name: 'nope' } }), 403, 'FORBIDDEN');

      const changed = await patchRole(t.token, role.id, { permissions: ['projects:read', 'api-keys:read'] });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(sorted(changed.body.permissions)).toEqual(['api-keys:read', 'projects:read']);
      // The very next request of its holder sees the change.
      expectProblem(await api.call('GET', '/api/v1/users', { token: user.token }), 403, 'FORBIDDEN', { missing: ['users:read'] });
      expect((await api.call('GET', '/api/v1/api-keys', { token: user.token })).status).toBe(200);
      expect(sorted(await permissionsOf(user.token))).toEqual(['api-keys:read', 'projects:read']);

      const renamed = await patchRole(t.token, role.id, { name: 'Key reader' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Key reader');
      expect(sorted(renamed.body.permissions)).toEqual(['api-keys:read', 'projects:read']);

      expect((await deleteRole(t.token, role.id)).status).toBe(204);
      expectProblem(await api.call('GET', '/api/v1/api-keys', { token: user.token }), 403, 'FORBIDDEN', {
        missing: ['api-keys:read'],
      });
      expect(await permissionsOf(user.token)).toEqual([]);
      expect(await assignments(t.token, user.id)).toEqual([]);
      expectProblem(await getRole(t.token, role.id), 404, 'NOT_FOUND');
      expectProblem(await deleteRole(t.token, role.id), 404, 'NOT_FOUND');
      expect((await listRoles(t.token)).body.items.some((r) => r.id === role.id)).toBe(false);
    });

    it('refuses unknown permissions with 400 naming the field, on create and on change', async () => {
      const key = roleKey('bad');
      for (const permissions of [['everything'], ['projects:read', 'projects:fly']]) {
        const bad = await createRole(t.token, { key, name: 'Bad', permissions });
        expectProblem(bad, 400, 'VALIDATION_FAILED', { field: 'permissions' });
      }
      expect((await listRoles(t.token)).body.items.some((r) => r.key === key)).toBe(false);

      const role = await newCustomRole(t.token, ['tenant:read'], 'typo');
      const typo = await patchRole(t.token, role.id, { permissions: ['tenant:read', 'tenant:explode'] });
      expectProblem(typo, 400, 'VALIDATION_FAILED', { field: 'permissions' });
      expect((await getRole(t.token, role.id)).body.permissions).toEqual(['tenant:read']);
    });

    it('refuses a duplicate or malformed key, creating nothing', async () => {
      expectProblem(await createRole(t.token, { key: 'Not A Key', name: 'x', permissions: [] }), 400, 'VALIDATION_FAILED');
      const role = await newCustomRole(t.token, ['tenant:read'], 'dup');
      const again = await createRole(t.token, { key: role.key, name: 'Other', permissions: ['settings:read'] });
      expectProblem(again, 409, 'CONFLICT');
      const same = (await listRoles(t.token)).body.items.filter((r) => r.key === role.key);
      expect(same).toHaveLength(1);
      expect(same[0]).toMatchObject({ id: role.id, name: role.name, permissions: ['tenant:read'] });
    });

    it('are a plan feature: a free-plan tenant gets FEATURE_NOT_IN_PLAN naming custom_roles', async () => {
      const free = await createTenant(api, root);
      const downgraded = await api.call('PATCH', `/api/v1/platform/tenants/${free.id}`, { token: root, body: { plan: 'free' } });
      expect(downgraded.status, JSON.stringify(downgraded.body)).toBe(200);
      expect(downgraded.body.plan).toBe('free');

      const key = roleKey('not_in_plan');
      const res = await createRole(free.token, { key, name: 'Nope', permissions: ['tenant:read'] });
      expectProblem(res, 403, 'FEATURE_NOT_IN_PLAN', { feature: 'custom_roles' });
      const roles = await listRoles(free.token);
      expect(roles.status).toBe(200);
      expect(roles.body.items.map((r) => r.key).sort()).toEqual(SYSTEM_KEYS);

      // System roles are still assignable on the free plan.
      const user = await addUser(free);
      const given = await assign(free.token, user.id, { role: 'viewer' });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
      expect(sorted(await permissionsOf(user.token))).toEqual(sorted(SYSTEM_ROLES.viewer));

      // Back on a plan with the feature, the same request works.
      const upgraded = await api.call('PATCH', `/api/v1/platform/tenants/${free.id}`, {
        token: root,
        body: { plan: 'professional' },
      });
      expect(upgraded.status).toBe(200);
      expect((await createRole(free.token, { key, name: 'Now', permissions: ['tenant:read'] })).status).toBe(201);
    });
  });

  describe('privilege escalation', () => {
    it('lets a roles:manage holder hand out only what they hold', async () => {
      const manager = await newCustomRole(t.token, ['roles:read', 'roles:manage', 'users:read'], 'role_manager');
      const actor = await addUser(t);
      const target = await addUser(t);
      expect((await assign(t.token, actor.id, { role: manager.key })).status).toBe(201);
      expect(sorted(await permissionsOf(actor.token))).toEqual(['roles:manage', 'roles:read', 'users:read']);

      // A role with a permission the actor lacks.
      const key = roleKey('deleter');
      expectProblem(await createRole(actor.token, { key, name: 'Deleter', permissions: ['users:delete'] }), 403, 'FORBIDDEN', {
        missing: ['users:delete'],
      });
      expectProblem(
        await createRole(actor.token, { key, name: 'Deleter', permissions: ['users:read', 'users:delete'] }),
        403,
        'FORBIDDEN',
        { missing: ['users:delete'] },
      );
      expect((await listRoles(t.token)).body.items.some((r) => r.key === key)).toBe(false);

      // tenant_admin, to someone else or to themselves (nobody grants themselves anything).
      for (const who of [target, actor]) {
        const res = await assign(actor.token, who.id, { role: 'tenant_admin' });
        expectProblem(res, 403, 'FORBIDDEN');
        if (who === target) expect((res as Reply).body.missing).toContain('users:delete');
        expect((await assignments(t.token, who.id)).map((a) => a.roleKey)).not.toContain('tenant_admin');
      }
      expectProblem(await assign(actor.token, target.id, { role: 'project_manager' }), 403, 'FORBIDDEN');

      // Widening their own role.
      expectProblem(
        await patchRole(actor.token, manager.id, { permissions: ['roles:read', 'roles:manage', 'users:read', 'users:delete'] }),
        403,
        'FORBIDDEN',
        { missing: ['users:delete'] },
      );
      expect(sorted((await getRole(t.token, manager.id)).body.permissions)).toEqual(['roles:manage', 'roles:read', 'users:read']);
      expect(sorted(await permissionsOf(actor.token))).toEqual(['roles:manage', 'roles:read', 'users:read']);
      expectProblem(await api.call('POST', `/api/v1/users/${target.id}/deactivate`, { token: actor.token }), 403, 'FORBIDDEN');

      // Within their own permissions it works.
      const reader = await createRole(actor.token, { key: roleKey('reader'), name: 'Reader', permissions: ['users:read'] });
      expect(reader.status, JSON.stringify(reader.body)).toBe(201);
      const given = await assign(actor.token, target.id, { role: reader.body.key });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
      expect(given.body.grantedBy).toBe(actor.id);
      expect(await permissionsOf(target.token)).toEqual(['users:read']);
    });
  });

  describe('expiring assignments', () => {
    it('grant until they expire, and stop on the very next request after', async () => {
      const user = await addUser(t);
      expectProblem(await api.call('GET', '/api/v1/projects', { token: user.token }), 403, 'FORBIDDEN');
      const until = new Date(Date.now() + 60 * 60 * 1000);
      const given = await assign(t.token, user.id, { role: 'project_manager', expiresAt: until.toISOString() });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
      expect(given.body.roleKey).toBe('project_manager');
      expect(new Date(given.body.expiresAt!).getTime()).toBe(until.getTime());

      expect((await api.call('GET', '/api/v1/projects', { token: user.token })).status).toBe(200);
      expect(sorted(await permissionsOf(user.token))).toEqual(sorted(SYSTEM_ROLES.project_manager));
      const live = await assignments(t.token, user.id);
      expect(live).toHaveLength(1);
      expect(live[0]).toMatchObject({ roleKey: 'project_manager', grantedBy: adminId });
      expect(new Date(live[0].expiresAt!).getTime()).toBe(until.getTime());

      await expireAssignment(t, user.id, 'project_manager');

      expectProblem(await api.call('GET', '/api/v1/projects', { token: user.token }), 403, 'FORBIDDEN', {
        missing: ['projects:read'],
      });
      expect(await permissionsOf(user.token)).toEqual([]);
      expect(await assignments(t.token, user.id)).toEqual([]);
      const asListed = await api.call('GET', `/api/v1/users/${user.id}`, { token: t.token });
      expect(asListed.body.roles).toEqual([]);
      const managers = await api.call('GET', '/api/v1/users?role=project_manager&limit=100', { token: t.token });
      expect(managers.body.items.map((u: { id: string }) => u.id)).not.toContain(user.id);

      // Assigning again renews it; without expiresAt it becomes permanent.
      const renewed = await assign(t.token, user.id, { role: 'project_manager', expiresAt: until.toISOString() });
      expect(renewed.status).toBe(201);
      expect((await api.call('GET', '/api/v1/projects', { token: user.token })).status).toBe(200);
      const permanent = await assign(t.token, user.id, { role: 'project_manager' });
      expect(permanent.status).toBe(201);
      expect(permanent.body.expiresAt).toBeNull();
      expect((await assignments(t.token, user.id)).map((a) => [a.roleKey, a.expiresAt])).toEqual([['project_manager', null]]);
    });

    it('refuses an expiry in the past or not a date (400), assigning nothing', async () => {
      const user = await addUser(t);
      const past = await assign(t.token, user.id, { role: 'viewer', expiresAt: new Date(Date.now() - 60_000).toISOString() });
      expectProblem(past, 400, 'VALIDATION_FAILED', { field: 'expiresAt' });
      expectProblem(await assign(t.token, user.id, { role: 'viewer', expiresAt: 'next tuesday' }), 400, 'VALIDATION_FAILED');
      expect(await assignments(t.token, user.id)).toEqual([]);
      expect(await permissionsOf(user.token)).toEqual([]);
    });

    it('lists only live assignments of a user', async () => {
      const user = await addUser(t, ['member']);
      const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      expect((await assign(t.token, user.id, { role: 'viewer', expiresAt: until })).status).toBe(201);
      const custom = await newCustomRole(t.token, ['tenant:read'], 'listed');
      expect((await assign(t.token, user.id, { role: custom.id })).status).toBe(201);

      const all = await assignments(t.token, user.id);
      expect(all.map((a) => a.roleKey).sort()).toEqual(sorted([custom.key, 'member', 'viewer']));
      expect(all.find((a) => a.roleKey === 'member')).toMatchObject({ expiresAt: null, grantedBy: null });
      expect(all.find((a) => a.roleKey === custom.key)).toMatchObject({
        roleId: custom.id,
        roleName: custom.name,
        expiresAt: null,
        grantedBy: adminId,
      });
      expect(new Date(all.find((a) => a.roleKey === 'viewer')!.expiresAt!).toISOString()).toBe(until);

      await expireAssignment(t, user.id, 'viewer');
      expect((await assignments(t.token, user.id)).map((a) => a.roleKey).sort()).toEqual(sorted([custom.key, 'member']));

      expect((await unassign(t.token, user.id, custom.key)).status).toBe(204);
      expect((await assignments(t.token, user.id)).map((a) => a.roleKey)).toEqual(['member']);
      expectProblem(await unassign(t.token, user.id, custom.key), 404, 'NOT_FOUND');
      expectProblem(await api.call('GET', `/api/v1/users/${randomUUID()}/roles`, { token: t.token }), 404, 'NOT_FOUND');
    });
  });

  describe('the last admin', () => {
    it('cannot lose tenant_admin while nobody else holds it permanently', async () => {
      const solo = await createTenant(api, root);
      const admin = await me(solo.token);
      const adminRole = (await listRoles(solo.token)).body.items.find((r) => r.key === 'tenant_admin')!;
      expectProblem(await unassign(solo.token, admin.id, 'tenant_admin'), 409, 'LAST_ADMIN');
      expectProblem(await unassign(solo.token, admin.id, adminRole.id), 409, 'LAST_ADMIN');
      expect((await me(solo.token)).roles).toEqual(['tenant_admin']);
      expect(await permanentAdmins(solo)).toEqual([admin.id]);

      // An admin whose assignment expires does not count.
      const temporary = await addUser(solo);
      const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      expect((await assign(solo.token, temporary.id, { role: 'tenant_admin', expiresAt: until })).status).toBe(201);
      expectProblem(await unassign(solo.token, admin.id, 'tenant_admin'), 409, 'LAST_ADMIN');
      expectProblem(await unassign(temporary.token, admin.id, 'tenant_admin'), 409, 'LAST_ADMIN');
      expect(await permanentAdmins(solo)).toEqual([admin.id]);

      // Nor does a deactivated one.
      const gone = await addUser(solo, ['tenant_admin']);
      const deactivated = await api.call('POST', `/api/v1/users/${gone.id}/deactivate`, { token: solo.token });
      expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
      expectProblem(await unassign(solo.token, admin.id, 'tenant_admin'), 409, 'LAST_ADMIN');
      expect((await me(solo.token)).roles).toEqual(['tenant_admin']);
    });

    it('can lose tenant_admin when a second permanent admin remains', async () => {
      const pair = await createTenant(api, root);
      const first = await me(pair.token);
      const second = await addUser(pair, ['tenant_admin']);
      const adminRole = (await listRoles(pair.token)).body.items.find((r) => r.key === 'tenant_admin')!;

      expect((await unassign(pair.token, second.id, adminRole.id)).status).toBe(204);
      expect(await permissionsOf(second.token)).toEqual([]);
      expect((await assign(pair.token, second.id, { role: 'tenant_admin' })).status).toBe(201);

      // The first admin steps down on their own; the second remains.
      expect((await unassign(pair.token, first.id, 'tenant_admin')).status).toBe(204);
      expect(await permanentAdmins(pair)).toEqual([second.id]);
      expectProblem(await api.call('GET', '/api/v1/users', { token: pair.token }), 403, 'FORBIDDEN');
      expectProblem(await unassign(second.token, second.id, 'tenant_admin'), 409, 'LAST_ADMIN');
      expect(sorted(await permissionsOf(second.token))).toEqual(sorted(ALL_PERMISSIONS));
    });

    it('lets exactly one of two admins removing each other at the same time succeed', async () => {
      const race = await createTenant(api, root);
      const a = { ...(await me(race.token)), token: race.token };
      const b = await addUser(race, ['tenant_admin']);
      // Both keep roles:manage whatever happens to tenant_admin, so both requests reach the rule.
      const helper = await newCustomRole(race.token, ['roles:read', 'roles:manage'], 'admin_helper');
      // Nobody assigns themselves a role: each admin gives it to the other.
      expect((await assign(b.token, a.id, { role: helper.id })).status).toBe(201);
      expect((await assign(race.token, b.id, { role: helper.id })).status).toBe(201);

      for (let round = 0; round < 8; round++) {
        const [byA, byB] = await Promise.all([unassign(a.token, b.id, 'tenant_admin'), unassign(b.token, a.id, 'tenant_admin')]);
        const outcome = `round ${round}: ${byA.status} ${JSON.stringify(byA.body)} / ${byB.status} ${JSON.stringify(byB.body)}`;
        // One wins; the other is refused, having lost tenant_admin meanwhile (FORBIDDEN) or being
        // the last admin left (LAST_ADMIN). Never both, never neither.
        const statuses = [byA.status, byB.status].sort();
        expect(statuses[0], outcome).toBe(204);
        const loser = byA.status === 204 ? byB : byA;
        expect(['403 FORBIDDEN', '409 LAST_ADMIN'], outcome).toContain(`${loser.status} ${loser.body.code}`);
        const [survivor, other] = byA.status === 204 ? [a, b] : [b, a];
        expect(await permanentAdmins(race), outcome).toEqual([survivor.id]);
        const admins = await api.call('GET', '/api/v1/users?role=tenant_admin', { token: survivor.token });
        expect(admins.body.items.map((u: { id: string }) => u.id)).toEqual([survivor.id]);
        expect((await assign(survivor.token, other.id, { role: 'tenant_admin' })).status).toBe(201);
        expect(await permanentAdmins(race)).toEqual(sorted([a.id, b.id]));
      }
    });

    it('cannot turn the only permanent admin into a temporary one', async () => {
      const solo = await createTenant(api, root);
      const admin = await me(solo.token);
      const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      expectProblem(await assign(solo.token, admin.id, { role: 'tenant_admin', expiresAt: until }), 409, 'LAST_ADMIN');
      expect((await assignments(solo.token, admin.id)).map((a) => [a.roleKey, a.expiresAt])).toEqual([['tenant_admin', null]]);

      // A second, temporary admin is not enough either.
      const other = await addUser(solo);
      expect((await assign(solo.token, other.id, { role: 'tenant_admin', expiresAt: until })).status).toBe(201);
      expectProblem(await assign(solo.token, admin.id, { role: 'tenant_admin', expiresAt: until }), 409, 'LAST_ADMIN');
      expect((await assignments(solo.token, admin.id)).map((a) => a.expiresAt)).toEqual([null]);

      // Once the other is permanent, it works.
      expect((await assign(solo.token, other.id, { role: 'tenant_admin' })).status).toBe(201);
      const temporary = await assign(solo.token, admin.id, { role: 'tenant_admin', expiresAt: until });
      expect(temporary.status, JSON.stringify(temporary.body)).toBe(201);
      expect(new Date(temporary.body.expiresAt!).toISOString()).toBe(until);
      expect(await permanentAdmins(solo)).toEqual([other.id]);
    });
  });
});
