import { Body, Controller, Get, Module, Post, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PLATFORM_ROLES } from '@stratum/common';
import { PlatformUsersService, TenantUsersService } from '@stratum/identity';
import {
  Authenticated,
  isPermission,
  Permission,
  PERMISSIONS,
  POLICY,
  RoutePolicy,
  SYSTEM_ROLES,
  SystemRoleKey,
} from '@stratum/rbac';
import { TenantDatabase, TenantRegistry, TenantScoped } from '@stratum/tenancy';
import { IsString } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { sweepRoutes } from '../support/routes';

/** How often the handlers without a policy actually ran; must stay 0. */
const reached = { count: 0 };

class EchoBody {
  @IsString()
  text: string;
}

/** Routes that forgot to declare a policy: they must be refused, whoever calls. */
@Controller('test-no-policy')
class NoPolicyController {
  @Get()
  read() {
    reached.count++;
    return { secret: 'should never be served' };
  }

  @Post()
  write(@Body() body: EchoBody) {
    reached.count++;
    return body;
  }
}

@TenantScoped()
@Controller('test-no-policy-tenant')
class NoPolicyTenantController {
  @Get()
  read() {
    reached.count++;
    return { secret: 'tenant data' };
  }
}

/** A policy on the controller covers its handlers. */
@Authenticated()
@Controller('test-class-policy')
class ClassPolicyController {
  @Get()
  read() {
    return { ok: true };
  }
}

const TEST_CONTROLLERS = [NoPolicyController, NoPolicyTenantController, ClassPolicyController];

@Module({ imports: [DiscoveryModule], controllers: TEST_CONTROLLERS })
class RoutePolicyTestModule {}

/** Every controller handler the running app routes, with the policy PolicyGuard would read for it. */
const discoverRoutes = (api: TestApi) => sweepRoutes(api).map((r) => ({ ...r, policy: r.meta<RoutePolicy>(POLICY) }));

function policyProblem(policy: RoutePolicy | undefined): string | undefined {
  if (!policy) return 'no policy';
  switch (policy.kind) {
    case 'public':
    case 'authenticated':
    case 'directory':
      return undefined;
    case 'permissions':
      if (!policy.permissions.length) return 'empty permission list';
      return policy.permissions.every((p) => isPermission(p))
        ? undefined
        : `unknown permission in ${policy.permissions.join(',')}`;
    case 'platform':
      if (!policy.roles.length) return 'empty platform role list';
      return policy.roles.every((r) => PLATFORM_ROLES.includes(r))
        ? undefined
        : `unknown platform role in ${policy.roles.join(',')}`;
    default:
      return `unknown policy kind ${JSON.stringify(policy)}`;
  }
}

