import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { addUser, createTenant, superAdminToken, TestTenant, TestUser } from '../support/fixtures';
import { expectProblem } from '../support/problems';

/** What a project's creator is granted on it. */
const CREATOR_GRANT = [
  'documents:create',
  'documents:delete',
  'documents:read',
  'documents:update',
  'projects:read',
  'projects:update',
];
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const sorted = (xs: readonly string[]) => [...xs].sort();

interface GrantBody {
  userId: string;
  permissions: string[];
  grantedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const expectHidden = (res: Reply, what = '') => {
  expect(res.status, `${what} ${JSON.stringify(res.body)}`).toBe(404);
  expect(res.body.code, what).toBe('NOT_FOUND');
};

/**
 * Per-project grants: a member sees and changes only the projects it made or was granted, the
 * project's documents follow the project's grants, and nobody hands out more than they hold.
 */
describe('project grants', () => {
  let api: TestApi;
  let root: string;
  let pg: Client;
  let t: TestTenant;
  let other: TestTenant;
  let adminId: string;
  let member: TestUser;
  let bystander: TestUser;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    [t, other] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    adminId = (await api.call('GET', '/api/v1/users/me', { token: t.token })).body.id;
    [member, bystander] = await Promise.all([addUser(api, t, ['member']), addUser(api, t, ['member'])]);
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  /** An active user created through the API with the given system roles, logged in. */

  const newProject = async (token: string, name = `project ${randomBytes(3).toString('hex')}`) => {
    const res = await api.call('POST', '/api/v1/projects', { token, body: { name } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; name: string };
  };
  const newDocument = async (token: string, projectId: string, title = `doc ${randomBytes(3).toString('hex')}`) => {
    const res = await api.call('POST', `/api/v1/projects/${projectId}/documents`, { token, body: { title, body: 'text' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; title: string };
  };
  const grant = (token: string, projectId: string, userId: string, permissions: string[]) =>
    api.call<GrantBody>('POST', `/api/v1/projects/${projectId}/grants`, { token, body: { userId, permissions } });
  const granted = async (token: string, projectId: string, userId: string, permissions: string[]) => {
    const res = await grant(token, projectId, userId, permissions);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const revoke = (token: string, projectId: string, userId: string) =>
    api.call('DELETE', `/api/v1/projects/${projectId}/grants/${userId}`, { token });
  const grantsOn = async (token: string, projectId: string) => {
    const res = await api.call<{ items: GrantBody[] }>('GET', `/api/v1/projects/${projectId}/grants`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  };
  const listed = async (token: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Reply = await api.call('GET', `/api/v1/projects?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  };

  const project = (token: string, id: string) => ({
    get: () => api.call('GET', `/api/v1/projects/${id}`, { token }),
    patch: (name: string) => api.call('PATCH', `/api/v1/projects/${id}`, { token, body: { name } }),
    remove: () => api.call('DELETE', `/api/v1/projects/${id}`, { token }),
    docs: () => api.call('GET', `/api/v1/projects/${id}/documents`, { token }),
    doc: (docId: string) => api.call('GET', `/api/v1/projects/${id}/documents/${docId}`, { token }),
    addDoc: (title: string) => api.call('POST', `/api/v1/projects/${id}/documents`, { token, body: { title } }),
    patchDoc: (docId: string, title: string) =>
      api.call('PATCH', `/api/v1/projects/${id}/documents/${docId}`, { token, body: { title } }),
    removeDoc: (docId: string) => api.call('DELETE', `/api/v1/projects/${id}/documents/${docId}`, { token }),
  });

  it("shows a member nothing of an admin's project it was not granted", async () => {
    const p = await newProject(t.token, 'secret plans');
    const d = await newDocument(t.token, p.id, 'the plan');
    const as = project(member.token, p.id);
    expectHidden(await as.get(), 'GET');
    expectHidden(await as.patch('taken over'), 'PATCH');
    expectHidden(await as.remove(), 'DELETE');
    expectHidden(await as.docs(), 'documents');
    expectHidden(await as.doc(d.id), 'document');
    expectHidden(await as.addDoc('sneaky'), 'new document');
    expectHidden(await as.patchDoc(d.id, 'changed'), 'change document');
    expectHidden(await as.removeDoc(d.id), 'delete document');
    expectHidden(await api.call('GET', `/api/v1/projects/${p.id}/grants`, { token: member.token }), 'grants');
    expectHidden(await grant(member.token, p.id, member.id, ['projects:read']), 'self-grant');
    expect(await listed(member.token)).not.toContain(p.id);

    // Nothing changed.
    const after = await project(t.token, p.id).get();
    expect(after.status).toBe(200);
    expect(after.body.name).toBe('secret plans');
    const docs = await project(t.token, p.id).docs();
    expect(docs.body.items.map((x: { id: string; title: string }) => [x.id, x.title])).toEqual([[d.id, 'the plan']]);
    expect((await grantsOn(t.token, p.id)).map((g) => g.userId)).toEqual([adminId]);
  });

  it('lets a member granted read see the project and its documents, and nothing more', async () => {
    const p = await newProject(t.token);
    const d = await newDocument(t.token, p.id);
    const elsewhere = await newProject(t.token);
    const foreignDoc = await newDocument(t.token, elsewhere.id);

    const g = await granted(t.token, p.id, member.id, ['projects:read', 'documents:read']);
    expect(g).toMatchObject({ userId: member.id, grantedBy: adminId });
    expect(sorted(g.permissions)).toEqual(['documents:read', 'projects:read']);
    const grants = await grantsOn(t.token, p.id);
    expect(grants.map((x) => x.userId).sort()).toEqual(sorted([adminId, member.id]));

    const as = project(member.token, p.id);
    const read = await as.get();
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ id: p.id, name: p.name });
    const ids = await listed(member.token);
    expect(ids).toContain(p.id);
    expect(ids).not.toContain(elsewhere.id);
    const docs = await as.docs();
    expect(docs.status).toBe(200);
    expect(docs.body.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
    expect((await as.doc(d.id)).body).toMatchObject({ id: d.id, title: d.title, projectId: p.id });

    expectProblem(await as.patch('renamed'), 403, 'FORBIDDEN', { missing: ['projects:update'] });
    expectProblem(await as.remove(), 403, 'FORBIDDEN', { missing: ['projects:delete'] });
    expectProblem(await as.addDoc('new'), 403, 'FORBIDDEN', { missing: ['documents:create'] });
    expectProblem(await as.patchDoc(d.id, 'changed'), 403, 'FORBIDDEN', { missing: ['documents:update'] });
    expectProblem(await as.removeDoc(d.id), 403, 'FORBIDDEN', { missing: ['documents:delete'] });
    expectProblem(await grant(member.token, p.id, bystander.id, ['projects:read']), 403, 'FORBIDDEN', {
      missing: ['projects:update'],
    });

    // The grant covers this project's documents only, not another project's reached through it.
    expectHidden(await as.doc(foreignDoc.id), 'document of another project');
    expectHidden(await project(member.token, elsewhere.id).doc(foreignDoc.id), 'ungranted project');
    // And nobody else.
    expectHidden(await project(bystander.token, p.id).get(), 'bystander');

    const after = await project(t.token, p.id).get();
    expect(after.body.name).toBe(p.name);
    expect((await project(t.token, p.id).doc(d.id)).body.title).toBe(d.title);
  });

  it('lets document create, update and delete follow the documents:* grants, each change at once', async () => {
    const p = await newProject(t.token);
    const as = project(member.token, p.id);
    await granted(t.token, p.id, member.id, ['projects:read', 'documents:read', 'documents:create']);
    const created = await as.addDoc('by member');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const docId = created.body.id;
    expectProblem(await as.patchDoc(docId, 'edited'), 403, 'FORBIDDEN', { missing: ['documents:update'] });

    // A grant replaces the previous one.
    await granted(t.token, p.id, member.id, ['projects:read', 'documents:read', 'documents:update']);
    expectProblem(await as.addDoc('another'), 403, 'FORBIDDEN', { missing: ['documents:create'] });
    const edited = await as.patchDoc(docId, 'edited');
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.title).toBe('edited');
    expectProblem(await as.removeDoc(docId), 403, 'FORBIDDEN', { missing: ['documents:delete'] });

    await granted(t.token, p.id, member.id, ['projects:read', 'documents:read', 'documents:delete']);
    expect((await as.removeDoc(docId)).status).toBe(204);
    expectHidden(await project(t.token, p.id).doc(docId), 'deleted document');
    const grants = await grantsOn(t.token, p.id);
    expect(sorted(grants.find((g) => g.userId === member.id)!.permissions)).toEqual([
      'documents:delete',
      'documents:read',
      'projects:read',
    ]);
  });

  it('hides the project again at once when the grant is revoked', async () => {
    const p = await newProject(t.token);
    await newDocument(t.token, p.id);
    await granted(t.token, p.id, member.id, ['projects:read', 'documents:read']);
    const as = project(member.token, p.id);
    expect((await as.get()).status).toBe(200);
    expect(await listed(member.token)).toContain(p.id);

    expect((await revoke(t.token, p.id, member.id)).status).toBe(204);
    expectHidden(await as.get(), 'after revocation');
    expectHidden(await as.docs(), 'documents after revocation');
    expect(await listed(member.token)).not.toContain(p.id);
    expect((await grantsOn(t.token, p.id)).map((g) => g.userId)).toEqual([adminId]);
    expectHidden(await revoke(t.token, p.id, member.id), 'revoking twice');
  });

  it('removes the grants (and documents) of a deleted project', async () => {
    const p = await newProject(t.token);
    await newDocument(t.token, p.id);
    await granted(t.token, p.id, member.id, ['projects:read', 'documents:read']);
    await granted(t.token, p.id, bystander.id, ['projects:read']);
    expect((await grantsOn(t.token, p.id)).map((g) => g.userId).sort()).toEqual(sorted([adminId, member.id, bystander.id]));

    expect((await project(t.token, p.id).remove()).status).toBe(204);
    expectHidden(await project(t.token, p.id).get(), 'deleted project');
    expectHidden(await api.call('GET', `/api/v1/projects/${p.id}/grants`, { token: t.token }), 'grants of a deleted project');
    expectHidden(await project(member.token, p.id).get(), 'deleted project, formerly granted');
    expect(await listed(member.token)).not.toContain(p.id);
    const schema = schemaOf(t.id);
    const grants = await pg.query(`SELECT user_id FROM "${schema}".resource_grants WHERE resource_id = $1`, [p.id]);
    expect(grants.rows).toEqual([]);
    const documents = await pg.query(`SELECT id FROM "${schema}".documents WHERE project_id = $1`, [p.id]);
    expect(documents.rows).toEqual([]);
    // A grant on it cannot be made any more.
    expectHidden(await grant(t.token, p.id, member.id, ['projects:read']), 'grant on a deleted project');
  });

  it('lets a member read and change its own project, but not delete it', async () => {
    const own = await newProject(member.token, 'my own');
    const as = project(member.token, own.id);
    expect((await as.get()).status).toBe(200);
    expect(await listed(member.token)).toContain(own.id);
    const renamed = await as.patch('my own, renamed');
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.name).toBe('my own, renamed');
    expectProblem(await as.remove(), 403, 'FORBIDDEN', { missing: ['projects:delete'] });
    expect((await project(t.token, own.id).get()).status).toBe(200);

    const doc = await as.addDoc('mine');
    expect(doc.status).toBe(201);
    expect((await as.patchDoc(doc.body.id, 'still mine')).status).toBe(200);
    expect((await as.removeDoc(doc.body.id)).status).toBe(204);

    const grants = await grantsOn(member.token, own.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ userId: member.id, grantedBy: member.id });
    expect(sorted(grants[0].permissions)).toEqual(CREATOR_GRANT);

    // Other members do not see it; admins do.
    expectHidden(await project(bystander.token, own.id).get(), 'bystander');
    expect(await listed(bystander.token)).not.toContain(own.id);
    expect(await listed(t.token)).toContain(own.id);
  });

  it('refuses to grant permissions the granter does not hold (403), and grants those it does', async () => {
    const own = await newProject(member.token);
    expectProblem(await grant(member.token, own.id, bystander.id, ['projects:read', 'projects:delete']), 403, 'FORBIDDEN', {
      missing: ['projects:delete'],
    });
    expectHidden(await project(bystander.token, own.id).get(), 'after the refused grant');
    const given = await granted(member.token, own.id, bystander.id, ['projects:read', 'documents:read']);
    expect(given.grantedBy).toBe(member.id);
    expect((await project(bystander.token, own.id).get()).status).toBe(200);
    expectProblem(await grant(member.token, own.id, bystander.id, ['projects:delete']), 403, 'FORBIDDEN', {
      missing: ['projects:delete'],
    });
    expect(sorted((await grantsOn(t.token, own.id)).find((g) => g.userId === bystander.id)!.permissions)).toEqual([
      'documents:read',
      'projects:read',
    ]);

    // On an admin's project, a member granted read and update can pass on only those.
    const p = await newProject(t.token);
    await granted(t.token, p.id, member.id, ['projects:read', 'projects:update']);
    expectProblem(await grant(member.token, p.id, bystander.id, ['documents:delete']), 403, 'FORBIDDEN', {
      missing: ['documents:delete'],
    });
    expectHidden(await project(bystander.token, p.id).get(), 'bystander after refused grant');
    expect((await grant(member.token, p.id, bystander.id, ['projects:read'])).status).toBe(200);
    expect((await project(bystander.token, p.id).get()).status).toBe(200);
    expectProblem(await project(bystander.token, p.id).docs(), 403, 'FORBIDDEN', { missing: ['documents:read'] });
  });

  it('refuses permissions that cannot be granted on a project (400)', async () => {
    const p = await newProject(t.token);
    for (const permissions of [['users:read'], ['projects:read', 'roles:manage'], ['projects:create'], ['projects:fly'], []]) {
      const res = await grant(t.token, p.id, member.id, permissions);
      expectProblem(res, 400, 'VALIDATION_FAILED', { field: 'permissions' });
    }
    expect((await grantsOn(t.token, p.id)).map((g) => g.userId)).toEqual([adminId]);
    expectHidden(await project(member.token, p.id).get(), 'after refused grants');
  });

  it('refuses a grant for an unknown user or a user of another tenant (404)', async () => {
    const p = await newProject(t.token);
    const otherAdminId = (await api.call('GET', '/api/v1/users/me', { token: other.token })).body.id as string;
    expectHidden(await grant(t.token, p.id, randomUUID(), ['projects:read']), 'unknown user');
    expectHidden(await grant(t.token, p.id, otherAdminId, ['projects:read']), 'user of another tenant');
    expect((await grantsOn(t.token, p.id)).map((g) => g.userId)).toEqual([adminId]);
    expectHidden(await revoke(t.token, p.id, otherAdminId), 'revoke for a user of another tenant');
    // The other tenant's admin cannot reach the project in any way.
    expectHidden(await project(other.token, p.id).get(), 'from the other tenant');
    expectProblem(
      await api.call('GET', `/api/v1/projects/${p.id}`, { token: other.token, tenant: t.slug }),
      403,
      'TENANT_MISMATCH',
    );
  });

  it('leaves API keys to their scopes: grants neither widen nor replace them', async () => {
    const keymakerRole = await api.call('POST', '/api/v1/roles', {
      token: t.token,
      body: {
        key: `keymaker_${randomBytes(3).toString('hex')}`,
        name: 'Key maker',
        permissions: ['api-keys:manage', 'api-keys:read', 'projects:create'],
      },
    });
    expect(keymakerRole.status, JSON.stringify(keymakerRole.body)).toBe(201);
    const keymaker = await addUser(api, t, []);
    const given = await api.call('POST', `/api/v1/users/${keymaker.id}/roles`, {
      token: t.token,
      body: { role: keymakerRole.body.id },
    });
    expect(given.status).toBe(201);

    // The user reads its own project through the creator grant...
    const own = await newProject(keymaker.token);
    expect((await project(keymaker.token, own.id).get()).status).toBe(200);
    // ...but cannot put projects:read on a key: a grant is not a tenant-wide permission.
    const wide = await api.call('POST', '/api/v1/api-keys', {
      token: keymaker.token,
      body: { name: 'wide', scopes: ['projects:read'] },
    });
    expectProblem(wide, 403, 'FORBIDDEN', { missing: ['projects:read'] });
    const created = await api.call('POST', '/api/v1/api-keys', {
      token: keymaker.token,
      body: { name: 'creator', scopes: ['projects:create'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const withKey = (method: string, path: string, body?: unknown) =>
      api.call(method, path, { body, headers: { 'x-api-key': created.body.secret } });
    expect((await withKey('POST', '/api/v1/projects', { name: 'made by a key' })).status).toBe(201);
    // The key's creator holds a grant on its project; the key does not inherit it.
    expectProblem(await withKey('GET', `/api/v1/projects/${own.id}`), 403, 'FORBIDDEN', { missing: ['projects:read'] });
    expectProblem(await withKey('GET', `/api/v1/projects/${own.id}/documents`), 403, 'FORBIDDEN', {
      missing: ['documents:read'],
    });
    expectProblem(await withKey('GET', '/api/v1/projects'), 403, 'FORBIDDEN', { missing: ['projects:read'] });

    // A read-only key of the admin reads every project, and changes none, grants or not.
    const p = await newProject(t.token);
    const memberOwn = await newProject(member.token);
    const reader = await api.call('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'reader', scopes: ['projects:read'] },
    });
    expect(reader.status).toBe(201);
    const asReader = (method: string, path: string, body?: unknown) =>
      api.call(method, path, { body, headers: { 'x-api-key': reader.body.secret } });
    expect((await asReader('GET', `/api/v1/projects/${memberOwn.id}`)).status).toBe(200);
    const all = await asReader('GET', '/api/v1/projects?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([p.id, memberOwn.id, own.id]));
    // The admin created p, so holds a creator grant with projects:update on it: the key still cannot.
    expectProblem(await asReader('PATCH', `/api/v1/projects/${p.id}`, { name: 'by key' }), 403, 'FORBIDDEN', {
      missing: ['projects:update'],
    });
    expectProblem(
      await asReader('POST', `/api/v1/projects/${p.id}/grants`, { userId: member.id, permissions: ['projects:read'] }),
      403,
      'FORBIDDEN',
    );
    expect((await project(t.token, p.id).get()).body.name).toBe(p.name);
  });
});
