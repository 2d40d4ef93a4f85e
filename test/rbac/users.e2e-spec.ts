import { ALL_PERMISSIONS, SYSTEM_ROLES, SystemRoleKey } from '@stratum/rbac';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reply, TestApi } from '../support/api';
import { createTenant, login, TestTenant, uniqueSlug } from '../support/fixtures';
import { linkIn, TestSmtp } from '../support/smtp';
import { expectProblem } from '../support/problems';
import { MailStack, startMailStack } from '../support/stack';

const PASSWORD = 'amber-falcon-orchard-42';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const sorted = (xs: readonly string[]) => [...xs].sort();
/** A token to put in emails or names, so a `q` filter finds this test's users and no one else's. */
const newTag = () => `kq${randomBytes(4).toString('hex')}`;

interface UserBody {
  id: string;
  email: string;
  name: string;
  status: 'invited' | 'active' | 'deactivated';
  roles: string[];
  emailVerified: boolean;
  mfaEnabled: boolean;
  locked: boolean;
  isBreakGlass: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface BulkRow {
  index: number;
  email: string;
  status: 'invited' | 'failed';
  userId?: string;
  error?: { code: string; detail: string };
}

interface TestUser {
  id: string;
  email: string;
  token: string;
}

const fieldsOf = (res: Reply): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);

/**
 * User management: the filtered, sorted, paginated list, the caller's own profile, creating and
 * inviting (with the invitation email through the worker to a real SMTP server), deactivation
 * and reactivation, bulk invitations, the seat limit and the statistics.
 */