describe('route policies', () => {
  let api: TestApi;
  let root: string;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startApi({}, [RoutePolicyTestModule]);
    root = await superAdminToken(api);
    tenant = await createTenant(api, root);
  });

  afterAll(() => api?.close());

  describe('sweep over every route', () => {
    it('finds a policy on every product route (handler or controller)', () => {
      const routes = discoverRoutes(api);
      const product = routes.filter((r) => !(TEST_CONTROLLERS as Type[]).includes(r.controller));
      // Enough routes that the sweep cannot pass by finding nothing.
      expect(product.length).toBeGreaterThan(20);
      for (const expected of [
        'TenantsController.create',
        'ProjectsController.remove',
        'TenantAuthController.login',
        'PlatformAuthController.logout',
        'PermissionsController.list',
        'HealthController.ready',
        'ErrorsController.get',
      ]) {
        expect(product.map((r) => r.name)).toContain(expected);
      }
      const offenders = product
        .map((r) => ({ r, problem: policyProblem(r.policy) }))
        .filter((x) => x.problem)
        .map(({ r, problem }) => `${r.method} ${r.path} (${r.name}): ${problem}`);
      expect(offenders, `routes without a valid access policy:\n${offenders.join('\n')}`).toEqual([]);
    });

    it('would catch a route without a policy', () => {
      // The sweep sees the test module's deliberately undeclared routes, so it can fail.
      const flagged = discoverRoutes(api)
        .filter((r) => policyProblem(r.policy))
        .map((r) => r.name)
        .sort();
      expect(flagged).toEqual(['NoPolicyController.read', 'NoPolicyController.write', 'NoPolicyTenantController.read']);
    });

    it('covers every route the HTTP server actually mounted', () => {
      const discovered = new Set(discoverRoutes(api).map((r) => `${r.method} ${r.path}`));
      const router = (
        api.app.getHttpAdapter().getInstance() as {
          router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
        }
      ).router;
      const mounted = router.stack
        // Route layers answering every method are Nest's middleware mounts (router.all), not routes.
        .filter((layer) => layer.route && Object.keys(layer.route.methods).length < 5 && !layer.route.path.startsWith('/docs'))
        .flatMap((layer) =>
          Object.keys(layer.route!.methods)
            .filter((m) => m !== '_all')
            .map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
        );
      expect(mounted.length).toBeGreaterThan(20);
      const unknown = mounted.filter((route) => !discovered.has(route));
      expect(unknown, `mounted routes the sweep did not see: ${unknown.join(', ')}`).toEqual([]);
    });
  });

  describe('a route without a policy', () => {
    it('is refused anonymously, with a tenant token and with a platform token, and never runs', async () => {
      const before = reached.count;
      const attempts = [
        await api.call('GET', '/api/v1/test-no-policy'),
        await api.call('GET', '/api/v1/test-no-policy', { tenant: tenant.slug }),
        await api.call('GET', '/api/v1/test-no-policy', { token: tenant.token }),
        await api.call('GET', '/api/v1/test-no-policy', { token: root }),
        await api.call('POST', '/api/v1/test-no-policy', { token: tenant.token, body: { text: 'hello' } }),
        await api.call('GET', '/api/v1/test-no-policy-tenant', { tenant: tenant.slug }),
        await api.call('GET', '/api/v1/test-no-policy-tenant', { token: tenant.token, tenant: tenant.slug }),
      ];
      for (const res of attempts) {
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('FORBIDDEN');
        expect(JSON.stringify(res.body)).not.toContain('should never be served');
        expect(JSON.stringify(res.body)).not.toContain('tenant data');
      }
      // A tenant-scoped route with no tenant named fails tenant resolution first (authentication is
      // skipped without a policy, so the token does not name the tenant): refused all the same.
      const unnamed = await api.call('GET', '/api/v1/test-no-policy-tenant', { token: tenant.token });
      expect([400, 403], JSON.stringify(unnamed.body)).toContain(unnamed.status);
      expect(JSON.stringify(unnamed.body)).not.toContain('tenant data');
      expect(reached.count).toBe(before);
    });

    it('is covered by a policy on its controller', async () => {
      const anonymous = await api.call('GET', '/api/v1/test-class-policy');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      const signedIn = await api.call('GET', '/api/v1/test-class-policy', { token: tenant.token });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toEqual({ ok: true });
    });
  });

  describe('system roles', () => {
    type Who = SystemRoleKey | 'none';
    const WHO: Who[] = ['tenant_admin', 'project_manager', 'member', 'auditor', 'viewer', 'none'];
    const tokens = {} as Record<Who, string>;

    beforeAll(async () => {
      const t = (await api.app.get(TenantRegistry).find(tenant.id))!;
      const users = api.app.get(TenantUsersService);
      const password = 'role-matrix-password-123';
      await api.app.get(TenantDatabase).run(t, async (em) => {
        for (const who of WHO) {
          await users.create(em, {
            email: `${who}@${tenant.slug}.test`,
            name: who,
            password,
            systemRoles: who === 'none' ? [] : [who],
          });
        }
      });
      await Promise.all(
        WHO.map(async (who) => {
          tokens[who] = await login(api, tenant.slug, `${who}@${tenant.slug}.test`, password);
        }),
      );
    });

    const projectOfAdmin = async (name: string): Promise<string> => {
      const res = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name } });
      expect(res.status).toBe(201);
      return res.body.id;
    };

    const expectForbidden = (res: { status: number; body: any }, missing: Permission[]) => {
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.missing).toEqual(missing);
    };

    // On a project made by the admin, which none of them was granted: tenant-wide rights only.
    // Who cannot even see it gets 404 (as if absent); who can see it but not change it, 403.
    const CAN: Record<'create' | 'see' | 'update' | 'delete', Who[]> = {
      create: ['tenant_admin', 'project_manager', 'member'],
      see: ['tenant_admin', 'project_manager', 'auditor', 'viewer'],
      update: ['tenant_admin', 'project_manager'],
      delete: ['tenant_admin', 'project_manager'],
    };

    const expectNotVisible = (res: { status: number; body: any }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    };

    it.each(WHO)('%s: create projects', async (who) => {
      const name = `made by ${who} ${uniqueSlug()}`;
      const res = await api.call('POST', '/api/v1/projects', { token: tokens[who], body: { name } });
      if (CAN.create.includes(who)) {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.name).toBe(name);
        // Its creator sees it, whatever their role.
        const mine = await api.call('GET', `/api/v1/projects/${res.body.id}`, { token: tokens[who] });
        expect(mine.status).toBe(200);
      } else {
        expectForbidden(res, ['projects:create']);
      }
      const all = await api.call('GET', '/api/v1/projects?limit=100', { token: tenant.token });
      expect(all.body.items.some((p: { name: string }) => p.name === name)).toBe(CAN.create.includes(who));
    });

    it.each(WHO)('%s: list and read projects', async (who) => {
      const id = await projectOfAdmin(`readable ${uniqueSlug()}`);
      const list = await api.call('GET', '/api/v1/projects?limit=100', { token: tokens[who] });
      const one = await api.call('GET', `/api/v1/projects/${id}`, { token: tokens[who] });
      if (CAN.see.includes(who)) {
        expect(list.status).toBe(200);
        expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
        expect(one.status).toBe(200);
        expect(one.body.id).toBe(id);
      } else if (who === 'member') {
        // Members list what they were granted or made, and nothing else.
        expect(list.status).toBe(200);
        expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
        expectNotVisible(one);
      } else {
        expectForbidden(list, ['projects:read']);
        expectNotVisible(one);
      }
    });

    it.each(WHO)('%s: update projects', async (who) => {
      const id = await projectOfAdmin(`to rename ${uniqueSlug()}`);
      const res = await api.call('PATCH', `/api/v1/projects/${id}`, { token: tokens[who], body: { name: `renamed by ${who}` } });
      const after = await api.call('GET', `/api/v1/projects/${id}`, { token: tenant.token });
      if (CAN.update.includes(who)) {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(after.body.name).toBe(`renamed by ${who}`);
      } else {
        if (CAN.see.includes(who)) expectForbidden(res, ['projects:update']);
        else expectNotVisible(res);
        expect(after.body.name).not.toBe(`renamed by ${who}`);
      }
    });

    it.each(WHO)('%s: delete projects', async (who) => {
      const id = await projectOfAdmin(`to delete ${uniqueSlug()}`);
      const res = await api.call('DELETE', `/api/v1/projects/${id}`, { token: tokens[who] });
      const after = await api.call('GET', `/api/v1/projects/${id}`, { token: tenant.token });
      if (CAN.delete.includes(who)) {
        expect(res.status, JSON.stringify(res.body)).toBe(204);
        expect(after.status).toBe(404);
      } else {
        if (CAN.see.includes(who)) expectForbidden(res, ['projects:delete']);
        else expectNotVisible(res);
        expect(after.status).toBe(200);
      }
    });

    it.each(WHO)('%s: no platform routes', async (who) => {
      const res = await api.call('GET', '/api/v1/platform/tenants', { token: tokens[who] });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body).not.toHaveProperty('items');
    });

    it('serves the permission catalogue to any authenticated caller, each permission once', async () => {
      const anonymous = await api.call('GET', '/api/v1/permissions');
      expect(anonymous.status).toBe(401);
      for (const token of [...WHO.map((w) => tokens[w]), root]) {
        const res = await api.call('GET', '/api/v1/permissions', { token });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const keys: string[] = res.body.items.map((p: { key: string }) => p.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(Object.keys(PERMISSIONS).sort());
        for (const item of res.body.items) {
          const key = item.key as Permission;
          expect(item.description).toBe(PERMISSIONS[key]);
          expect(item.description.length).toBeGreaterThan(5);
          expect(`${item.resource}:${item.action}`).toBe(key);
          const holders = (Object.keys(SYSTEM_ROLES) as SystemRoleKey[]).filter((r) => SYSTEM_ROLES[r].includes(key));
          expect([...item.systemRoles].sort()).toEqual(holders.sort());
        }
      }
    });
  });

  describe('tokens on the wrong side', () => {
    it('refuses a platform token on a tenant route', async () => {
      // Naming the tenant does not turn platform staff into one of its users.
      const named = await api.call('GET', '/api/v1/projects', { token: root, tenant: tenant.slug });
      expect(named.status).toBe(403);
      expect(named.body.code).toBe('FORBIDDEN');
      const create = await api.call('POST', '/api/v1/projects', { token: root, tenant: tenant.id, body: { name: 'by staff' } });
      expect(create.status).toBe(403);
      expect(create.body.code).toBe('FORBIDDEN');
      // Without a tenant named, it is refused as well (the tenant is resolved before the policy).
      const bare = await api.call('GET', '/api/v1/projects', { token: root });
      expect([400, 403], JSON.stringify(bare.body)).toContain(bare.status);
      expect(['TENANT_REQUIRED', 'FORBIDDEN']).toContain(bare.body.code);
      expect(bare.body).not.toHaveProperty('items');
    });

    it('refuses a tenant token on a platform route', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/v1/platform/tenants'],
        ['GET', `/api/v1/platform/tenants/${tenant.id}`],
        ['POST', `/api/v1/platform/tenants/${tenant.id}/suspend`],
        [
          'POST',
          '/api/v1/platform/tenants',
          { name: 'x', slug: uniqueSlug(), plan: 'free', admin: { email: 'a@b.test', name: 'a', password: 'long-enough-pw' } },
        ],
      ] as const) {
        const res = await api.call(method, path, { token: tenant.token, body });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const still = await api.call('GET', '/api/v1/projects', { token: tenant.token });
      expect(still.status).toBe(200); // not suspended
    });

    it('lets support staff read tenants but not change them', async () => {
      const email = `support-${uniqueSlug()}@stratum.test`;
      const password = 'support-staff-password';
      await api.app.get(PlatformUsersService).ensure(email, 'Support', password, ['support']);
      const res = await api.call('POST', '/api/v1/platform/auth/login', { body: { email, password } });
      expect(res.status).toBe(200);
      const support = res.body.accessToken;
      expect((await api.call('GET', `/api/v1/platform/tenants/${tenant.id}`, { token: support })).status).toBe(200);
      const suspend = await api.call('POST', `/api/v1/platform/tenants/${tenant.id}/suspend`, { token: support });
      expect(suspend.status).toBe(403);
      expect(suspend.body.code).toBe('FORBIDDEN');
      const projects = await api.call('GET', '/api/v1/projects', { token: support, tenant: tenant.slug });
      expect(projects.status).toBe(403);
    });
  });
});
