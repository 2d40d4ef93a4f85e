import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { createStratumClient, type ErrorCode, type StratumClient } from '../../clients/typescript';
import { startApi, TestApi } from '../support/api';
import { ownQueues, SUPERADMIN, testConfig } from '../support/config';
import { eventually, uniqueSlug } from '../support/fixtures';
import { WebhookReceiver } from '../support/webhook-receiver';
import { webhookOverrides } from '../support/webhooks';

/**
 * What an integrator does with the generated TypeScript client (clients/typescript), and nothing
 * else: every request below goes through it, so a contract change that breaks a caller fails to
 * compile here or fails this tour.
 */
describe('the generated TypeScript client', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let receiver: WebhookReceiver;
  const slug = uniqueSlug('tour');
  const admin = { email: `admin@${slug}.test`, password: `pw-${slug}-long-enough` };
  let platform: StratumClient;
  let tenantAdmin: StratumClient;
  let tenantId: string;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    const queues = ownQueues();
    worker = await startWorker(testConfig({ ...queues, ...webhookOverrides() }));
    api = await startApi({ ...queues, ...webhookOverrides() });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
  });

  it('signs the super admin in and provisions a tenant', async () => {
    const login = await createStratumClient({ baseUrl: api.url }).POST('/api/v1/platform/auth/login', { body: SUPERADMIN });
    expect(login.response.status).toBe(200);
    const accessToken: string | undefined = login.data?.accessToken;
    expect(accessToken).toEqual(expect.any(String));
    platform = createStratumClient({ baseUrl: api.url, token: accessToken });

    const created = await platform.POST('/api/v1/platform/tenants', {
      body: { name: 'Tour Corp', slug, plan: 'professional', admin: { ...admin, name: 'Tour Admin' } },
    });
    expect(created.error).toBeUndefined();
    expect(created.data).toMatchObject({ slug, plan: 'professional', status: 'active' });
    tenantId = created.data!.id;

    const again = await platform.POST('/api/v1/platform/tenants', {
      body: { name: 'Tour Corp', slug, plan: 'professional', admin: { ...admin, name: 'Tour Admin' } },
    });
    expect(again.response.status).toBe(409);
    expect(again.error?.code).toBe('TENANT_SLUG_TAKEN' satisfies ErrorCode);
  });

  it('signs the tenant admin in with X-Tenant, and answers a typed error for an unknown tenant', async () => {
    const anonymous = createStratumClient({ baseUrl: api.url });
    const unknown = await anonymous.POST('/api/v1/auth/login', {
      params: { header: { 'X-Tenant': uniqueSlug('nowhere') } },
      body: admin,
    });
    expect(unknown.data).toBeUndefined();
    // Typed: the codes this operation declares, so a typo in the code fails to compile.
    const code = unknown.error?.code;
    expect(code === 'TENANT_NOT_FOUND').toBe(true);

    const login = await anonymous.POST('/api/v1/auth/login', { params: { header: { 'X-Tenant': slug } }, body: admin });
    expect(login.data?.tokenType).toBe('Bearer');
    tenantAdmin = createStratumClient({ baseUrl: api.url, token: login.data!.accessToken, tenant: slug });

    const me = await tenantAdmin.GET('/api/v1/users/me');
    expect(me.data?.email).toBe(admin.email);
  });

  it('creates users, and refuses the same email twice', async () => {
    for (const name of ['Grace', 'Linus']) {
      const user = await tenantAdmin.POST('/api/v1/users', {
        body: { email: `${name.toLowerCase()}@${slug}.test`, name, password: 'violet-tuba-orchard-2026', roles: ['member'] },
      });
      expect(user.error).toBeUndefined();
      expect(user.data).toMatchObject({ name, status: 'active', roles: ['member'] });
    }
    const twice = await tenantAdmin.POST('/api/v1/users', { body: { email: `grace@${slug}.test`, name: 'Grace again' } });
    expect(twice.response.status).toBe(409);
    expect(twice.error?.code).toBe('CONFLICT' satisfies ErrorCode);

    const list = await tenantAdmin.GET('/api/v1/users', { params: { query: { sort: 'email' } } });
    expect(list.data?.items.map((u) => u.email)).toEqual([`admin@${slug}.test`, `grace@${slug}.test`, `linus@${slug}.test`]);
  });

  let projectId: string;
  it('creates and lists projects, with typed validation errors', async () => {
    for (const name of ['Relaunch', 'Migration']) {
      const project = await tenantAdmin.POST('/api/v1/projects', { body: { name, description: `All about ${name}` } });
      expect(project.response.status).toBe(201);
      expect(project.data?.name).toBe(name);
    }
    const tooLong = await tenantAdmin.POST('/api/v1/projects', { body: { name: 'x'.repeat(201) } });
    expect(tooLong.error?.code === 'VALIDATION_FAILED').toBe(true);
    expect(tooLong.error?.status).toBe(400);

    const page = await tenantAdmin.GET('/api/v1/projects', { params: { query: { limit: 1, sort: 'name' } } });
    expect(page.data?.items.map((p) => p.name)).toEqual(['Migration']);
    const rest = await tenantAdmin.GET('/api/v1/projects', {
      params: { query: { limit: 1, sort: 'name', cursor: page.data!.nextCursor! } },
    });
    expect(rest.data?.items.map((p) => p.name)).toEqual(['Relaunch']);
    projectId = rest.data!.items[0].id;

    const missing = await tenantAdmin.GET('/api/v1/projects/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.error?.code === 'NOT_FOUND').toBe(true);
  });

  it('creates an API key and works with it, within its scopes', async () => {
    const created = await tenantAdmin.POST('/api/v1/api-keys', { body: { name: 'tour reader', scopes: ['projects:read'] } });
    expect(created.data?.scopes).toEqual(['projects:read']);
    const key = createStratumClient({ baseUrl: api.url, apiKey: created.data!.secret });

    const project = await key.GET('/api/v1/projects/{id}', { params: { path: { id: projectId } } });
    expect(project.data?.name).toBe('Relaunch');
    const write = await key.POST('/api/v1/projects', { body: { name: 'Not allowed' } });
    expect(write.response.status).toBe(403);
    expect(write.error?.code === 'FORBIDDEN').toBe(true);
  });

  it('reads the audit trail of all this', async () => {
    const done = await tenantAdmin.GET('/api/v1/audit-events', {
      params: { query: { action: 'project.created', outcome: 'success', limit: 10 } },
    });
    expect(done.data?.items.map((e) => [e.actor.type, e.actor.email])).toEqual([
      ['user', admin.email],
      ['user', admin.email],
    ]);
    // The key's refused write is on the record too, under the key.
    const refused = await tenantAdmin.GET('/api/v1/audit-events', {
      params: { query: { outcome: 'failure', actorType: 'api_key' } },
    });
    expect(refused.data?.items.length).toBeGreaterThan(0);
    const verified = await tenantAdmin.GET('/api/v1/audit-events/verify');
    expect(verified.data?.valid).toBe(true);
  });

  it('creates a webhook endpoint that receives a signed test event', async () => {
    const endpoint = await tenantAdmin.POST('/api/v1/webhooks/endpoints', {
      body: { url: receiver.url('/tour'), eventTypes: ['project.*'], description: 'tour' },
    });
    expect(endpoint.data?.secret).toMatch(/^whsec_/);
    const sent = await tenantAdmin.POST('/api/v1/webhooks/endpoints/{id}/test', { params: { path: { id: endpoint.data!.id } } });
    expect(sent.response.status).toBe(202);
    const [hook] = await receiver.waitFor('/tour');
    expect(hook.webhookId).toBe(sent.data!.id);

    const delivered = await eventually(async () => {
      const message = await tenantAdmin.GET('/api/v1/webhooks/messages/{id}', { params: { path: { id: sent.data!.id } } });
      return message.data?.deliveries.find((d) => d.status === 'succeeded');
    });
    expect(delivered.endpointId).toBe(endpoint.data!.id);

    const tenant = await platform.GET('/api/v1/platform/tenants/{id}', { params: { path: { id: tenantId } } });
    expect(tenant.data?.slug).toBe(slug);
  });
});
