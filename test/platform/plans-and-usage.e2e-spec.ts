import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { expectProblem } from '../support/problems';

const PASSWORD = 'amber-falcon-orchard-42';

/**
 * Plans and quotas as tenants and super admins see them: statistics against known fixtures, the
 * dashboard, the tenant's own profile, settings and usage, each metered limit and feature gate,
 * and the immediate, confirmed purge.
 */
describe('plans, usage and tenant statistics', () => {
  let api: TestApi;
  let pg: Client;
  let root: string;

  const patchTenant = async (tenant: TestTenant, body: Record<string, unknown>) => {
    const res = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, { token: root, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const usageOf = async (tenant: TestTenant) => {
    const res = await api.call('GET', '/api/v1/tenant/usage', { token: tenant.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Object.fromEntries(res.body.usage.map((u: any) => [u.limit, u])) as Record<
      string,
      { used: number; max: number; remaining: number }
    >;
  };
  const schemaExists = async (tenantId: string) =>
    (await pg.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [`t_${tenantId.replace(/-/g, '')}`])).rowCount === 1;
  const roleExists = async (tenantId: string) =>
    (await pg.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [`t_${tenantId.replace(/-/g, '')}`])).rowCount === 1;

  beforeAll(async () => {
    api = await startApi();
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    root = await superAdminToken(api);
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  describe('GET /api/v1/platform/tenants/:id/stats', () => {
    it('counts users by status, projects, documents, API calls today and storage of a known tenant', async () => {
      const t = await createTenant(api, root);
      const created = async (path: string, body: unknown) => {
        const res = await api.call('POST', path, { token: t.token, body });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body;
      };
      await created('/api/v1/users', { email: `active@${t.slug}.test`, name: 'Active', password: PASSWORD });
      await created('/api/v1/users', { email: `invited@${t.slug}.test`, name: 'Invited' });
      const gone = await created('/api/v1/users', { email: `gone@${t.slug}.test`, name: 'Gone', password: PASSWORD });
      expect((await api.call('POST', `/api/v1/users/${gone.id}/deactivate`, { token: t.token })).status).toBe(200);
      const p1 = await created('/api/v1/projects', { name: 'One' });
      await created('/api/v1/projects', { name: 'Two' });
      for (const title of ['a', 'b', 'c']) await created(`/api/v1/projects/${p1.id}/documents`, { title, body: 'text' });
      // 9 authenticated calls so far (the login is not one).
      const stats = await api.call('GET', `/api/v1/platform/tenants/${t.id}/stats`, { token: root });
      expect(stats.status, JSON.stringify(stats.body)).toBe(200);
      expect(stats.body).toMatchObject({
        tenantId: t.id,
        plan: 'professional',
        users: { total: 4, active: 2, invited: 1, deactivated: 1 },
        activeUsers30d: 1,
        projects: 2,
        documents: 3,
        apiCallsToday: 9,
        webhookEndpoints: 0,
        limits: { seats: 100, apiCallsPerDay: 100_000, storageMb: 10_000 },
      });
      expect(stats.body.storageBytes).toBeGreaterThan(100_000);
      expect(stats.body.storageMb).toBeCloseTo(stats.body.storageBytes / 1024 / 1024, 1);
      expect(Date.now() - new Date(stats.body.lastActivityAt).getTime()).toBeLessThan(60_000);
      expectProblem(
        await api.call('GET', '/api/v1/platform/tenants/00000000-0000-4000-8000-000000000000/stats', { token: root }),
        404,
        'TENANT_NOT_FOUND',
      );
    });
  });

  it('GET /api/v1/platform/dashboard counts tenants by status and plan, and this week\u2019s signups', async () => {
    const before = (await api.call('GET', '/api/v1/platform/dashboard', { token: root })).body;
    const a = await createTenant(api, root);
    await createTenant(api, root);
    expect((await api.call('POST', `/api/v1/platform/tenants/${a.id}/suspend`, { token: root })).status).toBe(200);
    const after = await api.call('GET', '/api/v1/platform/dashboard', { token: root });
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;
    expect(after.body.tenants).toBe(before.tenants + 2);
    expect(count(after.body.byStatus, 'suspended')).toBe(count(before.byStatus, 'suspended') + 1);
    expect(count(after.body.byStatus, 'active')).toBe(count(before.byStatus, 'active') + 1);
    expect(count(after.body.byPlan, 'professional')).toBe(count(before.byPlan, 'professional') + 2);
    expect(after.body.signupsPerWeek).toHaveLength(12);
    expect(after.body.signupsPerWeek.at(-1).count).toBe(before.signupsPerWeek.at(-1).count + 2);
    // The suspended tenant's admin no longer counts among users of active tenants.
    expect(after.body.users).toBe(before.users + 1);
  });

  describe('the tenant\u2019s own profile', () => {
    it('GET /api/v1/tenant shows plan, features, limits and settings; PATCH changes settings (audited)', async () => {
      const t = await createTenant(api, root);
      const profile = await api.call('GET', '/api/v1/tenant', { token: t.token });
      expect(profile.status, JSON.stringify(profile.body)).toBe(200);
      expect(profile.body).toMatchObject({
        id: t.id,
        slug: t.slug,
        plan: 'professional',
        settings: { supportAccess: 'consent' },
      });
      expect(profile.body.features).toEqual(expect.arrayContaining(['webhooks', 'custom_roles', 'audit_export', 'sso']));
      expect(profile.body.limits.seats).toBe(100);

      const changed = await api.call('PATCH', '/api/v1/tenant', {
        token: t.token,
        body: { settings: { lockoutThreshold: 7, supportAccess: 'never' } },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.settings).toMatchObject({ lockoutThreshold: 7, supportAccess: 'never' });
      const platformView = await api.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root });
      expect(platformView.body.settings).toMatchObject({ lockoutThreshold: 7, supportAccess: 'never' });
      const events = await api.call('GET', '/api/v1/audit-events?action=tenant.settings.updated', { token: t.token });
      expect(events.body.items).toHaveLength(1);
      expect(events.body.items[0].changes).toMatchObject({
        before: { settings: { supportAccess: 'consent' } },
        after: { settings: { supportAccess: 'never', lockoutThreshold: 7 } },
      });

      expectProblem(
        await api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { settings: { supportAccess: 'sometimes' } } }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { plan: 'enterprise' } }),
        400,
        'VALIDATION_FAILED',
      );
      // An IP allowlist needs the ip_allowlist feature, which professional lacks; nothing changes.
      expectProblem(
        await api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { settings: { ipAllowlist: ['203.0.113.0/24'] } } }),
        403,
        'FEATURE_NOT_IN_PLAN',
        { feature: 'ip_allowlist' },
      );
      expect((await api.call('GET', '/api/v1/tenant', { token: t.token })).body.settings.ipAllowlist).toBeUndefined();
    });

    it('a member may not read or change the settings', async () => {
      const t = await createTenant(api, root);
      const email = `member@${t.slug}.test`;
      await api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'M', password: PASSWORD, roles: ['member'] },
      });
      const login = await api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password: PASSWORD } });
      const token = login.body.accessToken;
      expectProblem(await api.call('GET', '/api/v1/tenant', { token }), 403, 'FORBIDDEN');
      expectProblem(
        await api.call('PATCH', '/api/v1/tenant', { token, body: { settings: { mfaRequired: true } } }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await api.call('GET', '/api/v1/tenant/usage', { token }), 403, 'FORBIDDEN');
    });
  });

  describe('limits, each refused one over with PLAN_LIMIT naming it', () => {
    it('apiCallsPerDay: counted in Redis per UTC day; the call over the quota is refused, and usage shows it', async () => {
      const t = await createTenant(api, root);
      await patchTenant(t, { limitOverrides: { apiCallsPerDay: 5 } });
      for (let i = 1; i <= 4; i++) expect((await api.call('GET', '/api/v1/projects', { token: t.token })).status).toBe(200);
      const usage = await usageOf(t); // the fifth call
      expect(usage.apiCallsPerDay).toEqual({ limit: 'apiCallsPerDay', used: 5, max: 5, remaining: 0 });
      expectProblem(await api.call('GET', '/api/v1/projects', { token: t.token }), 403, 'PLAN_LIMIT', {
        limit: 'apiCallsPerDay',
        max: 5,
      });
      // Another tenant is not affected; raising the limit lets the tenant in again.
      const other = await createTenant(api, root);
      expect((await api.call('GET', '/api/v1/projects', { token: other.token })).status).toBe(200);
      await patchTenant(t, { limitOverrides: { apiCallsPerDay: null } });
      expect((await api.call('GET', '/api/v1/projects', { token: t.token })).status).toBe(200);
    });

    it('storageMb: documents are stored until the limit, then refused, and the refused one is not stored', async () => {
      const t = await createTenant(api, root);
      const project = (await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'Files' } })).body;
      const used = (await usageOf(t)).storageMb.used;
      expect(used).toBeGreaterThan(0);
      await patchTenant(t, { limitOverrides: { storageMb: Math.ceil(used) } });
      // Random text does not compress away, so each document really takes room.
      const doc = () => ({ title: 'data', body: randomBytes(45_000).toString('hex') });
      let stored = 0;
      let refused: Reply | undefined;
      for (let i = 0; i < 60 && !refused; i++) {
        const res = await api.call('POST', `/api/v1/projects/${project.id}/documents`, { token: t.token, body: doc() });
        if (res.status === 201) stored++;
        else refused = res;
      }
      expect(refused, 'a document was refused before 60 were stored').toBeDefined();
      expectProblem(refused!, 403, 'PLAN_LIMIT', { limit: 'storageMb', max: Math.ceil(used) });
      const docs = await api.call('GET', `/api/v1/projects/${project.id}/documents?limit=100`, { token: t.token });
      expect(docs.body.items).toHaveLength(stored);
      // Raising the limit makes room again.
      await patchTenant(t, { limitOverrides: { storageMb: Math.ceil(used) + 5 } });
      expect((await api.call('POST', `/api/v1/projects/${project.id}/documents`, { token: t.token, body: doc() })).status).toBe(
        201,
      );
    });

    it('usage lists every limit with what is used and left', async () => {
      const t = await createTenant(api, root);
      const usage = await usageOf(t);
      expect(Object.keys(usage).sort()).toEqual([
        'apiCallsPerDay',
        'auditRetentionDays',
        'seats',
        'storageMb',
        'webhookEndpoints',
      ]);
      expect(usage.seats).toEqual({ limit: 'seats', used: 1, max: 100, remaining: 99 });
      expect(usage.webhookEndpoints).toMatchObject({ used: 0, max: 10 });
      expect(usage.auditRetentionDays).toMatchObject({ used: 0, max: 365 });
    });
  });

  describe('features', () => {
    it('a starter tenant lacks custom roles and audit export (FEATURE_NOT_IN_PLAN naming the feature)', async () => {
      const t = await createTenant(api, root);
      await patchTenant(t, { plan: 'starter' });
      expectProblem(
        await api.call('POST', '/api/v1/roles', {
          token: t.token,
          body: { key: 'helper', name: 'Helper', permissions: ['projects:read'] },
        }),
        403,
        'FEATURE_NOT_IN_PLAN',
        { feature: 'custom_roles' },
      );
      expectProblem(
        await api.call('GET', '/api/v1/audit-events/export?format=jsonl', { token: t.token }),
        403,
        'FEATURE_NOT_IN_PLAN',
        {
          feature: 'audit_export',
        },
      );
      expectProblem(
        await api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { settings: { ssoEnforced: true } } }),
        403,
        'FEATURE_NOT_IN_PLAN',
        { feature: 'sso' },
      );
    });
  });

  describe('DELETE /api/v1/platform/tenants/:id?purge=true', () => {
    it('needs the slug in confirm; then drops schema and role at once and records tenant.purged', async () => {
      const t = await createTenant(api, root);
      expectProblem(
        await api.call('DELETE', `/api/v1/platform/tenants/${t.id}?purge=true`, { token: root }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('DELETE', `/api/v1/platform/tenants/${t.id}?purge=true&confirm=wrong`, { token: root }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await api.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root })).body.status).toBe('active');
      expect(await schemaExists(t.id)).toBe(true);

      const res = await api.call('DELETE', `/api/v1/platform/tenants/${t.id}?purge=true&confirm=${t.slug}`, { token: root });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, status: 'deleted', purgeAfter: null });
      expect(await schemaExists(t.id)).toBe(false);
      expect(await roleExists(t.id)).toBe(false);
      expectProblem(await api.call('GET', '/api/v1/projects', { token: t.token }), 404, 'TENANT_NOT_FOUND');

      const events = await api.call('GET', `/api/v1/platform/audit-events?action=tenant.purged&resourceId=${t.id}`, {
        token: root,
      });
      expect(events.body.items).toHaveLength(1);
      expect(events.body.items[0]).toMatchObject({
        actor: { type: 'platform_user' },
        metadata: { slug: t.slug, why: 'purged on request' },
      });
      const deleted = await api.call(
        'GET',
        `/api/v1/platform/audit-events?action=tenant.deleted&resourceId=${t.id}&outcome=success`,
        {
          token: root,
        },
      );
      expect(deleted.body.items[0].metadata).toMatchObject({ purged: true });
    });
  });
});