describe('users', () => {
  let stack: MailStack;
  let smtp: TestSmtp;
  let api: TestApi;
  let pg: Client;
  let root: string;
  let t: TestTenant;

  beforeAll(async () => {
    stack = await startMailStack();
    ({ smtp, api, pg, root } = stack);
    t = await createTenant(api, root);
  });

  afterAll(() => stack?.close());

  const createUser = (token: string, body: Record<string, unknown>) =>
    api.call<UserBody>('POST', '/api/v1/users', { token, body });
  /** An active user created through the API, logged in. */
  const addUser = async (tenant: TestTenant, roles: SystemRoleKey[], email = `${uniqueSlug('u')}@people.test`, name = 'User') => {
    const res = await createUser(tenant.token, { email, name, password: PASSWORD, roles });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id, email, token: await login(api, tenant.slug, email, PASSWORD) } satisfies TestUser;
  };
  /** An invited user created through the API (no password). */
  const inviteUser = async (
    tenant: TestTenant,
    roles: SystemRoleKey[],
    email = `${uniqueSlug('i')}@people.test`,
    name = 'Invitee',
  ) => {
    const res = await createUser(tenant.token, { email, name, roles });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('invited');
    return res.body;
  };
  const deactivate = (token: string, id: string) => api.call<UserBody>('POST', `/api/v1/users/${id}/deactivate`, { token });
  const reactivate = (token: string, id: string) => api.call<UserBody>('POST', `/api/v1/users/${id}/reactivate`, { token });
  const getUser = (token: string, id: string) => api.call<UserBody>('GET', `/api/v1/users/${id}`, { token });
  const tryLogin = (tenant: TestTenant, email: string, password = PASSWORD) =>
    api.call('POST', '/api/v1/auth/login', { tenant: tenant.slug, body: { email, password } });
  const bulk = (token: string, users: unknown[]) =>
    api.call<{ invited: number; failed: number; results: BulkRow[] }>('POST', '/api/v1/users/bulk', { token, body: { users } });
  const setLimits = async (tenant: TestTenant, body: Record<string, unknown>) => {
    const res = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, { token: root, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const stats = async (token: string) => {
    const res = await api.call('GET', '/api/v1/users/stats', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  /** Every page of a list, following nextCursor; fails on a repeated cursor (an endless walk). */
  const walk = async (token: string, query: string, limit: number): Promise<UserBody[]> => {
    const items: UserBody[] = [];
    const cursors = new Set<string>();
    let cursor: string | null = null;
    for (;;) {
      const path = `/api/v1/users?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res: Reply = await api.call('GET', path, { token });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return items;
      expect(cursors.has(cursor), `cursor repeated in ${query}`).toBe(false);
      cursors.add(cursor);
    }
  };
  const allOf = async (token: string, query: string) => walk(token, query, 100);

  describe('list', () => {
    let list: TestTenant;
    let tag: string;
    /** The users a `q=<tag>` search must find, with the order they were created in. */
    const fixtures: (UserBody & { seq: number })[] = [];

    beforeAll(async () => {
      list = await createTenant(api, root);
      tag = newTag();
      const domain = `${list.slug}.test`;
      // Emails differ in their first two letters, names in the letters after "Delta ", so every
      // collation orders them alike; three names tie, to exercise the id tiebreaker.
      const specs: { email: string; name: string; roles: SystemRoleKey[]; status: UserBody['status'] }[] = [
        { email: `bd${tag}@${domain}`, name: 'Delta Ab', roles: ['viewer'], status: 'active' },
        { email: `ba${tag}@${domain}`, name: 'Delta Aa', roles: ['member'], status: 'invited' },
        { email: `bf${tag}@${domain}`, name: 'Delta Ac', roles: ['member'], status: 'active' },
        { email: `bc${tag}@${domain}`, name: 'Delta Ac', roles: ['viewer'], status: 'deactivated' },
        { email: `be${tag}@${domain}`, name: 'Delta Ae', roles: ['project_manager'], status: 'active' },
        { email: `bb${tag}@${domain}`, name: 'Delta Ac', roles: ['viewer'], status: 'invited' },
        // Found by name only, whatever the case of the search.
        {
          email: `bg${randomBytes(4).toString('hex')}@${domain}`,
          name: `Delta Ad ${tag.toUpperCase()}`,
          roles: ['viewer'],
          status: 'active',
        },
      ];
      let seq = 0;
      for (const spec of specs) {
        const res = await createUser(list.token, {
          email: spec.email,
          name: spec.name,
          roles: spec.roles,
          ...(spec.status === 'invited' ? {} : { password: PASSWORD }),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        let user = res.body;
        if (spec.status === 'deactivated') {
          const off = await deactivate(list.token, user.id);
          expect(off.status).toBe(200);
          user = off.body;
        }
        expect(user.status).toBe(spec.status);
        fixtures.push({ ...user, seq: seq++ });
      }
      // Three more in one request: they share a creation time, so the id breaks the tie.
      const batch = await bulk(list.token, [
        { email: `bj${tag}@${domain}`, name: 'Delta Af', roles: ['member'] },
        { email: `bh${tag}@${domain}`, name: 'Delta Af', roles: ['member'] },
        { email: `bi${tag}@${domain}`, name: 'Delta Ag', roles: ['member'] },
      ]);
      expect(batch.status, JSON.stringify(batch.body)).toBe(200);
      expect(batch.body.invited).toBe(3);
      for (const row of batch.body.results) {
        const user = await getUser(list.token, row.userId!);
        fixtures.push({ ...user.body, seq });
      }
      // Someone the search must not find.
      await addUser(list, ['viewer'], `bk${randomBytes(4).toString('hex')}@${domain}`, 'Delta Zz');
    });

    const ids = (users: { id: string }[]) => users.map((u) => u.id);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const by = (key: 'email' | 'name') => (a: UserBody, b: UserBody) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : byId(a, b));

    it('finds users by a case-insensitive substring of email or name', async () => {
      const found = await allOf(list.token, `q=${tag}`);
      expect(sorted(ids(found))).toEqual(sorted(ids(fixtures)));
      const upper = await allOf(list.token, `q=${tag.toUpperCase()}`);
      expect(sorted(ids(upper))).toEqual(sorted(ids(fixtures)));
      const byName = await allOf(list.token, `q=${encodeURIComponent(`delta ad ${tag}`)}`);
      expect(ids(byName)).toEqual(ids(fixtures.filter((u) => u.name.startsWith('Delta Ad'))));
      const byEmail = await allOf(list.token, `q=${encodeURIComponent(`BE${tag}@`)}`);
      expect(ids(byEmail)).toEqual(ids(fixtures.filter((u) => u.email.startsWith('be'))));
      // LIKE wildcards are taken literally.
      expect(await allOf(list.token, `q=${encodeURIComponent(`${tag}%`)}`)).toEqual([]);
      expect(await allOf(list.token, `q=${encodeURIComponent(`b_${tag}`)}`)).toEqual([]);
      // The list shows each user's current roles.
      for (const user of found) expect(user.roles).toEqual(fixtures.find((f) => f.id === user.id)!.roles);
    });

    it('filters by status and by role, alone and together', async () => {
      for (const status of ['active', 'invited', 'deactivated'] as const) {
        const found = await allOf(list.token, `q=${tag}&status=${status}`);
        const expected = fixtures.filter((u) => u.status === status);
        expect(expected.length, status).toBeGreaterThan(0);
        expect(sorted(ids(found)), status).toEqual(sorted(ids(expected)));
        for (const user of found) expect(user.status).toBe(status);
      }
      for (const role of ['viewer', 'member', 'project_manager', 'auditor'] as const) {
        const found = await allOf(list.token, `q=${tag}&role=${role}`);
        expect(sorted(ids(found)), role).toEqual(sorted(ids(fixtures.filter((u) => u.roles.includes(role)))));
      }
      const both = await allOf(list.token, `q=${tag}&status=active&role=viewer`);
      expect(sorted(ids(both))).toEqual(sorted(ids(fixtures.filter((u) => u.status === 'active' && u.roles.includes('viewer')))));
      expect(both.length).toBe(2);
      const admins = await allOf(list.token, 'role=tenant_admin');
      expect(admins.map((u) => u.email)).toEqual([list.admin.email]);
      for (const bad of ['status=gone', 'role=Not-A-Role', 'sort=password', 'limit=0', 'limit=101', 'cursor=garbage!!']) {
        expectProblem(await api.call('GET', `/api/v1/users?${bad}`, { token: list.token }), 400, 'VALIDATION_FAILED');
      }
    });

    it.each([
      ['email', (us: UserBody[]) => [...us].sort(by('email'))],
      ['-email', (us: UserBody[]) => [...us].sort(by('email')).reverse()],
      ['name', (us: UserBody[]) => [...us].sort(by('name'))],
      ['-name', (us: UserBody[]) => [...us].sort(by('name')).reverse()],
      ['createdAt', (us: (UserBody & { seq: number })[]) => [...us].sort((a, b) => a.seq - b.seq || byId(a, b))],
      ['-createdAt', (us: (UserBody & { seq: number })[]) => [...us].sort((a, b) => a.seq - b.seq || byId(a, b)).reverse()],
    ] as const)('sorts by %s and walks every page without gaps or repeats', async (sort, order) => {
      const expected = ids(order(fixtures));
      for (const limit of [1, 2, 3, 100]) {
        const walked = await walk(list.token, `q=${tag}&sort=${sort}`, limit);
        expect(ids(walked), `sort=${sort} limit=${limit}`).toEqual(expected);
      }
      // A filtered walk keeps the order too.
      const invited = await walk(list.token, `q=${tag}&status=invited&sort=${sort}`, 1);
      expect(ids(invited)).toEqual(expected.filter((id) => fixtures.find((u) => u.id === id)!.status === 'invited'));
    });

    it('sorts newest first by default', async () => {
      const walked = await walk(list.token, `q=${tag}`, 4);
      expect(ids(walked)).toEqual(ids([...fixtures].sort((a, b) => a.seq - b.seq || byId(a, b)).reverse()));
    });
  });

  describe('the caller', () => {
    it('GET /users/me shows the caller with effective permissions and tenant; PATCH changes the name only', async () => {
      const admin = await api.call<UserBody & { permissions: string[]; tenant: unknown }>('GET', '/api/v1/users/me', {
        token: t.token,
      });
      expect(admin.status).toBe(200);
      expect(admin.body).toMatchObject({
        id: expect.stringMatching(UUID),
        email: t.admin.email,
        status: 'active',
        roles: ['tenant_admin'],
        tenant: { id: t.id, slug: t.slug, name: `Tenant ${t.slug}` },
      });
      expect(admin.body.permissions).toEqual(sorted(ALL_PERMISSIONS));

      const viewer = await addUser(t, ['viewer', 'member'], undefined, 'Vera Viewer');
      const mine = await api.call('GET', '/api/v1/users/me', { token: viewer.token });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ id: viewer.id, email: viewer.email, name: 'Vera Viewer', roles: ['member', 'viewer'] });
      expect(mine.body.permissions).toEqual(sorted([...new Set([...SYSTEM_ROLES.viewer, ...SYSTEM_ROLES.member])]));
      expect(mine.body.tenant).toEqual({ id: t.id, slug: t.slug, name: `Tenant ${t.slug}` });

      const renamed = await api.call('PATCH', '/api/v1/users/me', { token: viewer.token, body: { name: '  Vera Renamed  ' } });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      expect(renamed.body).toMatchObject({ id: viewer.id, name: 'Vera Renamed', email: viewer.email });
      expect(renamed.body.permissions).toEqual(mine.body.permissions);
      expect((await getUser(t.token, viewer.id)).body.name).toBe('Vera Renamed');

      // Nothing but the name: not the email, status, roles or break-glass flag.
      for (const body of [
        { email: 'new@people.test' },
        { status: 'deactivated' },
        { roles: ['tenant_admin'] },
        { isBreakGlass: true },
        { name: '' },
      ]) {
        const res = await api.call('PATCH', '/api/v1/users/me', { token: viewer.token, body });
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
      const after = (await getUser(t.token, viewer.id)).body;
      expect(after).toMatchObject({
        email: viewer.email,
        status: 'active',
        roles: ['member', 'viewer'],
        isBreakGlass: false,
        name: 'Vera Renamed',
      });
    });
  });

  describe('creating users', () => {
    it('creates an active user with a password, who can log in at once', async () => {
      const local = `Carol.${randomBytes(3).toString('hex')}`;
      const res = await createUser(t.token, { email: `  ${local}@People.Test `, name: ' Carol ', password: PASSWORD });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const email = `${local.toLowerCase()}@people.test`;
      expect(res.body).toMatchObject({
        id: expect.stringMatching(UUID),
        email,
        name: 'Carol',
        status: 'active',
        roles: ['member'],
        mfaEnabled: false,
        locked: false,
        lastLoginAt: null,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      const token = await login(api, t.slug, email, PASSWORD);
      const me = await api.call('GET', '/api/v1/users/me', { token });
      expect(me.body.id).toBe(res.body.id);
      expect(me.body.permissions).toEqual(['projects:create']);

      const withRoles = await createUser(t.token, {
        email: `${uniqueSlug('r')}@people.test`,
        name: 'Two roles',
        password: PASSWORD,
        roles: ['viewer', 'auditor'],
      });
      expect(withRoles.status).toBe(201);
      expect(withRoles.body.roles).toEqual(['auditor', 'viewer']);
    });

    it('invites a user created without a password by email; the link activates the account', async () => {
      const email = `${uniqueSlug('inv')}@people.test`;
      const res = await createUser(t.token, { email, name: 'Ivy', roles: ['viewer'] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ email, name: 'Ivy', status: 'invited', roles: ['viewer'] });
      expectProblem(await tryLogin(t, email), 401, 'INVALID_CREDENTIALS');

      const mail = await smtp.waitFor(email, (m) => m.subject === `You are invited to Tenant ${t.slug}`);
      const link = linkIn(mail, '/accept-invitation');
      expect(link.searchParams.get('tenant')).toBe(t.slug);
      const accepted = await api.call('POST', '/api/v1/auth/invitations/accept', {
        tenant: t.slug,
        body: { token: link.searchParams.get('token'), password: PASSWORD },
      });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect((await tryLogin(t, email)).status).toBe(200);
      expect((await getUser(t.token, res.body.id)).body).toMatchObject({ status: 'active', roles: ['viewer'] });
    });

    it('refuses a weak password (400) and a duplicate email (409), creating nothing', async () => {
      const tag = newTag();
      const email = `weak.${tag}@people.test`;
      for (const password of ['short-pw', 'qwerty123456', `my-weak.${tag}-password`]) {
        const res = await createUser(t.token, { email, name: 'Weak', password });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res), password).toContain('password');
      }
      expect(await allOf(t.token, `q=${tag}`)).toEqual([]);

      const first = await addUser(t, ['member'], `dup.${tag}@people.test`);
      for (const body of [
        { email: first.email, name: 'Again', password: PASSWORD },
        { email: first.email.toUpperCase(), name: 'Again, louder', password: PASSWORD },
        { email: first.email, name: 'Invited again' },
      ]) {
        expectProblem(await createUser(t.token, body), 409, 'CONFLICT');
      }
      const found = await allOf(t.token, `q=${tag}`);
      expect(found.map((u) => [u.id, u.name])).toEqual([[first.id, 'User']]);
      expectProblem(await createUser(t.token, { email: 'not-an-email', password: PASSWORD }), 400, 'VALIDATION_FAILED');
      expectProblem(await createUser(t.token, { email: `r.${tag}@people.test`, roles: ['owner'] }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('deactivation', () => {
    it('ends the user\u2019s access and their API keys at once; reactivation restores login but not the keys', async () => {
      const email = `${uniqueSlug('leaver')}@people.test`;
      const created = await createUser(t.token, { email, name: 'Leaver', password: PASSWORD, roles: ['tenant_admin'] });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const session = await tryLogin(t, email);
      expect(session.status).toBe(200);
      const { accessToken, refreshToken } = session.body;
      const key = await api.call('POST', '/api/v1/api-keys', {
        token: accessToken,
        body: { name: 'leaver key', scopes: ['projects:read'] },
      });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
      const adminKey = await api.call('POST', '/api/v1/api-keys', {
        token: t.token,
        body: { name: 'admin key', scopes: ['projects:read'] },
      });
      expect(adminKey.status).toBe(201);
      const withKey = () => api.call('GET', '/api/v1/projects', { headers: { 'x-api-key': key.body.secret } });
      const flags = async () => {
        const res = await api.call('GET', '/api/v1/api-keys', { token: t.token });
        expect(res.status).toBe(200);
        const of = (keyId: string) => {
          const k = res.body.items.find((k: { id: string }) => k.id === keyId);
          return `${k.status}${k.flagged ? ' flagged' : ''}`;
        };
        return [of(key.body.id), of(adminKey.body.id)];
      };
      expect((await api.call('GET', '/api/v1/users/me', { token: accessToken })).status).toBe(200);
      expect((await withKey()).status).toBe(200);
      expect(await flags()).toEqual(['active', 'active']);

      const off = await deactivate(t.token, id);
      expect(off.status, JSON.stringify(off.body)).toBe(200);
      expect(off.body).toMatchObject({ id, status: 'deactivated' });

      expectProblem(await api.call('GET', '/api/v1/users/me', { token: accessToken }), 401, 'UNAUTHENTICATED');
      expectProblem(await api.call('GET', '/api/v1/projects', { token: accessToken }), 401, 'UNAUTHENTICATED');
      expectProblem(
        await api.call('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken } }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(await tryLogin(t, email), 401, 'INVALID_CREDENTIALS');
      // A key never outlives its owner's access.
      expectProblem(await withKey(), 401, 'UNAUTHENTICATED');
      expect(await flags()).toEqual(['suspended flagged', 'active']);
      const again = await deactivate(t.token, id);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('deactivated');
      expect((await allOf(t.token, `q=${encodeURIComponent(email)}&status=deactivated`)).map((u) => u.id)).toEqual([id]);

      const on = await reactivate(t.token, id);
      expect(on.status, JSON.stringify(on.body)).toBe(200);
      expect(on.body).toMatchObject({ id, status: 'active', roles: ['tenant_admin'] });
      const back = await tryLogin(t, email);
      expect(back.status).toBe(200);
      expect((await api.call('GET', '/api/v1/users/me', { token: back.body.accessToken })).status).toBe(200);
      // The sessions ended by the deactivation stay ended.
      expectProblem(await api.call('GET', '/api/v1/users/me', { token: accessToken }), 401, 'UNAUTHENTICATED');
      // Reactivation brings the key back only when switched on again.
      expectProblem(await withKey(), 401, 'UNAUTHENTICATED');
      expect(await flags()).toEqual(['suspended', 'active']);
      const enabled = await api.call('POST', `/api/v1/api-keys/${key.body.id}/enable`, { token: t.token });
      expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
      expect(enabled.body).toMatchObject({ id: key.body.id, status: 'active', suspendedAt: null });
      expect((await withKey()).status).toBe(200);
      expect(await flags()).toEqual(['active', 'active']);
      expectProblem(await reactivate(t.token, id), 409, 'INVALID_STATE');
      expectProblem(await deactivate(t.token, randomUUID()), 404, 'NOT_FOUND');
    });

    it('refuses to deactivate the last admin (LAST_ADMIN)', async () => {
      const solo = await createTenant(api, root);
      const adminId = (await api.call('GET', '/api/v1/users/me', { token: solo.token })).body.id;
      expectProblem(await deactivate(solo.token, adminId), 409, 'LAST_ADMIN');
      // A second admin whose role expires does not make the first one dispensable.
      const temp = await addUser(solo, []);
      const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      expect(
        (
          await api.call('POST', `/api/v1/users/${temp.id}/roles`, {
            token: solo.token,
            body: { role: 'tenant_admin', expiresAt: until },
          })
        ).status,
      ).toBe(201);
      expectProblem(await deactivate(temp.token, adminId), 409, 'LAST_ADMIN');
      expect((await getUser(solo.token, adminId)).body.status).toBe('active');
      expect((await api.call('GET', '/api/v1/users/me', { token: solo.token })).status).toBe(200);
      // With a second permanent admin, it works.
      const second = await addUser(solo, ['tenant_admin']);
      const off = await deactivate(second.token, adminId);
      expect(off.status, JSON.stringify(off.body)).toBe(200);
      expectProblem(await api.call('GET', '/api/v1/users/me', { token: solo.token }), 401, 'UNAUTHENTICATED');
      expectProblem(await deactivate(second.token, second.id), 409, 'LAST_ADMIN');
    });
  });

  describe('seats', () => {
    it('refuses the user one over the seat limit (PLAN_LIMIT), and frees a seat on deactivation', async () => {
      const small = await createTenant(api, root);
      await setLimits(small, { limitOverrides: { seats: 3 } });
      const tag = newTag();
      const one = await addUser(small, ['member'], `one.${tag}@people.test`);
      const two = await addUser(small, ['member'], `two.${tag}@people.test`);
      expect((await stats(small.token)).seats).toEqual({ used: 3, limit: 3 });

      const over = await createUser(small.token, { email: `three.${tag}@people.test`, name: 'Three', password: PASSWORD });
      expectProblem(over, 403, 'PLAN_LIMIT', { limit: 'seats' });
      expect(sorted((await allOf(small.token, `q=${tag}`)).map((u) => u.id))).toEqual(sorted([one.id, two.id]));

      // A deactivated user frees their seat...
      expect((await deactivate(small.token, two.id)).status).toBe(200);
      expect((await stats(small.token)).seats).toEqual({ used: 2, limit: 3 });
      const three = await createUser(small.token, { email: `three.${tag}@people.test`, name: 'Three', password: PASSWORD });
      expect(three.status, JSON.stringify(three.body)).toBe(201);
      // ...and cannot come back while the tenant is full.
      expectProblem(await reactivate(small.token, two.id), 403, 'PLAN_LIMIT', { limit: 'seats' });
      expect((await getUser(small.token, two.id)).body.status).toBe('deactivated');
      expectProblem(await tryLogin(small, two.email), 401, 'INVALID_CREDENTIALS');

      // Raising the limit makes room.
      await setLimits(small, { limitOverrides: { seats: 4 } });
      const back = await reactivate(small.token, two.id);
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      expect(back.body.status).toBe('active');
      expect((await stats(small.token)).seats).toEqual({ used: 4, limit: 4 });
    });

    it('counts invitations as seats: inviting into a full tenant is PLAN_LIMIT', async () => {
      const small = await createTenant(api, root);
      await setLimits(small, { limitOverrides: { seats: 2 } });
      const tag = newTag();
      await inviteUser(small, ['member'], `first.${tag}@people.test`);
      expect((await stats(small.token)).seats).toEqual({ used: 2, limit: 2 });

      expectProblem(await createUser(small.token, { email: `second.${tag}@people.test`, name: 'Second' }), 403, 'PLAN_LIMIT', {
        limit: 'seats',
      });
      expectProblem(
        await api.call('POST', '/api/v1/users/invite', { token: small.token, body: { email: `third.${tag}@people.test` } }),
        403,
        'PLAN_LIMIT',
        { limit: 'seats' },
      );
      expect((await allOf(small.token, `q=${tag}`)).map((u) => u.email)).toEqual([`first.${tag}@people.test`]);
      expect((await stats(small.token)).seats).toEqual({ used: 2, limit: 2 });
    });
  });

  describe('bulk invitations', () => {
    it('invites each row on its own: duplicates fail with their code, the others are invited and emailed', async () => {
      const tenant = await createTenant(api, root);
      const tag = newTag();
      const existing = await addUser(tenant, ['member'], `existing.${tag}@people.test`);
      const fresh = Array.from({ length: 17 }, (_, i) => ({
        email: `row${String(i).padStart(2, '0')}.${tag}@people.test`,
        ...(i % 2 ? { name: `Row ${i}` } : {}),
        ...(i % 4 === 0 ? { roles: ['viewer'] } : {}),
      }));
      const rows: { email: string; name?: string; roles?: string[] }[] = [...fresh];
      rows.splice(5, 0, { email: fresh[2].email.toUpperCase(), name: 'Same as row 2' }); // duplicate within the request
      rows.splice(11, 0, { email: existing.email }); // already a user
      rows.splice(17, 0, { email: tenant.admin.email, roles: ['tenant_admin'] }); // the admin
      expect(rows).toHaveLength(20);

      const res = await bulk(tenant.token, rows);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.invited).toBe(17);
      expect(res.body.failed).toBe(3);
      expect(res.body.results.map((r) => r.index)).toEqual(rows.map((_, i) => i));
      for (const [i, result] of res.body.results.entries()) {
        expect(result.email, `row ${i}`).toBe(rows[i].email.toLowerCase());
        if ([5, 11, 17].includes(i)) {
          expect(result, `row ${i}`).toMatchObject({ status: 'failed', error: { code: 'CONFLICT' } });
          expect(result.userId).toBeUndefined();
        } else {
          expect(result, `row ${i}`).toMatchObject({ status: 'invited', userId: expect.stringMatching(UUID) });
        }
      }

      const invitedIds = res.body.results.filter((r) => r.status === 'invited').map((r) => r.userId!);
      const listed = await allOf(tenant.token, `q=${tag}`);
      expect(sorted(listed.map((u) => u.id))).toEqual(sorted([existing.id, ...invitedIds]));
      for (const row of fresh) {
        const user = listed.find((u) => u.email === row.email)!;
        expect(user, row.email).toMatchObject({ status: 'invited', name: row.name ?? '', roles: row.roles ?? ['member'] });
      }
      expect(listed.find((u) => u.id === existing.id)).toMatchObject({ status: 'active', name: 'User' });
      expect((await api.call('GET', '/api/v1/users?role=tenant_admin', { token: tenant.token })).body.items).toHaveLength(1);
      expect((await stats(tenant.token)).seats.used).toBe(1 + 1 + 17);

      for (const row of fresh) await smtp.waitFor(row.email, (m) => m.subject === `You are invited to Tenant ${tenant.slug}`);
      expect(smtp.received.filter((m) => m.to.includes(fresh[2].email))).toHaveLength(1);
    });

    it('fails the rows beyond the seat limit with PLAN_LIMIT and keeps the rows before', async () => {
      const tenant = await createTenant(api, root);
      await setLimits(tenant, { limitOverrides: { seats: 4 } });
      const tag = newTag();
      const rows = Array.from({ length: 6 }, (_, i) => ({ email: `seat${i}.${tag}@people.test` }));
      const res = await bulk(tenant.token, rows);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const outcome = JSON.stringify(res.body.results.map((r) => [r.status, r.error?.code]));
      expect(
        res.body.results.map((r) => r.status),
        outcome,
      ).toEqual(['invited', 'invited', 'invited', 'failed', 'failed', 'failed']);
      for (const r of res.body.results.slice(3)) expect(r.error?.code, JSON.stringify(r)).toBe('PLAN_LIMIT');
      expect([res.body.invited, res.body.failed]).toEqual([3, 3]);
      const listed = await allOf(tenant.token, `q=${tag}`);
      expect(sorted(listed.map((u) => u.email))).toEqual(rows.slice(0, 3).map((r) => r.email));
      expect((await stats(tenant.token)).seats).toEqual({ used: 4, limit: 4 });
    });

    it('refuses more than 500 rows, no rows, or an invalid row as a whole (400), inviting nobody', async () => {
      const tag = newTag();
      const many = Array.from({ length: 501 }, (_, i) => ({ email: `many${i}.${tag}@people.test` }));
      const tooMany = await bulk(t.token, many);
      expectProblem(tooMany, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(tooMany).join(' ')).toContain('users');
      expectProblem(await bulk(t.token, []), 400, 'VALIDATION_FAILED');
      const invalid = await bulk(t.token, [{ email: `fine.${tag}@people.test` }, { email: 'not an email' }]);
      expectProblem(invalid, 400, 'VALIDATION_FAILED');
      expect(await allOf(t.token, `q=${tag}`)).toEqual([]);
    });
  });

  describe('statistics', () => {
    it('counts users by status and role, seats and recent sign-ins, matching the fixtures', async () => {
      const tenant = await createTenant(api, root);
      const m1 = await addUser(tenant, ['member']); // signs in
      const m2 = (await createUser(tenant.token, { email: `${uniqueSlug('m')}@people.test`, password: PASSWORD })).body;
      await inviteUser(tenant, ['viewer']);
      const pm = (
        await createUser(tenant.token, {
          email: `${uniqueSlug('pm')}@people.test`,
          password: PASSWORD,
          roles: ['project_manager'],
        })
      ).body;
      expect((await deactivate(tenant.token, pm.id)).status).toBe(200);
      const auditor = (
        await createUser(tenant.token, { email: `${uniqueSlug('a')}@people.test`, password: PASSWORD, roles: ['auditor'] })
      ).body;
      // An assignment that has expired counts for nothing.
      const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      expect(
        (
          await api.call('POST', `/api/v1/users/${m2.id}/roles`, {
            token: tenant.token,
            body: { role: 'viewer', expiresAt: until },
          })
        ).status,
      ).toBe(201);
      const schema = schemaOf(tenant.id);
      const expired = await pg.query(
        `UPDATE "${schema}".user_roles SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND expires_at IS NOT NULL`,
        [m2.id],
      );
      expect(expired.rowCount).toBe(1);
      expect([m1.id, m2.id, auditor.id].every((id) => UUID.test(id))).toBe(true);

      const s = await stats(tenant.token);
      expect(s).toMatchObject({
        total: 6,
        byStatus: { active: 4, invited: 1, deactivated: 1 },
        locked: 0,
        mfaEnabled: 0,
        activeLast30Days: 2, // the admin and m1 signed in
        seats: { used: 5, limit: 100 },
      });
      const byRole = Object.fromEntries(Object.keys(SYSTEM_ROLES).map((k) => [k, s.byRole[k] ?? 0]));
      expect(byRole).toEqual({ tenant_admin: 1, project_manager: 0, member: 2, auditor: 1, viewer: 1 });
      expect(Object.keys(s.byRole).every((k) => k in SYSTEM_ROLES)).toBe(true);

      // After one more active user, the numbers move together.
      await addUser(tenant, ['viewer']);
      const after = await stats(tenant.token);
      expect(after).toMatchObject({
        total: 7,
        byStatus: { active: 5, invited: 1, deactivated: 1 },
        seats: { used: 6, limit: 100 },
      });
      expect(after.byRole.viewer).toBe(2);
    });
  });

  describe('permissions', () => {
    it('does not let a users:create holder make an admin: nobody hands out permissions they do not hold', async () => {
      const role = await api.call('POST', '/api/v1/roles', {
        token: t.token,
        body: {
          key: `recruiter_${randomBytes(3).toString('hex')}`,
          name: 'Recruiter',
          permissions: ['users:create', 'users:read', 'projects:create'],
        },
      });
      expect(role.status, JSON.stringify(role.body)).toBe(201);
      const recruiter = await addUser(t, []);
      expect(
        (await api.call('POST', `/api/v1/users/${recruiter.id}/roles`, { token: t.token, body: { role: role.body.id } })).status,
      ).toBe(201);
      const adminsBefore = (await allOf(t.token, 'role=tenant_admin')).map((u) => u.id);

      // Within the recruiter's own permissions (a member can only create projects): fine.
      const tag = newTag();
      const ok = await createUser(recruiter.token, { email: `member.${tag}@people.test`, password: PASSWORD });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body.roles).toEqual(['member']);

      // An admin whose password the recruiter chose, an invited admin, a bulk-invited admin.
      expectProblem(
        await createUser(recruiter.token, { email: `admin.${tag}@people.test`, password: PASSWORD, roles: ['tenant_admin'] }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await createUser(recruiter.token, { email: `invited.${tag}@people.test`, roles: ['tenant_admin'] }),
        403,
        'FORBIDDEN',
      );
      const viaBulk = await bulk(recruiter.token, [{ email: `bulk.${tag}@people.test`, roles: ['tenant_admin'] }]);
      if (viaBulk.status === 200)
        expect(viaBulk.body.results[0], JSON.stringify(viaBulk.body)).toMatchObject({
          status: 'failed',
          error: { code: 'FORBIDDEN' },
        });
      else expectProblem(viaBulk, 403, 'FORBIDDEN');

      expect((await allOf(t.token, 'role=tenant_admin')).map((u) => u.id)).toEqual(adminsBefore);
      expect((await allOf(t.token, `q=${tag}`)).map((u) => u.email)).toEqual([`member.${tag}@people.test`]);
    });

    it('lets a viewer list and read users but change nothing; a member cannot even list them', async () => {
      const viewer = await addUser(t, ['viewer']);
      const member = await addUser(t, ['member']);
      const target = await addUser(t, ['member']);

      expect((await api.call('GET', '/api/v1/users', { token: viewer.token })).status).toBe(200);
      expect((await getUser(viewer.token, target.id)).status).toBe(200);
      expect((await api.call('GET', '/api/v1/users/stats', { token: viewer.token })).status).toBe(200);
      const email = `${uniqueSlug('nope')}@people.test`;
      expectProblem(await createUser(viewer.token, { email, password: PASSWORD }), 403, 'FORBIDDEN', {
        missing: ['users:create'],
      });
      expectProblem(await bulk(viewer.token, [{ email }]), 403, 'FORBIDDEN', { missing: ['users:create'] });
      expectProblem(
        await api.call('PATCH', `/api/v1/users/${target.id}`, { token: viewer.token, body: { name: 'Changed' } }),
        403,
        'FORBIDDEN',
        {
          missing: ['users:update'],
        },
      );
      expectProblem(await deactivate(viewer.token, target.id), 403, 'FORBIDDEN', { missing: ['users:delete'] });

      expectProblem(await api.call('GET', '/api/v1/users', { token: member.token }), 403, 'FORBIDDEN', {
        missing: ['users:read'],
      });
      expectProblem(await getUser(member.token, target.id), 403, 'FORBIDDEN', { missing: ['users:read'] });
      expectProblem(await api.call('GET', '/api/v1/users/stats', { token: member.token }), 403, 'FORBIDDEN', {
        missing: ['users:read'],
      });
      expectProblem(await createUser(member.token, { email, password: PASSWORD }), 403, 'FORBIDDEN', {
        missing: ['users:create'],
      });
      expect((await api.call('GET', '/api/v1/users/me', { token: member.token })).status).toBe(200);

      expect(await allOf(t.token, `q=${encodeURIComponent(email)}`)).toEqual([]);
      const unchanged = await getUser(t.token, target.id);
      expect(unchanged.body).toMatchObject({ status: 'active', name: 'User' });
      expectProblem(await getUser(t.token, randomUUID()), 404, 'NOT_FOUND');
      expectProblem(await getUser(t.token, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
    });
  });
});
