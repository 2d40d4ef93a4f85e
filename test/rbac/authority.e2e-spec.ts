import { Controller, Module, Post } from '@nestjs/common';
import {
  ALL_PERMISSIONS,
  ALLOW_WHILE_IMPERSONATING,
  Authenticated,
  CHANGES_AUTHORITY,
  ChangesAuthority,
  Permission,
  POLICY,
  RoutePolicy,
  SYSTEM_ROLES,
  SystemRoleKey,
} from '@stratum/rbac';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { sweepRoutes } from '../support/routes';
import { expectProblem } from '../support/problems';

const PASSWORD = 'amber-falcon-orchard-42';
const SYSTEM_KEYS = Object.keys(SYSTEM_ROLES) as SystemRoleKey[];
const schemaOf = (tenantId: string) => `"t_${tenantId.replace(/-/g, '')}"`;
const hex = () => randomBytes(4).toString('hex');
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** A route that changes authority but never asks the decision point: it must fail, not commit. */
@Controller('test-unchecked-authority')
class UncheckedAuthorityController {
  @Post()
  @Authenticated()
  @ChangesAuthority()
  change() {
    return { changed: true };
  }
}

@Module({ controllers: [UncheckedAuthorityController] })
class UncheckedAuthorityModule {}

type Op = 'assign' | 'unassign' | 'extend' | 'editRole' | 'deleteRole' | 'deactivate' | 'reactivate' | 'breakGlass' | 'unlock';
const OPS: Op[] = ['assign', 'unassign', 'extend', 'editRole', 'deleteRole', 'deactivate', 'reactivate', 'breakGlass', 'unlock'];
const ROLE_OPS = new Set<Op>(['assign', 'unassign', 'extend', 'editRole', 'deleteRole']);
/** The permission each operation's route requires. */
const ROUTE_PERMISSION: Record<Op, Permission> = {
  assign: 'roles:manage',
  unassign: 'roles:manage',
  extend: 'roles:manage',
  editRole: 'roles:manage',
  deleteRole: 'roles:manage',
  deactivate: 'users:delete',
  reactivate: 'users:delete',
  breakGlass: 'users:update',
  unlock: 'users:update',
};
const SUCCESS: Record<Op, number> = {
  assign: 201,
  unassign: 204,
  extend: 201,
  editRole: 200,
  deleteRole: 204,
  deactivate: 200,
  reactivate: 200,
  breakGlass: 200,
  unlock: 204,
};

interface Actor {
  name: string;
  kind: 'user' | 'api_key' | 'impersonation';
  permissions: ReadonlySet<Permission>;
  isTenantAdmin: boolean;
  headers: Record<string, string>;
}

/**
 * The rule, written independently of the code: what an actor may do to a target holding `role`.
 * Returns the expected status and code.
 */
function oracle(actor: Actor, op: Op, role: SystemRoleKey): { status: number; code?: string } {
  if (actor.kind === 'impersonation') return { status: 403, code: 'IMPERSONATION_FORBIDDEN' };
  const refused = { status: 403, code: 'FORBIDDEN' };
  if (!actor.permissions.has(ROUTE_PERMISSION[op])) return refused;
  if (actor.kind === 'api_key' && ROLE_OPS.has(op)) return refused; // roles are managed by people
  if (op === 'breakGlass' && !actor.isTenantAdmin) return refused;
  if (role === 'tenant_admin' && !actor.isTenantAdmin) return refused;
  if (!SYSTEM_ROLES[role].every((p) => actor.permissions.has(p))) return refused;
  return { status: SUCCESS[op] };
}

/**
 * Authority integrity: nobody grants, keeps, strips or leaves behind more authority than they
 * hold. A table over actors × targets × operations against the real app, an independent oracle
 * for the expected answer, and the state read back from PostgreSQL after each request.
 */
