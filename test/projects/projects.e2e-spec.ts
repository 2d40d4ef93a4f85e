import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { addUser, createTenant, superAdminToken, TestTenant, TestUser } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { WebhookReceiver } from '../support/webhook-receiver';
import { auditEvents, createEndpoint, verify, webhookOverrides } from '../support/webhooks';

/**
 * The reference tenant feature, end to end over HTTP: projects and their documents. A new feature's
 * suite has the same parts: CRUD, refused input (400 naming the fields), RBAC (403 naming the
 * missing permission), tenant isolation (another tenant's ids are 404), the audit event and the
 * webhook event each change emits, and the plan limit the feature counts against.
 */
describe('projects and documents', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let receiver: WebhookReceiver;
  let root: string;
  let t: TestTenant;
  let other: TestTenant;
  let viewer: TestUser;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    const overrides = { ...ownQueues(), ...webhookOverrides() };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    root = await superAdminToken(api);
    [t, other] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    viewer = await addUser(api, t, ['viewer']);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
  });

  const projects = '/api/v1/projects';
  const documents = (projectId: string) => `${projects}/${projectId}/documents`;
  const newProject = async (tenant: TestTenant, body: Record<string, unknown> = { name: 'Website relaunch' }) => {
    const res = await api.call('POST', projects, { token: tenant.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; name: string; description: string };
  };

  describe('CRUD', () => {
    it('creates, reads, lists, updates and deletes a project', async () => {
      const made = await newProject(t, { name: '  Relaunch  ', description: 'Q3' });
      expect(made).toEqual({
        id: expect.any(String),
        name: 'Relaunch',
        description: 'Q3',
        createdBy: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      expect((await api.call('GET', `${projects}/${made.id}`, { token: t.token })).body).toEqual(made);
      const listed = await api.call('GET', `${projects}?q=relaunch`, { token: t.token });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(made.id);

      const updated = await api.call('PATCH', `${projects}/${made.id}`, { token: t.token, body: { name: 'Relaunch 2' } });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body).toMatchObject({ id: made.id, name: 'Relaunch 2', description: 'Q3' });

      expect((await api.call('DELETE', `${projects}/${made.id}`, { token: t.token })).status).toBe(204);
      expectProblem(await api.call('GET', `${projects}/${made.id}`, { token: t.token }), 404, 'NOT_FOUND');
    });

    it('creates, reads, lists, updates and deletes a document inside its project', async () => {
      const project = await newProject(t);
      const made = await api.call('POST', documents(project.id), { token: t.token, body: { title: 'Brief', body: 'Text' } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body).toMatchObject({ projectId: project.id, title: 'Brief', body: 'Text' });
      const doc = `${documents(project.id)}/${made.body.id}`;

      expect((await api.call('GET', doc, { token: t.token })).body).toEqual(made.body);
      const listed = await api.call('GET', documents(project.id), { token: t.token });
      expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([made.body.id]);

      const updated = await api.call('PATCH', doc, { token: t.token, body: { body: 'Longer text' } });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body).toMatchObject({ title: 'Brief', body: 'Longer text' });

      expect((await api.call('DELETE', doc, { token: t.token })).status).toBe(204);
      expectProblem(await api.call('GET', doc, { token: t.token }), 404, 'NOT_FOUND');
      // A document is reached through its own project only.
      const elsewhere = await newProject(t);
      const kept = await api.call('POST', documents(project.id), { token: t.token, body: { title: 'Kept' } });
      expectProblem(await api.call('GET', `${documents(elsewhere.id)}/${kept.body.id}`, { token: t.token }), 404, 'NOT_FOUND');
    });
  });

  describe('refused input', () => {
    it('answers 400 naming each invalid field, and stores nothing', async () => {
      const before = (await api.call('GET', `${projects}?limit=100`, { token: t.token })).body.items.length;
      expectProblem(await api.call('POST', projects, { token: t.token, body: {} }), 400, 'VALIDATION_FAILED', {
        field: 'name',
      });
      expectProblem(
        await api.call('POST', projects, { token: t.token, body: { name: 'x'.repeat(201) } }),
        400,
        'VALIDATION_FAILED',
        { field: 'name' },
      );
      expectProblem(
        await api.call('POST', projects, { token: t.token, body: { name: 'Ok', owner: 'me' } }),
        400,
        'VALIDATION_FAILED',
        { field: 'owner' },
      );
      expectProblem(await api.call('GET', `${projects}?sort=owner`, { token: t.token }), 400, 'VALIDATION_FAILED', {
        field: 'sort',
      });
      expectProblem(await api.call('GET', `${projects}/not-a-uuid`, { token: t.token }), 400, 'VALIDATION_FAILED');
      const project = await newProject(t);
      expectProblem(
        await api.call('POST', documents(project.id), { token: t.token, body: { body: 'no title' } }),
        400,
        'VALIDATION_FAILED',
        { field: 'title' },
      );
      expect((await api.call('GET', `${projects}?limit=100`, { token: t.token })).body.items.length).toBe(before + 1);
    });
  });

  describe('RBAC', () => {
    it('lets a viewer read but not write, naming the permission it lacks', async () => {
      const project = await newProject(t);
      expect((await api.call('GET', `${projects}/${project.id}`, { token: viewer.token })).status).toBe(200);
      expectProblem(await api.call('POST', projects, { token: viewer.token, body: { name: 'Mine' } }), 403, 'FORBIDDEN', {
        missing: ['projects:create'],
      });
      expectProblem(
        await api.call('PATCH', `${projects}/${project.id}`, { token: viewer.token, body: { name: 'Renamed' } }),
        403,
        'FORBIDDEN',
        { missing: ['projects:update'] },
      );
      expectProblem(
        await api.call('POST', documents(project.id), { token: viewer.token, body: { title: 'Note' } }),
        403,
        'FORBIDDEN',
        { missing: ['documents:create'] },
      );
      expectProblem(await api.call('GET', projects), 401, 'UNAUTHENTICATED');
      expect((await api.call('GET', `${projects}/${project.id}`, { token: t.token })).body.name).toBe(project.name);
    });
  });

  describe('tenant isolation', () => {
    it('answers 404 for another tenant\u2019s project and documents, and never lists them', async () => {
      const theirs = await newProject(other, { name: 'Their secret' });
      const theirDoc = await api.call('POST', documents(theirs.id), { token: other.token, body: { title: 'Secret' } });
      expect(theirDoc.status).toBe(201);

      expectProblem(await api.call('GET', `${projects}/${theirs.id}`, { token: t.token }), 404, 'NOT_FOUND');
      expectProblem(
        await api.call('PATCH', `${projects}/${theirs.id}`, { token: t.token, body: { name: 'Mine now' } }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await api.call('DELETE', `${projects}/${theirs.id}`, { token: t.token }), 404, 'NOT_FOUND');
      expectProblem(await api.call('GET', `${documents(theirs.id)}/${theirDoc.body.id}`, { token: t.token }), 404, 'NOT_FOUND');
      const listed = await api.call('GET', `${projects}?limit=100`, { token: t.token });
      expect(listed.body.items.map((p: { id: string }) => p.id)).not.toContain(theirs.id);
      // Naming the other tenant in the header does not help: the token's tenant decides.
      expectProblem(
        await api.call('GET', `${projects}/${theirs.id}`, { token: t.token, tenant: other.slug }),
        403,
        'TENANT_MISMATCH',
      );
      expect((await api.call('GET', `${projects}/${theirs.id}`, { token: other.token })).body.name).toBe('Their secret');
    });
  });

  describe('events', () => {
    it('records an audit event for each change, in the same transaction, with before and after', async () => {
      const made = await newProject(t, { name: 'Audited' });
      await api.call('PATCH', `${projects}/${made.id}`, { token: t.token, body: { name: 'Audited twice' } });
      await api.call('DELETE', `${projects}/${made.id}`, { token: t.token });

      const [created] = await auditEvents(api, t, 'project.created', made.id);
      expect(created).toMatchObject({ outcome: 'success', resource: { type: 'project', id: made.id } });
      const [updated] = await auditEvents(api, t, 'project.updated', made.id);
      expect(updated.changes).toEqual({ before: { name: 'Audited' }, after: { name: 'Audited twice' } });
      expect(await auditEvents(api, t, 'project.deleted', made.id)).toHaveLength(1);
      // A refused change is audited as a failure.
      const refused = await api.call('POST', projects, { token: viewer.token, body: { name: 'Nope' } });
      expect(refused.status).toBe(403);
      const failures = await auditEvents(api, t, 'project.created');
      expect(failures.some((e) => e.outcome === 'failure' && e.actor.id === viewer.id)).toBe(true);
    });

    it('emits a signed webhook event for each change to the tenant\u2019s endpoints', async () => {
      const { secret } = await createEndpoint(api, t, receiver.url('/projects'), ['project.*', 'document.*']);
      const made = await newProject(t, { name: 'Announced' });
      const doc = await api.call('POST', documents(made.id), { token: t.token, body: { title: 'Spec' } });
      expect(doc.status).toBe(201);

      const hooks = await receiver.waitFor('/projects', 2);
      const payloads = hooks.map((h) => verify(h, secret) as { type: string; data: { id: string } });
      expect(payloads.map((p) => [p.type, p.data.id]).sort()).toEqual(
        [
          ['document.created', doc.body.id],
          ['project.created', made.id],
        ].sort(),
      );
      // The other tenant's changes never reach this tenant's endpoint.
      await newProject(other);
      const more = await newProject(t, { name: 'After' });
      const after = await receiver.waitFor('/projects', 3);
      expect((verify(after[2], secret) as { data: { id: string } }).data.id).toBe(more.id);
    });
  });

  describe('plan limit', () => {
    it('counts documents against the plan\u2019s storage and refuses one over it', async () => {
      const tenant = await createTenant(api, root);
      const project = await newProject(tenant);
      const limit = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, {
        token: root,
        body: { limitOverrides: { storageMb: 1 } },
      });
      expect(limit.status, JSON.stringify(limit.body)).toBe(200);
      // Random text: PostgreSQL would compress a repeated character to almost nothing.
      const big = () => ({ title: 'Big', body: randomBytes(45_000).toString('hex') });
      let refused;
      for (let i = 0; i < 40 && !refused; i++) {
        const res = await api.call('POST', documents(project.id), { token: tenant.token, body: big() });
        if (res.status !== 201) refused = res;
      }
      expectProblem(refused!, 403, 'PLAN_LIMIT', { limit: 'storageMb', max: 1 });
      // The refused document was not stored.
      const stored = await api.call('GET', `${documents(project.id)}?limit=100`, { token: tenant.token });
      expect(stored.body.items.every((d: { id: string }) => d.id !== refused!.body.id)).toBe(true);
      expect((await api.call('GET', `${projects}/${project.id}`, { token: tenant.token })).status).toBe(200);
    });
  });
});
