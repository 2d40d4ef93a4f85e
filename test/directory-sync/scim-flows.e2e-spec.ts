import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, login, superAdminToken, TestTenant } from '../support/fixtures';
import { webhookOverrides } from '../support/webhooks';
import { ENTERPRISE, expectScimError, GROUP, LIST, PATCH, scim, scimToken, USER } from './scim-support';

const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;
const PASSWORD = 'a-long-enough-password-1';

describe('SCIM request sequences of Entra ID and Okta', () => {
  let api: TestApi;
  let root: string;
  let t: TestTenant;
  let req: ReturnType<typeof scim>;

  beforeAll(async () => {
    api = await startApi(webhookOverrides());
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    req = scim(api, (await scimToken(api, t)).token);
    const endpoint = await api.call('POST', '/api/v1/webhooks/endpoints', {
      token: t.token,
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['user.provisioned', 'user.deprovisioned', 'group.*'] },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** The data of the webhook messages of one type, oldest first. */
  const webhooks = async (eventType: string) =>
    (
      (await api.call('GET', `/api/v1/webhooks/messages?eventType=${eventType}&limit=100`, { token: t.token })).body.items as {
        data: Record<string, unknown>;
      }[]
    )
      .map((m) => m.data)
      .reverse();

  const roleKeys = async (userId: string) =>
    (await api.call('GET', `/api/v1/users/${userId}`, { token: t.token })).body.roles as string[];

  it('Entra ID: find, create, patch attributes, disable, delete', async () => {
    const userName = 'Test_User_dfeef4c5@contoso.com';
    const none = await req('GET', `/Users?${q(`userName eq "${userName}"`)}`);
    expect(none.body).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await req('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@contoso.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      userName: userName.toLowerCase(),
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      name: { givenName: 'givenName', familyName: 'familyName', formatted: 'givenName familyName' },
      displayName: 'givenName familyName',
      active: true,
    });

    const found = await req('GET', `/Users?${q(`userName eq "${userName}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);

    const patched = await req('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@contoso.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Finance' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-entra-id' },
      ],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@contoso.com' }]);
    expect(patched.body.name.familyName).toBe('updatedFamilyName');
    expect(patched.body[ENTERPRISE]).toEqual({ department: 'Finance', manager: { value: 'manager-entra-id' } });
    expect(patched.body.meta.version).not.toBe(created.body.meta.version);

    const disabled = await req('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body.active).toBe(false);
    const account = await api.call('GET', `/api/v1/users/${id}`, { token: t.token });
    expect(account.body.status).toBe('deactivated');

    expect((await req('DELETE', `/Users/${id}`)).status).toBe(204);
    expectScimError(await req('GET', `/Users/${id}`), 404);
    expect((await req('GET', `/Users?${q(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
    // Deleted by the directory, not erased: the account and its history stay.
    expect((await api.call('GET', `/api/v1/users/${id}`, { token: t.token })).body.status).toBe('deactivated');

    expect((await webhooks('user.provisioned')).filter((d) => d.id === id)).toEqual([
      {
        id,
        email: userName.toLowerCase(),
        name: 'givenName familyName',
        status: 'active',
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      },
    ]);
    expect((await webhooks('user.deprovisioned')).filter((d) => d.id === id).map((d) => [d.status, d.deleted ?? false])).toEqual([
      ['deactivated', false],
      ['deactivated', true],
    ]);

    const events = await api.call('GET', '/api/v1/directory-sync/events', { token: t.token });
    expect(events.status).toBe(200);
    expect(events.body.filter((e: { userId: string }) => e.userId === id).map((e: { type: string }) => e.type)).toEqual([
      'user.deleted',
      'user.deactivated',
      'user.updated',
      'user.updated',
      'user.provisioned',
    ]);
  });

  it('Okta: list, find nothing, create, get, replace, deactivate, 404 for an unknown id', async () => {
    const first = await req('GET', '/Users?count=1&startIndex=1');
    expect(first.body).toMatchObject({ schemas: [LIST], startIndex: 1, itemsPerPage: 1 });
    expect(first.body.totalResults).toBeGreaterThanOrEqual(1);
    const userName = 'okta-user@example.org';
    expect((await req('GET', `/Users?${q(`userName eq "${userName}"`)}&startIndex=1&count=100`)).body.totalResults).toBe(0);
    const body = {
      schemas: [USER],
      userName,
      name: { givenName: 'Oona', familyName: 'Kta' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Oona Kta',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const created = await req('POST', '/Users', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect((await req('GET', `/Users/${id}`)).body).toEqual(created.body);

    const replaced = await req('PUT', `/Users/${id}`, {
      ...body,
      id,
      name: { givenName: 'Another', familyName: 'Kta' },
      displayName: undefined,
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({
      name: { givenName: 'Another', familyName: 'Kta' },
      displayName: 'Another Kta',
      active: true,
    });

    const deactivated = await req('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated.body.active).toBe(false);
    const reactivated = await req('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(reactivated.body.active).toBe(true);

    expectScimError(await req('GET', '/Users/010101010101-not-a-user'), 404);
    expectScimError(await req('GET', '/Users/3f2504e0-4f89-11d3-9a0c-0305e82c3301'), 404);
  });

  it('adopts an existing account: 409, find by userName, link with externalId', async () => {
    const invited = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email: 'existing@example.org', name: 'Ex Isting' },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expectScimError(
      await req('POST', '/Users', { schemas: [USER], userName: 'Existing@example.org', externalId: 'ext-9' }),
      409,
      'uniqueness',
    );
    const found = await req('GET', `/Users?${q('userName eq "existing@example.org"')}`);
    const id = found.body.Resources[0].id;
    expect(id).toBe(invited.body.id);
    const linked = await req('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'add', path: 'externalId', value: 'ext-9' }],
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect((await req('GET', `/Users?${q('externalId eq "ext-9"')}`)).body.Resources.map((r: { id: string }) => r.id)).toEqual([
      id,
    ]);
  });

  it('groups: create, add and remove members (Entra and Okta forms); mapped groups grant and take back roles', async () => {
    const mk = async (userName: string) => (await req('POST', '/Users', { schemas: [USER], userName })).body.id as string;
    const [u1, u2] = [await mk('g1@example.org'), await mk('g2@example.org')];
    // A role granted by hand is never taken back by the directory.
    expect((await api.call('POST', `/api/v1/users/${u2}/roles`, { token: t.token, body: { role: 'auditor' } })).status).toBe(201);
    const mapped = await api.call('PUT', '/api/v1/directory-sync/group-roles', {
      token: t.token,
      body: [
        { group: 'Engineering', role: 'project_manager' },
        { group: 'engineering', role: 'auditor' },
      ],
    });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    expect(mapped.body).toEqual([
      { group: 'engineering', role: 'auditor' },
      { group: 'Engineering', role: 'project_manager' },
    ]);

    const group = await req('POST', '/Groups', {
      schemas: [GROUP],
      externalId: 'grp-1',
      displayName: 'Engineering',
      meta: { resourceType: 'Group' },
      members: [],
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const gid = group.body.id;
    expect(group.body).toMatchObject({ schemas: [GROUP], displayName: 'Engineering', externalId: 'grp-1', members: [] });

    // Entra ID: add with a value list.
    const added = await req('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: u1 }, { value: u2 }] }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value).sort()).toEqual([u1, u2].sort());
    expect(await roleKeys(u1)).toEqual(['auditor', 'member', 'project_manager']);
    expect(await roleKeys(u2)).toEqual(['auditor', 'member', 'project_manager']);
    expect((await req('GET', `/Groups?${q(`members.value eq "${u1}"`)}`)).body.totalResults).toBe(1);

    // Okta: remove one member by a value filter.
    const removed = await req('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${u1}"]` }],
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([u2]);
    expect(await roleKeys(u1)).toEqual(['member']);

    // Entra ID: remove with a value list; u2 keeps the auditor role granted by hand.
    const emptied = await req('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: u2 }] }],
    });
    expect(emptied.status, JSON.stringify(emptied.body)).toBe(200);
    expect(emptied.body.members).toEqual([]);
    expect(await roleKeys(u2)).toEqual(['auditor', 'member']);

    // Okta: rename by a full-value replace; PUT replaces the members.
    const renamed = await req('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { id: gid, displayName: 'Eng' } }],
    });
    expect(renamed.body.displayName).toBe('Eng');
    const put = await req('PUT', `/Groups/${gid}`, { schemas: [GROUP], displayName: 'Engineering', members: [{ value: u1 }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await roleKeys(u1)).toEqual(['auditor', 'member', 'project_manager']);
    expectScimError(await req('POST', '/Groups', { schemas: [GROUP], displayName: 'ENGINEERING' }), 409, 'uniqueness');
    expectScimError(
      await req('PATCH', `/Groups/${gid}`, {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: [{ value: 'nobody' }] }],
      }),
      400,
      'invalidValue',
    );

    expect((await req('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect(await roleKeys(u1)).toEqual(['member']);
    expectScimError(await req('GET', `/Groups/${gid}`), 404);

    const updates = (await webhooks('group.updated')).filter((d) => d.id === gid);
    expect(updates[0]).toEqual({ id: gid, displayName: 'Engineering', members: [], added: [], removed: [], deleted: false });
    expect(updates[1]).toMatchObject({ added: expect.arrayContaining([u1, u2]), removed: [] });
    // Deleting the group: its last members are the ones it loses.
    const last = updates.at(-1);
    expect(last).toEqual({
      id: gid,
      displayName: 'Engineering',
      members: [],
      added: [],
      removed: updates[updates.length - 2].members,
      deleted: true,
    });
  });

  it('a group mapping may only name roles the admin dominates', async () => {
    const res = await api.call('PUT', '/api/v1/directory-sync/group-roles', {
      token: t.token,
      body: [{ group: 'X', role: 'no-such-role' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: '0.role', message: 'no role no-such-role' }]);
    const viewer = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email: 'pm@example.org', name: 'P M', password: PASSWORD, roles: ['project_manager'] },
    });
    const pm = await login(api, t.slug, 'pm@example.org', PASSWORD);
    expect(viewer.status).toBe(201);
    // Without directory:manage, no mappings at all; the check that follows (dominance) is the AuthorityService's.
    expect((await api.call('PUT', '/api/v1/directory-sync/group-roles', { token: pm, body: [] })).status).toBe(403);
    const bad = await api.call('PUT', '/api/v1/directory-sync/group-roles', {
      token: t.token,
      body: [{ group: 'X', role: 'member', extra: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('never takes tenant_admin from the last active permanent admin: 409 and a directory event', async () => {
    const mapped = await api.call('PUT', '/api/v1/directory-sync/group-roles', {
      token: t.token,
      body: [{ group: 'Admins', role: 'tenant_admin' }],
    });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    const x = (await req('POST', '/Users', { schemas: [USER], userName: 'x-admin@example.org' })).body.id;
    const group = await req('POST', '/Groups', { schemas: [GROUP], displayName: 'Admins', members: [{ value: x }] });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    expect(await roleKeys(x)).toContain('tenant_admin');
    // The first admin's own tenant_admin becomes time-boxed: x is the only permanent one left.
    const me = (await api.call('GET', '/api/v1/users/me', { token: t.token })).body.id;
    const boxed = await api.call('POST', `/api/v1/users/${me}/roles`, {
      token: t.token,
      body: { role: 'tenant_admin', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(boxed.status, JSON.stringify(boxed.body)).toBe(201);

    const refused = await req('PATCH', `/Groups/${group.body.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${x}"]` }],
    });
    expectScimError(refused, 409);
    expect(await roleKeys(x)).toContain('tenant_admin');
    expect((await req('GET', `/Groups/${group.body.id}`)).body.members.map((m: { value: string }) => m.value)).toEqual([x]);
    expectScimError(
      await req('PATCH', `/Users/${x}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] }),
      409,
    );
    const events = (await api.call('GET', '/api/v1/directory-sync/events?limit=2', { token: t.token })).body;
    expect(events.map((e: { type: string; outcome: string }) => [e.type, e.outcome])).toEqual([
      ['user.deactivated', 'failure'],
      ['group.updated', 'failure'],
    ]);
    expect(events[0].detail).toMatch(/tenant_admin/);
  });
});

describe('SCIM deprovisioning', () => {
  let api: TestApi;
  let t: TestTenant;
  let req: ReturnType<typeof scim>;

  beforeAll(async () => {
    api = await startApi();
    const root = await superAdminToken(api);
    t = await createTenant(api, root);
    req = scim(api, (await scimToken(api, t)).token);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses a deprovisioned user\u2019s access token, refresh token and API key within one second', async () => {
    const email = 'leaver@example.org';
    const user = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email, name: 'Lea Ver', password: PASSWORD, roles: ['tenant_admin'] },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const pair = await api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password: PASSWORD } });
    const key = await api.call('POST', '/api/v1/api-keys', {
      token: pair.body.accessToken,
      body: { name: 'laptop', scopes: ['users:read'] },
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    expect((await api.call('GET', '/api/v1/users/me', { token: pair.body.accessToken })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/users', { headers: { 'x-api-key': key.body.secret } })).status).toBe(200);

    const [found] = (await req('GET', `/Users?${q(`userName eq "${email}"`)}`)).body.Resources;
    const off = await req('PATCH', `/Users/${found.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const refusedAt = Date.now();
    await eventually(
      async () => (await api.call('GET', '/api/v1/users/me', { token: pair.body.accessToken })).status === 401,
      1000,
    );
    await eventually(
      async () => (await api.call('GET', '/api/v1/users', { headers: { 'x-api-key': key.body.secret } })).status === 401,
      1000,
    );
    const refresh = await api.call('POST', '/api/v1/auth/refresh', {
      tenant: t.slug,
      body: { refreshToken: pair.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect(Date.now() - refusedAt).toBeLessThan(1000);
    expect((await api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password: PASSWORD } })).status).toBe(
      401,
    );
  });

  it('respects the seat limit: PLAN_LIMIT as a SCIM 403', async () => {
    const root = await superAdminToken(api);
    const stats = await api.call('GET', '/api/v1/users/stats', { token: t.token });
    const set = await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
      token: root,
      body: { limitOverrides: { seats: stats.body.seats.used } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const full = await req('POST', '/Users', { schemas: [USER], userName: 'one-too-many@example.org' });
    expectScimError(full, 403);
    expect(full.body.detail).toMatch(/seats/);
  });
});