describe('authority', () => {
  let api: TestApi;
  let root: string;
  let pg: Client;
  let t: TestTenant;
  let schema: string;
  const roleIds = new Map<string, string>();
  const actors: Actor[] = [];

  const sql = async (text: string, params: unknown[] = []) => (await pg.query(text, params)).rows;
  const call = (actor: Actor | string, method: string, path: string, body?: unknown) =>
    api.call(method, path, typeof actor === 'string' ? { token: actor, body } : { headers: actor.headers, body });

  /** A tenant user created behind the API's back (fast fixtures), holding `role` if given. */
  const plantUser = async (role?: string, opts: { expiresAt?: string; status?: string; locked?: boolean } = {}) => {
    const [{ id }] = await sql(
      `INSERT INTO ${schema}.users (email, name, status, locked_until) VALUES ($1, 'Target', $2, $3) RETURNING id`,
      [`target.${hex()}@people.test`, opts.status ?? 'active', opts.locked ? new Date(Date.now() + 3_600_000) : null],
    );
    if (role) {
      await sql(`INSERT INTO ${schema}.user_roles (user_id, role_id, expires_at) VALUES ($1, $2, $3)`, [
        id,
        roleIds.get(role),
        opts.expiresAt ?? null,
      ]);
    }
    return id as string;
  };
  const customRole = async (permissions: readonly string[], prefix = 'like') => {
    const key = `${prefix}_${hex()}`;
    const [{ id }] = await sql(`INSERT INTO ${schema}.roles (key, name, permissions) VALUES ($1, $2, $3) RETURNING id`, [
      key,
      `Role ${key}`,
      permissions,
    ]);
    return { id: id as string, key };
  };
  const rolesOf = async (userId: string) =>
    (
      await sql(
        `SELECT r.key, ur.expires_at FROM ${schema}.user_roles ur JOIN ${schema}.roles r ON r.id = ur.role_id WHERE ur.user_id = $1 ORDER BY r.key`,
        [userId],
      )
    ).map((r) => `${r.key}${r.expires_at ? `@${new Date(r.expires_at).toISOString()}` : ''}`);
  const userState = async (userId: string) => {
    const [u] = await sql(`SELECT status, is_break_glass, locked_until > now() AS locked FROM ${schema}.users WHERE id = $1`, [
      userId,
    ]);
    return `${u.status} breakGlass=${u.is_break_glass} locked=${!!u.locked}`;
  };

  /** A signed-in tenant user holding the given system roles and custom permissions. */
  const addActor = async (name: string, systemRoles: SystemRoleKey[], custom: readonly Permission[] = []): Promise<Actor> => {
    const email = `${name}.${hex()}@people.test`;
    const created = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email, name, password: PASSWORD, roles: systemRoles },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (custom.length) {
      const role = await api.call('POST', '/api/v1/roles', {
        token: t.token,
        body: { key: `${name.replace(/[^a-z]/g, '_')}_${hex()}`, name, permissions: custom },
      });
      expect(role.status, JSON.stringify(role.body)).toBe(201);
      const given = await api.call('POST', `/api/v1/users/${created.body.id}/roles`, {
        token: t.token,
        body: { role: role.body.key },
      });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
    }
    const permissions = new Set<Permission>([...systemRoles.flatMap((r) => SYSTEM_ROLES[r]), ...custom]);
    const token = await login(api, t.slug, email, PASSWORD);
    return {
      name,
      kind: 'user',
      permissions,
      isTenantAdmin: systemRoles.includes('tenant_admin'),
      headers: { authorization: `Bearer ${token}`, 'x-user-id': created.body.id },
    };
  };

  beforeAll(async () => {
    api = await startApi({}, [UncheckedAuthorityModule]);
    root = await superAdminToken(api);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    t = await createTenant(api, root);
    schema = schemaOf(t.id);
    const tuned = await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
      token: root,
      body: { limitOverrides: { seats: 100_000 }, settings: { supportAccess: 'always' } },
    });
    expect(tuned.status, JSON.stringify(tuned.body)).toBe(200);
    for (const r of await sql(`SELECT id, key FROM ${schema}.roles WHERE is_system`)) roleIds.set(r.key, r.id);

    for (const role of SYSTEM_KEYS) actors.push(await addActor(role, [role]));
    actors.push(await addActor('only-roles-manage', [], ['roles:manage']));
    actors.push(await addActor('only-users-update', [], ['users:update']));
    actors.push(await addActor('only-users-delete', [], ['users:delete']));
    // Everything every role but tenant_admin holds, and the rights to manage people: a delegate.
    const delegate = [
      ...new Set([
        ...SYSTEM_KEYS.filter((r) => r !== 'tenant_admin').flatMap((r) => SYSTEM_ROLES[r]),
        'roles:manage',
        'users:update',
        'users:delete',
      ] as Permission[]),
    ];
    actors.push(await addActor('delegate', [], delegate));

    // An admin's API key with every scope but one: not a tenant admin.
    const scopes = ALL_PERMISSIONS.filter((p) => p !== 'sso:manage');
    const key = await api.call('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'matrix', scopes } });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    actors.push({
      name: 'api-key',
      kind: 'api_key',
      permissions: new Set(scopes),
      isTenantAdmin: false,
      headers: { 'x-api-key': key.body.secret },
    });

    // Platform staff acting as a tenant admin, in write mode.
    const adminId = actors[0].headers['x-user-id'];
    const imp = await api.call('POST', '/api/v1/platform/impersonations', {
      token: root,
      body: { tenantId: t.id, userId: adminId, reason: 'Ticket 9000: authority matrix', mode: 'write' },
    });
    expect(imp.status, JSON.stringify(imp.body)).toBe(201);
    actors.push({
      name: 'impersonation',
      kind: 'impersonation',
      permissions: new Set(ALL_PERMISSIONS),
      isTenantAdmin: true,
      headers: { authorization: `Bearer ${imp.body.accessToken}` },
    });
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  /** Runs one operation of `actor` on a fresh target holding `role`; returns the reply and the state before and after. */
  async function run(actor: Actor, op: Op, role: SystemRoleKey) {
    switch (op) {
      case 'assign': {
        const target = await plantUser();
        const res = await call(actor, 'POST', `/api/v1/users/${target}/roles`, { role });
        return { res, after: await rolesOf(target), unchanged: [] as string[], changed: [role] };
      }
      case 'unassign': {
        const target = await plantUser(role);
        const res = await call(actor, 'DELETE', `/api/v1/users/${target}/roles/${role}`);
        return { res, after: await rolesOf(target), unchanged: [role], changed: [] as string[] };
      }
      case 'extend': {
        const until = inHours(1);
        const target = await plantUser(role, { expiresAt: until });
        const before = await rolesOf(target);
        const later = inHours(2);
        const res = await call(actor, 'POST', `/api/v1/users/${target}/roles`, { role, expiresAt: later });
        return { res, after: await rolesOf(target), unchanged: before, changed: [`${role}@${later}`] };
      }
      case 'editRole':
      case 'deleteRole': {
        const like = await customRole(SYSTEM_ROLES[role]);
        const res =
          op === 'editRole'
            ? await call(actor, 'PATCH', `/api/v1/roles/${like.id}`, { name: 'Renamed', permissions: [...SYSTEM_ROLES[role]] })
            : await call(actor, 'DELETE', `/api/v1/roles/${like.id}`);
        const [row] = await sql(`SELECT name FROM ${schema}.roles WHERE id = $1`, [like.id]);
        const after = [row ? row.name : 'deleted'];
        return { res, after, unchanged: [`Role ${like.key}`], changed: [op === 'editRole' ? 'Renamed' : 'deleted'] };
      }
      case 'deactivate': {
        const target = await plantUser(role);
        const res = await call(actor, 'POST', `/api/v1/users/${target}/deactivate`);
        return {
          res,
          after: [await userState(target)],
          unchanged: ['active breakGlass=false locked=false'],
          changed: ['deactivated breakGlass=false locked=false'],
        };
      }
      case 'reactivate': {
        const target = await plantUser(role, { status: 'deactivated' });
        await sql(`UPDATE ${schema}.users SET password_hash = 'x' WHERE id = $1`, [target]);
        const res = await call(actor, 'POST', `/api/v1/users/${target}/reactivate`);
        return {
          res,
          after: [await userState(target)],
          unchanged: ['deactivated breakGlass=false locked=false'],
          changed: ['active breakGlass=false locked=false'],
        };
      }
      case 'breakGlass': {
        const target = await plantUser(role);
        const res = await call(actor, 'PATCH', `/api/v1/users/${target}`, { isBreakGlass: true });
        const after = [await userState(target)];
        // Keep within the tenant's three break-glass accounts for the next cells.
        await sql(`UPDATE ${schema}.users SET is_break_glass = false WHERE id = $1`, [target]);
        return {
          res,
          after,
          unchanged: ['active breakGlass=false locked=false'],
          changed: ['active breakGlass=true locked=false'],
        };
      }
      case 'unlock': {
        const target = await plantUser(role, { locked: true });
        const res = await call(actor, 'POST', `/api/v1/users/${target}/unlock`);
        return {
          res,
          after: [await userState(target)],
          unchanged: ['active breakGlass=false locked=true'],
          changed: ['active breakGlass=false locked=false'],
        };
      }
    }
  }

  it('answers every actor × target × operation as the dominance rule says, and changes state only when allowed', async () => {
    const mismatches: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const actor of actors) {
      for (const role of SYSTEM_KEYS) {
        for (const op of OPS) {
          const want = oracle(actor, op, role);
          const { res, after, unchanged, changed } = await run(actor, op, role);
          const cell = `${actor.name} ${op} ${role}`;
          if (res.status !== want.status || (want.code && res.body?.code !== want.code)) {
            mismatches.push(`${cell}: expected ${want.status} ${want.code ?? ''}, got ${res.status} ${JSON.stringify(res.body)}`);
            continue;
          }
          const expectedState = want.status < 300 ? changed : unchanged;
          if (JSON.stringify(after) !== JSON.stringify(expectedState)) {
            mismatches.push(`${cell}: state ${JSON.stringify(after)}, expected ${JSON.stringify(expectedState)}`);
          }
          if (want.status < 300) allowed++;
          else refused++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The table exercises both answers for people other than tenant admins.
    expect(allowed).toBeGreaterThan(40);
    expect(refused).toBeGreaterThan(200);
  });

  describe('findings reproduced', () => {
    it('a temporary tenant_admin cannot make itself permanent or extend itself, but may shorten', async () => {
      const temp = await addActor('temp-admin', []);
      const id = temp.headers['x-user-id'];
      const until = inHours(1);
      expect((await call(t.token, 'POST', `/api/v1/users/${id}/roles`, { role: 'tenant_admin', expiresAt: until })).status).toBe(
        201,
      );
      expectProblem(await call(temp, 'POST', `/api/v1/users/${id}/roles`, { role: 'tenant_admin' }), 403, 'FORBIDDEN');
      expectProblem(
        await call(temp, 'POST', `/api/v1/users/${id}/roles`, { role: 'tenant_admin', expiresAt: inHours(5) }),
        403,
        'FORBIDDEN',
      );
      expect(await rolesOf(id)).toEqual([`tenant_admin@${until}`]);
      const sooner = inHours(0.5);
      const shortened = await call(temp, 'POST', `/api/v1/users/${id}/roles`, { role: 'tenant_admin', expiresAt: sooner });
      expect(shortened.status, JSON.stringify(shortened.body)).toBe(201);
      expect(await rolesOf(id)).toEqual([`tenant_admin@${sooner}`]);

      // Nor can it leave a permanent admin behind: what it grants ends when its own authority does.
      const accomplice = await plantUser();
      expectProblem(await call(temp, 'POST', `/api/v1/users/${accomplice}/roles`, { role: 'tenant_admin' }), 403, 'FORBIDDEN');
      expectProblem(
        await call(temp, 'POST', `/api/v1/users/${accomplice}/roles`, { role: 'tenant_admin', expiresAt: inHours(3) }),
        403,
        'FORBIDDEN',
      );
      const within = await call(temp, 'POST', `/api/v1/users/${accomplice}/roles`, { role: 'viewer', expiresAt: inHours(0.25) });
      expect(within.status, JSON.stringify(within.body)).toBe(201);
      // Nor widen a role it holds for good with permissions it holds only for now.
      const kept = await customRole(['projects:read']);
      await sql(`INSERT INTO ${schema}.user_roles (user_id, role_id) VALUES ($1, $2)`, [id, kept.id]);
      expectProblem(
        await call(temp, 'PATCH', `/api/v1/roles/${kept.id}`, { permissions: ['projects:read', 'users:delete'] }),
        403,
        'FORBIDDEN',
      );
    });

    it('an API key acts within its owner\u2019s permissions now, not those its owner had when it was made', async () => {
      const owner = await addActor('key-owner', ['member'], ['api-keys:manage']);
      const ownerId = owner.headers['x-user-id'];
      expect(
        (await call(t.token, 'POST', `/api/v1/users/${ownerId}/roles`, { role: 'auditor', expiresAt: inHours(1) })).status,
      ).toBe(201);
      const key = await call(owner, 'POST', '/api/v1/api-keys', {
        name: 'while auditor',
        scopes: ['audit:read', 'projects:create'],
      });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
      const asKey = { ...owner, headers: { 'x-api-key': key.body.secret } };
      expect((await call(asKey, 'GET', '/api/v1/audit-events')).status).toBe(200);
      await sql(`UPDATE ${schema}.user_roles SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND role_id = $2`, [
        ownerId,
        roleIds.get('auditor'),
      ]);
      expectProblem(await call(asKey, 'GET', '/api/v1/audit-events'), 403, 'FORBIDDEN');
      expect((await call(asKey, 'POST', '/api/v1/projects', { name: `Via key ${hex()}` })).status).toBe(201);
      // Locked out or deleted owners' keys stop at once.
      await sql(`UPDATE ${schema}.users SET locked_until = now() + interval '1 hour' WHERE id = $1`, [ownerId]);
      expectProblem(await call(asKey, 'GET', '/api/v1/projects'), 401, 'UNAUTHENTICATED');
      await sql(`UPDATE ${schema}.users SET locked_until = NULL WHERE id = $1`, [ownerId]);
      expect((await call(asKey, 'POST', '/api/v1/projects', { name: `After unlock ${hex()}` })).status).toBe(201);
      await sql(`DELETE FROM ${schema}.users WHERE id = $1`, [ownerId]);
      expectProblem(await call(asKey, 'GET', '/api/v1/projects'), 401, 'UNAUTHENTICATED');
    });

    it('a roles:manage holder cannot strip tenant_admin, nor edit or delete roles beyond its permissions', async () => {
      const manager = actors.find((a) => a.name === 'only-roles-manage')!;
      const admin = await plantUser('tenant_admin');
      expectProblem(await call(manager, 'DELETE', `/api/v1/users/${admin}/roles/tenant_admin`), 403, 'FORBIDDEN');
      expect(await rolesOf(admin)).toEqual(['tenant_admin']);
      const strong = await customRole(['users:delete', 'audit:export']);
      expectProblem(
        await call(manager, 'PATCH', `/api/v1/roles/${strong.id}`, { name: 'Weakened', permissions: [] }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await call(manager, 'DELETE', `/api/v1/roles/${strong.id}`), 403, 'FORBIDDEN');
      expect((await sql(`SELECT permissions FROM ${schema}.roles WHERE id = $1`, [strong.id]))[0].permissions).toEqual([
        'users:delete',
        'audit:export',
      ]);
    });

    it('a users:delete holder cannot deactivate a tenant admin, whose sessions live on', async () => {
      const deleter = actors.find((a) => a.name === 'only-users-delete')!;
      const admin = await addActor('admin-target', ['tenant_admin']);
      expectProblem(await call(deleter, 'POST', `/api/v1/users/${admin.headers['x-user-id']}/deactivate`), 403, 'FORBIDDEN');
      expect((await call(admin, 'GET', '/api/v1/users/me')).status).toBe(200);
    });

    it('a directory:manage holder cannot revoke the directory token of a tenant admin, which acts with that admin\u2019s authority', async () => {
      const connector = await addActor('directory-connector', ['member'], ['directory:manage']);
      const admins = await call(t.token, 'POST', '/api/v1/directory-sync/tokens', { name: `Admin's ${hex()}` });
      expect(admins.status, JSON.stringify(admins.body)).toBe(201);
      expectProblem(await call(connector, 'DELETE', `/api/v1/directory-sync/tokens/${admins.body.id}`), 403, 'FORBIDDEN');
      const [kept] = await sql(`SELECT revoked_at FROM ${schema}.directory_tokens WHERE id = $1`, [admins.body.id]);
      expect(kept.revoked_at).toBeNull();
      // Its own token, acting within its own authority, it may revoke.
      const own = await call(connector, 'POST', '/api/v1/directory-sync/tokens', { name: `Own ${hex()}` });
      expect(own.status, JSON.stringify(own.body)).toBe(201);
      expect((await call(connector, 'DELETE', `/api/v1/directory-sync/tokens/${own.body.id}`)).status).toBe(204);
      // The tenant admin may revoke either.
      expect((await call(t.token, 'DELETE', `/api/v1/directory-sync/tokens/${admins.body.id}`)).status).toBe(204);
    });

    it('a users:update holder cannot make itself break-glass; a tenant admin can, up to three accounts, audited as critical', async () => {
      const updater = actors.find((a) => a.name === 'only-users-update')!;
      const self = updater.headers['x-user-id'];
      expectProblem(await call(updater, 'PATCH', `/api/v1/users/${self}`, { isBreakGlass: true }), 403, 'FORBIDDEN');
      expect(await userState(self)).toBe('active breakGlass=false locked=false');

      const glass = await createTenant(api, root, uniqueSlug('glass'));
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const u = await api.call('POST', '/api/v1/users', {
          token: glass.token,
          body: { email: `glass${i}.${hex()}@people.test`, name: `Glass ${i}`, password: PASSWORD },
        });
        expect(u.status, JSON.stringify(u.body)).toBe(201);
        ids.push(u.body.id);
      }
      for (const id of ids.slice(0, 3)) {
        const res = await api.call('PATCH', `/api/v1/users/${id}`, { token: glass.token, body: { isBreakGlass: true } });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.isBreakGlass).toBe(true);
      }
      const fourth = await api.call('PATCH', `/api/v1/users/${ids[3]}`, { token: glass.token, body: { isBreakGlass: true } });
      expectProblem(fourth, 403, 'BREAK_GLASS_LIMIT');
      expect(fourth.body).toMatchObject({ max: 3, current: 3 });
      const listed = await api.call('GET', '/api/v1/users?breakGlass=true', { token: glass.token });
      expect(listed.body.items.map((u: { id: string }) => u.id).sort()).toEqual(ids.slice(0, 3).sort());
      const events = await api.call('GET', `/api/v1/audit-events?action=user.break_glass.enabled`, { token: glass.token });
      expect(events.body.items).toHaveLength(3);
      expect(events.body.items.every((e: { severity: string }) => e.severity === 'critical')).toBe(true);
      // Taking the flag away frees a place.
      expect(
        (await api.call('PATCH', `/api/v1/users/${ids[0]}`, { token: glass.token, body: { isBreakGlass: false } })).status,
      ).toBe(200);
      expect(
        (await api.call('PATCH', `/api/v1/users/${ids[3]}`, { token: glass.token, body: { isBreakGlass: true } })).status,
      ).toBe(200);
    });

    it('a route that changes authority without asking the decision point fails instead of committing', async () => {
      expectProblem(await call(t.token, 'POST', '/api/v1/test-unchecked-authority'), 500, 'INTERNAL_ERROR');
    });
  });

  describe('route sweeps', () => {
    const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'];

    it('marks every tenant route that changes who may do what, and only those', () => {
      const routes = sweepRoutes(api).filter((r) => MUTATING.includes(r.method) && !r.path.includes('test-unchecked'));
      const marked = routes.filter((r) => r.meta(CHANGES_AUTHORITY)).map((r) => `${r.method} ${r.path}`);
      // Anything that gives, takes or rewrites authority: roles, assignments, users, credentials, grants.
      // The directory (SCIM) creates, changes and deactivates users and grants roles through groups; its
      // tokens and group-to-role mappings hand authority to it.
      const authorityPath =
        /^\/(api\/v1\/(roles|users|api-keys|projects\/:id\/grants|directory-sync\/(tokens|group-roles))|scim\/v2\/(Users|Groups))(\/|$)/;
      // Editing one's own profile (name, locale) changes nobody's authority.
      const exempt = new Set(['PATCH /api/v1/users/me']);
      const expected = routes
        .filter((r) => authorityPath.test(r.path) && !exempt.has(`${r.method} ${r.path}`))
        .map((r) => `${r.method} ${r.path}`);
      expect(marked.sort()).toEqual(expected.sort());
      expect(marked.length).toBeGreaterThanOrEqual(20);
    });

    it('opens under impersonation only the writes support needs', () => {
      const routes = sweepRoutes(api);
      const open = routes.filter((r) => MUTATING.includes(r.method) && r.meta(ALLOW_WHILE_IMPERSONATING));
      expect(open.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
        [
          'PATCH /api/v1/projects/:id',
          'PATCH /api/v1/projects/:projectId/documents/:documentId',
          'POST /api/v1/projects',
          'POST /api/v1/projects/:projectId/documents',
          'POST /api/v1/webhooks/messages/:id/retry',
        ].sort(),
      );
      // None of them changes authority, and each is a tenant route with a permission.
      for (const r of open) {
        expect(r.meta(CHANGES_AUTHORITY), r.name).toBeFalsy();
        expect(r.meta<RoutePolicy>(POLICY)?.kind, r.name).toBe('permissions');
      }
    });

    it('refuses every other tenant write to a writing impersonation, and every write to a reading one', async () => {
      const admin = actors[0];
      const read = await api.call('POST', '/api/v1/platform/impersonations', {
        token: root,
        body: { tenantId: t.id, userId: admin.headers['x-user-id'], reason: 'Ticket 9001: read only check' },
      });
      expect(read.status, JSON.stringify(read.body)).toBe(201);
      const write = actors.find((a) => a.kind === 'impersonation')!;
      const tenantWrites = sweepRoutes(api).filter(
        (r) => MUTATING.includes(r.method) && r.meta<RoutePolicy>(POLICY)?.kind === 'permissions',
      );
      expect(tenantWrites.length).toBeGreaterThan(40);
      for (const r of tenantWrites) {
        const path = r.path.replace(/:[A-Za-z]+/g, () => randomUUID());
        const body = r.method === 'DELETE' ? undefined : {};
        const asRead = await api.call(r.method, path, { token: read.body.accessToken, body });
        expect(asRead.status, `read ${r.method} ${r.path}: ${JSON.stringify(asRead.body)}`).toBe(403);
        expect(asRead.body.code, `read ${r.method} ${r.path}`).toBe('IMPERSONATION_FORBIDDEN');
        if (r.meta(ALLOW_WHILE_IMPERSONATING)) continue;
        const asWrite = await call(write, r.method, path, body);
        expect(asWrite.status, `write ${r.method} ${r.path}: ${JSON.stringify(asWrite.body)}`).toBe(403);
        expect(asWrite.body.code, `write ${r.method} ${r.path}`).toBe('IMPERSONATION_FORBIDDEN');
      }
    });
  });
});
