import { GROUP, PATCH, scim, scimToken, USER } from '../directory-sync/scim-support';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { ownQueues } from '../support/config';
import { createTenant, eventually, login, superAdminToken, TestTenant } from '../support/fixtures';
import { auditEvents, createEndpoint, webhookOverrides } from '../support/webhooks';

/** Webhook endpoints through the API: CRUD, secrets, the catalogue, plans, permissions, URL checks. */
describe('webhook endpoints', () => {
  let api: TestApi;
  let strictApi: TestApi;
  let root: string;
  let tenant: TestTenant;
  let pg: Client;

  beforeAll(async () => {
    const queues = ownQueues();
    api = await startApi({ ...queues, ...webhookOverrides() });
    // The same product without the development allowance for loopback targets.
    strictApi = await startApi({ ...queues, ...webhookOverrides({ WEBHOOKS_ALLOW_LOOPBACK: 'false' }) });
    root = await superAdminToken(api);
    tenant = await createTenant(api, root);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await strictApi?.close();
    await api?.close();
  });

  it('serves the event-type catalogue', async () => {
    const res = await api.call('GET', '/api/v1/webhooks/event-types', { token: tenant.token });
    expect(res.status).toBe(200);
    const types = res.body.items.map((t: { type: string }) => t.type);
    for (const type of [
      'user.created',
      'user.updated',
      'user.deactivated',
      'user.reactivated',
      'role.created',
      'role.assigned',
      'project.created',
      'project.deleted',
      'document.updated',
      'api_key.created',
      'api_key.revoked',
      'tenant.updated',
      'webhook.test',
    ]) {
      expect(types).toContain(type);
    }
    for (const item of res.body.items) {
      expect(item.group).toBe(item.type.split('.')[0]);
      expect(item.description.length).toBeGreaterThan(5);
    }
  });

  it('publishes the JSON Schema of each event\u2019s data, and every queued message satisfies it', async () => {
    const own = await createTenant(api, root);
    const catalogue = await api.call('GET', '/api/v1/webhooks/event-types', { token: own.token });
    expect(catalogue.status).toBe(200);
    const ajv = addFormats(new Ajv2020({ allErrors: true, allowUnionTypes: true }));
    const validators = new Map(catalogue.body.items.map((t: any) => [t.type, ajv.compile(t.schema)]));
    expect(validators.size).toBe(catalogue.body.items.length);
    const endpoint = await createEndpoint(api, own, 'http://127.0.0.1:9/schemas', ['*']);
    const call = async (method: string, path: string, body?: unknown, status = [200, 201, 204]) => {
      const res = await api.call(method, `/api/v1${path}`, { token: own.token, body });
      expect(status, `${method} ${path}: ${JSON.stringify(res.body)}`).toContain(res.status);
      return res.body;
    };
    // One change of every kind that emits an event.
    const user = await call('POST', '/users', { email: `schema-${Date.now()}@${own.slug}.test`, name: 'Schema Sam' });
    await call('PATCH', `/users/${user.id}`, { name: 'Schema Samantha' });
    await call('POST', `/users/${user.id}/deactivate`);
    await call('POST', `/users/${user.id}/reactivate`);
    const role = await call('POST', '/roles', {
      key: `schema_${Date.now()}`,
      name: 'Schema role',
      permissions: ['projects:read'],
    });
    await call('PATCH', `/roles/${role.id}`, { name: 'Schema role, renamed' });
    await call('POST', `/users/${user.id}/roles`, { role: role.key });
    await call('DELETE', `/users/${user.id}/roles/${role.key}`);
    await call('DELETE', `/roles/${role.id}`);
    const key = await call('POST', '/api-keys', { name: 'schema', scopes: ['projects:read'] });
    await call('DELETE', `/api-keys/${key.id}`);
    const project = await call('POST', '/projects', { name: 'Schema project', description: 'Checked against its schema' });
    await call('PATCH', `/projects/${project.id}`, { name: 'Schema project, renamed' });
    const doc = await call('POST', `/projects/${project.id}/documents`, { title: 'Schema doc', body: 'text' });
    await call('PATCH', `/projects/${project.id}/documents/${doc.id}`, { title: 'Schema doc, renamed' });
    await call('DELETE', `/projects/${project.id}/documents/${doc.id}`);
    await call('DELETE', `/projects/${project.id}`);
    await call('PATCH', '/tenant', { settings: { mfaRequired: false } });
    await call('POST', `/webhooks/endpoints/${endpoint.id}/test`, undefined, [200, 201, 202]);
    // The directory's changes (SCIM), as an identity provider makes them.
    const directory = scim(api, (await scimToken(api, own)).token);
    const scimCall = async (method: string, path: string, body?: unknown) => {
      const res = await directory(method, path, body);
      expect([200, 201, 204], `${method} ${path}: ${JSON.stringify(res.body)}`).toContain(res.status);
      return res.body;
    };
    const provisioned = await scimCall('POST', '/Users', {
      schemas: [USER],
      userName: `scim-${Date.now()}@${own.slug}.test`,
      name: { givenName: 'Dir', familyName: 'Ectory' },
      externalId: 'ext-1',
    });
    const group = await scimCall('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Schema group',
      members: [{ value: provisioned.id }],
    });
    await scimCall('DELETE', `/Groups/${group.id}`);
    await scimCall('PATCH', `/Users/${provisioned.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    await scimCall('DELETE', `/Users/${provisioned.id}`);

    const messages = await call('GET', '/webhooks/messages?limit=100');
    const seen = new Set<string>();
    for (const m of messages.items) {
      const validate = validators.get(m.eventType) as any;
      expect(validate, `${m.eventType} has a published schema`).toBeDefined();
      expect(validate(m.data), `${m.eventType}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(m.data)}`).toBe(true);
      seen.add(m.eventType);
    }
    // Every type was exercised (a test that checked nothing would prove nothing).
    expect([...seen].sort()).toEqual(catalogue.body.items.map((t: any) => t.type).sort());
    // And the schemas do refuse what they should.
    expect((validators.get('project.deleted') as any)({ id: project.id, extra: 1 })).toBe(false);
    expect((validators.get('user.created') as any)({ id: user.id, email: 'x', name: 'y', status: 'asleep' })).toBe(false);
  });

  it('creates an endpoint, shows its secret once, and keeps it encrypted', async () => {
    const url = 'http://127.0.0.1:9/hooks';
    const res = await api.call('POST', '/api/v1/webhooks/endpoints', {
      token: tenant.token,
      body: { url, eventTypes: ['project.*', 'user.created'], description: 'CRM sync' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      url,
      eventTypes: ['project.*', 'user.created'],
      description: 'CRM sync',
      enabled: true,
      disabledAt: null,
      failingSince: null,
    });
    const secret: string = res.body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);

    const one = await api.call('GET', `/api/v1/webhooks/endpoints/${res.body.id}`, { token: tenant.token });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    const list = await api.call('GET', '/api/v1/webhooks/endpoints', { token: tenant.token });
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));

    const schema = `t_${tenant.id.replace(/-/g, '')}`;
    const { rows } = await pg.query(`SELECT secret FROM "${schema}".webhook_endpoints WHERE id = $1`, [res.body.id]);
    expect(rows[0].secret).toMatch(/^enc:v1:/);
    expect(rows[0].secret).not.toContain(secret.slice(6, 20));

    const [event] = await auditEvents(api, tenant, 'webhook_endpoint.created', res.body.id);
    expect(event.resource).toEqual({ type: 'webhook_endpoint', id: res.body.id });
    expect(event.changes.after).toMatchObject({ url, eventTypes: ['project.*', 'user.created'] });
    expect(JSON.stringify(event)).not.toContain(secret.slice(6));
  });

  it('validates what an endpoint subscribes to', async () => {
    for (const eventTypes of [[], ['project.exploded'], ['webhook.test'], ['webhook.*'], 'project.*']) {
      const res = await api.call('POST', '/api/v1/webhooks/endpoints', {
        token: tenant.token,
        body: { url: 'http://127.0.0.1:9/x', eventTypes },
      });
      expect(res.status, JSON.stringify(eventTypes)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await api.call('POST', '/api/v1/webhooks/endpoints', {
      token: tenant.token,
      body: { url: 'http://127.0.0.1:9/x', eventTypes: ['*'], secret: 'whsec_mine' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual({ field: 'secret', message: 'secret is not a known field' });
  });

  it('changes, disables, enables and deletes an endpoint, each audited', async () => {
    const { id } = await createEndpoint(api, tenant, 'http://127.0.0.1:9/a', ['project.created']);
    const patched = await api.call('PATCH', `/api/v1/webhooks/endpoints/${id}`, {
      token: tenant.token,
      body: { url: 'http://127.0.0.1:9/b', eventTypes: ['*'], description: 'all of it', enabled: false },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ url: 'http://127.0.0.1:9/b', eventTypes: ['*'], enabled: false });
    expect(patched.body.disabledReason).toBe('disabled by a user');
    expect(new Date(patched.body.disabledAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const enabled = await api.call('PATCH', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    const updates = await auditEvents(api, tenant, 'webhook_endpoint.updated', id);
    expect(updates).toHaveLength(2);
    expect(updates.map((e) => e.changes.after.enabled).sort()).toEqual([false, true]);

    const removed = await api.call('DELETE', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
    expect(removed.status).toBe(204);
    expect((await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token })).status).toBe(404);
    expect((await api.call('DELETE', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token })).status).toBe(404);
    // The refused second delete is recorded as a failure once its answer has gone out.
    await eventually(async () => (await auditEvents(api, tenant, 'webhook_endpoint.deleted', id)).length === 2);
    expect(await auditEvents(api, tenant, 'webhook_endpoint.deleted', id)).toHaveLength(2);
  });

  it('rotates the secret: a new one, shown once, with the old one signing for 24 hours', async () => {
    const { id, secret } = await createEndpoint(api, tenant, 'http://127.0.0.1:9/r');
    const res = await api.call('POST', `/api/v1/webhooks/endpoints/${id}/rotate-secret`, { token: tenant.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(secret);
    const overlap = new Date(res.body.previousSecretExpiresAt).getTime() - new Date(res.body.secretRotatedAt).getTime();
    expect(overlap).toBe(24 * 60 * 60 * 1000);
    const [event] = await auditEvents(api, tenant, 'webhook_endpoint.secret_rotated', id);
    expect(JSON.stringify(event)).not.toContain(res.body.secret.slice(6));
  });

  describe('refuses targets that are not public, when created and when changed', () => {
    const refusedEverywhere: [string, RegExp][] = [
      ['http://10.0.0.1/hook', /private/],
      ['http://172.16.5.4/hook', /private/],
      ['http://192.168.1.20:8080/hook', /private/],
      ['http://[fd00::1]/hook', /uniqueLocal/],
      ['http://169.254.169.254/latest/meta-data/', /linkLocal/],
      ['http://[fe80::1]/hook', /linkLocal/],
      ['http://0.0.0.0/hook', /unspecified/],
      ['http://[::]/hook', /unspecified/],
      ['http://224.0.0.1/hook', /multicast/],
      ['http://[ff02::1]/hook', /multicast/],
      ['http://[::ffff:10.0.0.1]/hook', /private/],
      // IPv4-compatible (::/96) and NAT64 addresses are judged by the IPv4 address they carry.
      ['http://[::127.0.0.1]:9/hook', /loopback/],
      ['http://[::169.254.169.254]/latest/meta-data/', /linkLocal/],
      ['http://[::a00:1]/hook', /private/],
      ['http://[64:ff9b::a9fe:a9fe]/hook', /linkLocal/],
      ['http://100.64.0.1/hook', /carrierGradeNat/],
      ['http://198.18.0.1/hook', /benchmarking/],
      ['http://[2002:a00:1::1]/hook', /6to4/],
      ['http://[2001::1]/hook', /teredo/],
      ['ftp://127.0.0.1/hook', /only http and https/],
    ];

    it.each(refusedEverywhere)('%s', async (url, reason) => {
      for (const target of [api, strictApi]) {
        const res = await target.call('POST', '/api/v1/webhooks/endpoints', {
          token: tenant.token,
          body: { url, eventTypes: ['*'] },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.code).toBe('WEBHOOK_URL_REFUSED');
        expect(res.body.reason).toMatch(reason);
        expect(res.body.errors[0].field).toBe('url');
      }
    });

    it('refuses loopback, by address or by a name resolving to it, unless loopback is allowed', async () => {
      for (const url of ['http://127.0.0.1:9/hook', 'http://127.8.9.10/hook', 'http://[::1]:9/hook', 'http://localhost:9/hook']) {
        const res = await strictApi.call('POST', '/api/v1/webhooks/endpoints', {
          token: tenant.token,
          body: { url, eventTypes: ['*'] },
        });
        expect(res.status, url).toBe(400);
        expect(res.body.code).toBe('WEBHOOK_URL_REFUSED');
        expect(res.body.reason, url).toMatch(/loopback/);
      }
      const allowed = await api.call('POST', '/api/v1/webhooks/endpoints', {
        token: tenant.token,
        body: { url: 'http://localhost:9/hook', eventTypes: ['*'] },
      });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
      await api.call('DELETE', `/api/v1/webhooks/endpoints/${allowed.body.id}`, { token: tenant.token });
    });

    it('checks a changed URL too', async () => {
      const { id } = await createEndpoint(api, tenant, 'http://127.0.0.1:9/ok');
      const res = await api.call('PATCH', `/api/v1/webhooks/endpoints/${id}`, {
        token: tenant.token,
        body: { url: 'http://169.254.169.254/' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('WEBHOOK_URL_REFUSED');
      const after = await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
      expect(after.body.url).toBe('http://127.0.0.1:9/ok');
      await api.call('DELETE', `/api/v1/webhooks/endpoints/${id}`, { token: tenant.token });
    });
  });

  it('holds the number of endpoints to the plan, and needs the webhooks feature', async () => {
    const small = await createTenant(api, root);
    const set = (body: unknown) => api.call('PATCH', `/api/v1/platform/tenants/${small.id}`, { token: root, body });
    expect((await set({ limitOverrides: { webhookEndpoints: 2 } })).status).toBe(200);
    await createEndpoint(api, small, 'http://127.0.0.1:9/1');
    await createEndpoint(api, small, 'http://127.0.0.1:9/2');
    const third = await api.call('POST', '/api/v1/webhooks/endpoints', {
      token: small.token,
      body: { url: 'http://127.0.0.1:9/3', eventTypes: ['*'] },
    });
    expect(third.status, JSON.stringify(third.body)).toBe(403);
    expect(third.body).toMatchObject({ code: 'PLAN_LIMIT', limit: 'webhookEndpoints', max: 2, current: 2 });

    expect((await set({ plan: 'free', limitOverrides: { webhookEndpoints: null } })).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/api/v1/webhooks/endpoints'],
      ['GET', '/api/v1/webhooks/endpoints'],
      ['GET', '/api/v1/webhooks/messages'],
      ['GET', '/api/v1/webhooks/event-types'],
    ]) {
      const res = await api.call(method, path, {
        token: small.token,
        ...(method === 'POST' ? { body: { url: 'http://127.0.0.1:9/4', eventTypes: ['*'] } } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'webhooks' });
    }
  });

  it('lets readers read and only managers manage', async () => {
    const password = 'webhook-reader-password-1';
    const tokens: Record<string, string> = {};
    for (const role of ['viewer', 'member']) {
      const email = `${role}-${Date.now()}@${tenant.slug}.test`;
      const res = await api.call('POST', '/api/v1/users', {
        token: tenant.token,
        body: { email, name: role, password, roles: [role] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      tokens[role] = await login(api, tenant.slug, email, password);
    }
    const { id } = await createEndpoint(api, tenant, 'http://127.0.0.1:9/perm');
    expect((await api.call('GET', '/api/v1/webhooks/endpoints', { token: tokens.viewer })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/webhooks/messages`, { token: tokens.viewer })).status).toBe(200);
    const write = await api.call('PATCH', `/api/v1/webhooks/endpoints/${id}`, { token: tokens.viewer, body: { enabled: false } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ code: 'FORBIDDEN', missing: ['webhooks:manage'] });
    const member = await api.call('GET', '/api/v1/webhooks/endpoints', { token: tokens.member });
    expect(member.status).toBe(403);
    expect(member.body.missing).toEqual(['webhooks:read']);
  });

  it("keeps each tenant's endpoints to itself", async () => {
    const other = await createTenant(api, root);
    const { id } = await createEndpoint(api, tenant, 'http://127.0.0.1:9/mine');
    expect((await api.call('GET', `/api/v1/webhooks/endpoints/${id}`, { token: other.token })).status).toBe(404);
    expect((await api.call('DELETE', `/api/v1/webhooks/endpoints/${id}`, { token: other.token })).status).toBe(404);
    const list = await api.call('GET', '/api/v1/webhooks/endpoints', { token: other.token });
    expect(list.body.items).toEqual([]);
  });
});
