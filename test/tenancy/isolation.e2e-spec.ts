import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

describe('tenant isolation', () => {
  let api: TestApi;
  let a: TestTenant;
  let b: TestTenant;
  let projectOfA: string;

  beforeAll(async () => {
    api = await startApi({ TENANT_BASE_DOMAIN: 'stratum.test' });
    const root = await superAdminToken(api);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    const created = await api.call('POST', '/api/v1/projects', { token: a.token, body: { name: 'Secret plans of A' } });
    expect(created.status).toBe(201);
    projectOfA = created.body.id;
  });

  afterAll(() => api?.close());

  it('shows each tenant only its own projects', async () => {
    const ofA = await api.call('GET', '/api/v1/projects', { token: a.token });
    const ofB = await api.call('GET', '/api/v1/projects', { token: b.token });
    expect(ofA.body.items.map((p: { id: string }) => p.id)).toEqual([projectOfA]);
    expect(ofB.body.items).toEqual([]);
  });

  it("answers 404 for another tenant's project id, on read, update and delete", async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'hijacked' }], ['DELETE']] as const) {
      const res = await api.call(method, `/api/v1/projects/${projectOfA}`, { token: b.token, body });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const still = await api.call('GET', `/api/v1/projects/${projectOfA}`, { token: a.token });
    expect(still.body.name).toBe('Secret plans of A');
  });

  it('refuses a token of tenant A with X-Tenant naming tenant B (slug or id)', async () => {
    for (const named of [b.slug, b.id]) {
      const res = await api.call('GET', '/api/v1/projects', { token: a.token, tenant: named });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('TENANT_MISMATCH');
    }
    const same = await api.call('GET', '/api/v1/projects', { token: a.token, tenant: a.slug });
    expect(same.status).toBe(200);
  });

  it('refuses a subdomain naming another tenant than the token', async () => {
    const res = await api.call('GET', '/api/v1/projects', { token: a.token, headers: { host: `${b.slug}.stratum.test` } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('TENANT_MISMATCH');
  });

  it('resolves the tenant of a public route from X-Tenant (slug or id) or the subdomain', async () => {
    const body = { email: a.admin.email, password: a.admin.password };
    expect((await api.call('POST', '/api/v1/auth/login', { tenant: a.slug, body })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/login', { tenant: a.id, body })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/login', { headers: { host: `${a.slug}.stratum.test` }, body })).status).toBe(
      200,
    );
    // A's admin does not exist in B.
    const wrong = await api.call('POST', '/api/v1/auth/login', { tenant: b.slug, body });
    expect(wrong.status).toBe(401);
  });

  it('answers TENANT_NOT_FOUND for unknown tenants and TENANT_REQUIRED without one', async () => {
    const body = { email: 'x@y.test', password: 'whatever-password' };
    for (const named of [
      'no-such-tenant',
      '00000000-0000-4000-8000-000000000000',
      "'; DROP SCHEMA platform; --",
      'x'.repeat(300),
    ]) {
      const res = await api.call('POST', '/api/v1/auth/login', { tenant: named, body });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    }
    const none = await api.call('POST', '/api/v1/auth/login', { body });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('TENANT_REQUIRED');
  });

  describe('inside PostgreSQL', () => {
    it("refuses a query from tenant A's transaction that names tenant B's schema", async () => {
      const db = api.app.get(TenantDatabase);
      const registry = api.app.get(TenantRegistry);
      const [ta, tb] = [await registry.find(a.id), await registry.find(b.id)];
      await expect(db.run(ta!, (em) => em.query(`SELECT * FROM "${tb!.schemaName}".projects`))).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
      await expect(
        db.run(ta!, (em) => em.query(`INSERT INTO "${tb!.schemaName}".projects (name) VALUES ('x')`)),
      ).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
    });

    it("refuses the platform schema from a tenant's transaction", async () => {
      const db = api.app.get(TenantDatabase);
      const ta = await api.app.get(TenantRegistry).find(a.id);
      await expect(db.run(ta!, (em) => em.query('SELECT * FROM platform.tenants'))).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
    });

    it("runs as the tenant's role with its schema only, and leaves nothing on the connection", async () => {
      const db = api.app.get(TenantDatabase);
      const ta = (await api.app.get(TenantRegistry).find(a.id))!;
      const inside = await db.run(ta, (em) => em.query(`SELECT current_user AS "user", current_setting('search_path') AS path`));
      expect(inside[0]).toEqual({ user: ta.roleName, path: ta.schemaName });
      // Every pooled connection is back to the login role and default search_path.
      const dataSource = api.app.get(DataSource);
      const results = await Promise.all(
        Array.from({ length: api.config.DATABASE_POOL_SIZE }, () =>
          dataSource.query(`SELECT current_user AS "user", current_setting('search_path') AS path`),
        ),
      );
      for (const [row] of results) {
        expect(row.user).not.toMatch(/^t_/);
        expect(row.path).not.toContain('t_');
      }
    });
  });
});
