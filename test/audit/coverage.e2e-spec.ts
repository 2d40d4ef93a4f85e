import { Body, Controller, Module, Post, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { auditActionCatalogue, AUDITED, AuditedRoute } from '@stratum/common';
import { Authenticated, POLICY, Public, RoutePolicy } from '@stratum/rbac';
import { IsString } from 'class-validator';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { sweepRoutes } from '../support/routes';
import { createTenant, eventually, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { AuditEvent, eventsOfRequest, requestId, schemaOf, superuser, UUID, verify, waitForEvent } from './helpers';
import { expectProblem } from '../support/problems';

const PASSWORD = 'quartz-meadow-lantern-81';
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'];

class NoteBody {
  @IsString()
  text: string;
}

/** Mutating routes that forgot their audit action: the sweep must flag them. */
@Controller('test-unaudited')
class UnauditedController {
  @Post()
  @Authenticated()
  write(@Body() body: NoteBody) {
    return body;
  }

  @Post('public')
  @Public()
  open(@Body() body: NoteBody) {
    return body;
  }
}

@Module({ imports: [DiscoveryModule], controllers: [UnauditedController] })
class UnauditedTestModule {}

interface SweptRoute {
  name: string;
  controller: Type;
  method: string;
  /** Full path as mounted, e.g. /api/v1/users/:id */
  path: string;
  audited: AuditedRoute | undefined;
  policy: RoutePolicy | undefined;
}

/** Every route handler of the running app, with the audit metadata AuditRouteGuard reads. */
function sweep(api: TestApi): SweptRoute[] {
  return sweepRoutes(api).map((r) => ({
    name: r.name,
    controller: r.controller,
    method: r.method,
    path: r.path,
    audited: r.meta<AuditedRoute>(AUDITED),
    policy: r.meta<RoutePolicy>(POLICY),
  }));
}

/** Public sign-in routes may record their security events through notes instead of a route action. */
const isPublicAuth = (r: SweptRoute) => r.policy?.kind === 'public' && /^\/api\/v1\/(platform\/)?auth\//.test(r.path);

function auditProblem(r: SweptRoute): string | undefined {
  if (!MUTATING.includes(r.method)) return undefined;
  if (!r.audited) return isPublicAuth(r) ? undefined : 'no @Audited action';
  if (!auditActionCatalogue().has(r.audited.action)) return `action ${r.audited.action} is not in the audit catalogue`;
  if (r.audited.idParam && !r.path.split('/').includes(`:${r.audited.idParam}`))
    return `idParam ${r.audited.idParam} is not a parameter of ${r.path}`;
  if (r.audited.idParam && !r.audited.resource) return 'idParam without a resource type';
  return undefined;
}

/** Actions whose service names the resource itself (an audit note), as no path or answer holds it. */
const NOTED_RESOURCE = new Set(['auth.refresh', 'auth.logout', 'auth.sso.login', 'support_access.revoked']);

const jwtSubject = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

/**
 * Every mutating route is audited: a sweep over the route table of the real app (Nest discovery,
 * cross-checked against the Swagger document and the HTTP server's router), then real requests
 * whose events are read back through the API, field by field.
 */
describe('audit coverage', () => {
  let api: TestApi;
  let root: string;
  let rootId: string;
  let t: TestTenant;
  let adminId: string;
  let pg: Client;
  const ua = `audit-coverage/${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    api = await startApi({}, [UnauditedTestModule]);
    root = await superAdminToken(api);
    rootId = jwtSubject(root);
    t = await createTenant(api, root);
    adminId = jwtSubject(t.token);
    pg = await superuser();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  /** A request tagged with its own request id and user agent; answers the reply and that id. */
  const tagged = async (method: string, path: string, token: string, body?: unknown) => {
    const id = requestId('cov');
    const res = await api.call(method, path, { token, body, headers: { 'x-request-id': id, 'user-agent': ua } });
    return { res, id };
  };

  /** The single event a request wrote in the tenant's (or the platform's) trail. */
  const onlyEvent = async (token: string, id: string, platform = false): Promise<AuditEvent> => {
    const events = await eventsOfRequest(api, token, id, platform);
    expect(events, JSON.stringify(events)).toHaveLength(1);
    return events[0];
  };

  const expectRequestFields = (e: AuditEvent, id: string) => {
    expect(e.requestId).toBe(id);
    expect(e.userAgent).toBe(ua);
    expect(e.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(e.outcome).toBe('success');
    expect(e.errorCode).toBeNull();
    expect(e.id).toMatch(UUID);
    expect(Date.now() - Date.parse(e.occurredAt)).toBeLessThan(60_000);
  };

  /** The stored row, read behind the API's back: nothing secret may be in any column. */
  const rawRow = async (e: AuditEvent, platform = false): Promise<string> => {
    const table = platform ? 'platform.audit_events' : `"${schemaOf(t.id)}".audit_events`;
    const { rows } = await pg.query(`SELECT row_to_json(a)::text AS raw FROM ${table} a WHERE id = $1`, [e.id]);
    expect(rows).toHaveLength(1);
    return rows[0].raw;
  };

  describe('sweep over the route table', () => {
    it('finds an audit action from the catalogue on every mutating product route', () => {
      const routes = sweep(api).filter((r) => r.controller !== UnauditedController);
      const mutating = routes.filter((r) => MUTATING.includes(r.method));
      // Enough routes that the sweep cannot pass by finding nothing, and the known ones among them.
      expect(mutating.length).toBeGreaterThan(40);
      for (const name of [
        'UsersController.create',
        'RolesController.create',
        'ProjectsController.create',
        'ApiKeysController.create',
        'TenantsController.update',
        'TenantsController.create',
      ]) {
        expect(mutating.map((r) => r.name)).toContain(name);
      }
      const offenders = mutating
        .map((r) => ({ r, problem: auditProblem(r) }))
        .filter((x) => x.problem)
        .map(({ r, problem }) => `${r.method} ${r.path} (${r.name}): ${problem}`);
      expect(offenders, `mutating routes without a valid audit action:\n${offenders.join('\n')}`).toEqual([]);
    });

    it('would catch a mutating route without an audit action, public or not', () => {
      const flagged = sweep(api)
        .filter((r) => auditProblem(r))
        .map((r) => r.name)
        .sort();
      expect(flagged).toEqual(['UnauditedController.open', 'UnauditedController.write']);
    });

    it('names the resource of every route that acts on one: from its path, or from the id in its answer', () => {
      const document = SwaggerModule.createDocument(api.app, new DocumentBuilder().build());
      const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
      /** The properties of the documented success answer of a route. */
      const answerFields = (r: SweptRoute): string[] => {
        const op = (document.paths[r.path.replace(/^\/api\/v1/, '/api/v1').replace(/:(\w+)/g, '{$1}')] as any)?.[
          r.method.toLowerCase()
        ];
        const ok = Object.entries(op?.responses ?? {}).find(([status]) => /^2/.test(status))?.[1] as any;
        const schema = ok?.content?.['application/json']?.schema;
        const ref: string | undefined = schema?.$ref;
        // SCIM resources are documented inline (their attribute names are schema URNs).
        return ref ? Object.keys(schemas[ref.split('/').pop()!]?.properties ?? {}) : Object.keys(schema?.properties ?? {});
      };
      const audited = sweep(api).filter((r) => MUTATING.includes(r.method) && r.audited?.resource);
      expect(audited.length).toBeGreaterThan(40);
      const offenders = audited
        .filter((r) => !r.audited!.idParam && !NOTED_RESOURCE.has(r.audited!.action))
        .filter((r) => !answerFields(r).includes(r.audited!.idField ?? 'id'))
        .map((r) => `${r.method} ${r.path} (${r.audited!.action}): answer fields ${answerFields(r).join(', ') || 'none'}`);
      expect(offenders, `routes whose event cannot name its resource:\n${offenders.join('\n')}`).toEqual([]);
      // Where the path names the resource, the event takes its id from there.
      const unnamed = audited
        .filter((r) => !r.audited!.idParam && r.method !== 'POST' && r.path.split('/').some((p) => p.startsWith(':')))
        .map((r) => `${r.method} ${r.path} (${r.audited!.action})`);
      expect(unnamed, `routes with a path id but no idParam:\n${unnamed.join('\n')}`).toEqual([]);
    });

    it('saw every mutating operation of the Swagger document', () => {
      const document = SwaggerModule.createDocument(api.app, new DocumentBuilder().build());
      const swept = new Set(sweep(api).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
      const documented = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => MUTATING.includes(m.toUpperCase()))
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
      expect(documented.length).toBeGreaterThan(40);
      const unseen = documented.filter((op) => !swept.has(op));
      expect(unseen, `documented operations the sweep did not see: ${unseen.join(', ')}`).toEqual([]);
    });

    it('saw every mutating route the HTTP server mounted', () => {
      const swept = new Set(sweep(api).map((r) => `${r.method} ${r.path}`));
      const router = (
        api.app.getHttpAdapter().getInstance() as {
          router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
        }
      ).router;
      const mounted = router.stack
        .filter((layer) => layer.route && Object.keys(layer.route.methods).length < 5)
        .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`))
        .filter((route) => MUTATING.includes(route.split(' ')[0]));
      expect(mounted.length).toBeGreaterThan(40);
      const unseen = mounted.filter((route) => !swept.has(route));
      expect(unseen, `mounted routes the sweep did not see: ${unseen.join(', ')}`).toEqual([]);
    });
  });

  describe('events of real requests', () => {
    it('user create: actor, created user, request details, and no password anywhere', async () => {
      const email = `${uniqueSlug('u')}@people.test`;
      const { res, id } = await tagged('POST', '/api/v1/users', t.token, {
        email,
        name: 'Grace',
        password: PASSWORD,
        roles: ['member'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({
        action: 'user.created',
        category: 'access',
        severity: 'info',
        actor: { type: 'user', id: adminId, email: t.admin.email },
        resource: { type: 'user', id: res.body.id },
        impersonator: null,
      });
      expectRequestFields(e, id);
      const { rows } = await pg.query(`SELECT password_hash FROM "${schemaOf(t.id)}".users WHERE id = $1`, [res.body.id]);
      const raw = await rawRow(e);
      expect(raw).not.toContain(PASSWORD);
      expect(raw).not.toContain(rows[0].password_hash);
    });

    it('user update: before and after of the changed fields only', async () => {
      const email = `${uniqueSlug('u')}@people.test`;
      const created = await api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'Old Name', password: PASSWORD },
      });
      expect(created.status).toBe(201);
      const { res, id } = await tagged('PATCH', `/api/v1/users/${created.body.id}`, t.token, { name: 'New Name' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({ action: 'user.updated', resource: { type: 'user', id: created.body.id } });
      expect(e.changes).toEqual({ before: { name: 'Old Name' }, after: { name: 'New Name' } });
      expectRequestFields(e, id);
    });

    it('role create: the new role as resource', async () => {
      const key = `auditors_${randomBytes(3).toString('hex')}`;
      const { res, id } = await tagged('POST', '/api/v1/roles', t.token, {
        key,
        name: 'Audit readers',
        permissions: ['audit:read'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({
        action: 'role.created',
        category: 'access',
        severity: 'warning',
        actor: { type: 'user', id: adminId, email: t.admin.email },
        resource: { type: 'role', id: res.body.id },
      });
      expectRequestFields(e, id);
    });

    it('project create: the new project with its values as changes', async () => {
      const name = `Apollo ${randomBytes(3).toString('hex')}`;
      const { res, id } = await tagged('POST', '/api/v1/projects', t.token, { name, description: 'Moon' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({
        action: 'project.created',
        category: 'data',
        actor: { type: 'user', id: adminId, email: t.admin.email },
        resource: { type: 'project', id: res.body.id },
      });
      expect(e.changes).toEqual({ before: null, after: { name, description: 'Moon' } });
      expectRequestFields(e, id);
    });

    it('API key create: the key as resource, its secret nowhere; the key then acts as itself', async () => {
      const { res, id } = await tagged('POST', '/api/v1/api-keys', t.token, {
        name: 'ci',
        scopes: ['projects:read', 'projects:create'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const secret: string = res.body.secret;
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({
        action: 'api_key.created',
        category: 'admin',
        actor: { type: 'user', id: adminId, email: t.admin.email },
        resource: { type: 'api_key', id: res.body.id },
      });
      expectRequestFields(e, id);
      const raw = await rawRow(e);
      expect(raw).not.toContain(secret);
      expect(raw).not.toContain(secret.slice(8));
      const { rows } = await pg.query(`SELECT secret_hash FROM "${schemaOf(t.id)}".api_keys WHERE id = $1`, [res.body.id]);
      expect(raw).not.toContain(rows[0].secret_hash);
      expect(raw).not.toContain(createHash('sha256').update(secret).digest('hex'));

      const byKey = requestId('key');
      const made = await api.call('POST', '/api/v1/projects', {
        headers: { 'x-api-key': secret, 'x-request-id': byKey },
        body: { name: 'made by a key' },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const keyEvent = await onlyEvent(t.token, byKey);
      expect(keyEvent).toMatchObject({
        action: 'project.created',
        actor: { type: 'api_key', id: res.body.id, email: null },
        resource: { type: 'project', id: made.body.id },
      });
    });

    it('password change: neither password in the event', async () => {
      const email = `${uniqueSlug('u')}@people.test`;
      const created = await api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'Pat', password: PASSWORD },
      });
      expect(created.status).toBe(201);
      const token = await login(api, t.slug, email, PASSWORD);
      const next = 'sapphire-harbor-kettle-27';
      const { res, id } = await tagged('POST', '/api/v1/auth/change-password', token, {
        currentPassword: PASSWORD,
        newPassword: next,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({ action: 'auth.password.changed', actor: { type: 'user', id: created.body.id, email } });
      const raw = await rawRow(e);
      expect(raw).not.toContain(PASSWORD);
      expect(raw).not.toContain(next);
    });

    it('tenant settings (platform): the super admin, the tenant, settings before and after', async () => {
      const before = await api.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root });
      expect(before.status).toBe(200);
      const { res, id } = await tagged('PATCH', `/api/v1/platform/tenants/${t.id}`, root, {
        settings: { lockoutThreshold: 7, allowedEmailDomains: ['people.test', `${t.slug}.test`] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const e = await onlyEvent(root, id, true);
      expect(e).toMatchObject({
        action: 'tenant.updated',
        category: 'platform',
        actor: { type: 'platform_user', id: rootId, email: 'root@stratum.test' },
        resource: { type: 'tenant', id: t.id },
      });
      expectRequestFields(e, id);
      expect(e.changes).toEqual({
        before: { settings: before.body.settings },
        after: {
          settings: { ...before.body.settings, lockoutThreshold: 7, allowedEmailDomains: ['people.test', `${t.slug}.test`] },
        },
      });
      // The tenant's own trail does not hold platform events.
      expect(await eventsOfRequest(api, t.token, id)).toEqual([]);
    });

    it('tenant settings (tenant admin): the tenant as resource, settings before and after, in the tenant\u2019s trail', async () => {
      const before = await api.call('GET', '/api/v1/tenant', { token: t.token });
      expect(before.status, JSON.stringify(before.body)).toBe(200);
      const { res, id } = await tagged('PATCH', '/api/v1/tenant', t.token, { settings: { lockoutMinutes: 45 } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({
        action: 'tenant.settings.updated',
        actor: { type: 'user', id: adminId, email: t.admin.email },
        resource: { type: 'tenant', id: t.id },
      });
      expectRequestFields(e, id);
      expect(e.changes).toEqual({
        before: { settings: before.body.settings },
        after: { settings: { ...before.body.settings, lockoutMinutes: 45 } },
      });
    });

    it('tenant create (platform): the admin password stays out of the platform event', async () => {
      const slug = uniqueSlug('cov');
      const password = `initial-${randomBytes(6).toString('hex')}`;
      const { res, id } = await tagged('POST', '/api/v1/platform/tenants', root, {
        name: 'Covered',
        slug,
        plan: 'starter',
        admin: { email: `admin@${slug}.test`, name: 'A', password },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const e = await onlyEvent(root, id, true);
      expect(e).toMatchObject({
        action: 'tenant.provisioned',
        actor: { type: 'platform_user', id: rootId },
        resource: { type: 'tenant', id: res.body.id },
      });
      expect(await rawRow(e, true)).not.toContain(password);
    });

    it('user invite: the invited user as resource', async () => {
      const email = `${uniqueSlug('i')}@people.test`;
      const { res, id } = await tagged('POST', '/api/v1/users/invite', t.token, { email, name: 'Ivy' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({ action: 'user.invited', resource: { type: 'user', id: res.body.userId } });
      expect(res.body.userId).toMatch(UUID);
      expectRequestFields(e, id);
    });

    it('logout: the ended session as resource', async () => {
      const token = await login(api, t.slug, t.admin.email, t.admin.password);
      const sid = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid as string;
      const { res, id } = await tagged('POST', '/api/v1/auth/logout', token);
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      const e = await onlyEvent(t.token, id);
      expect(e).toMatchObject({ action: 'auth.logout', resource: { type: 'session', id: sid } });
    });

    it('every route with a resource id in its path records that id, also when it fails', async () => {
      const routes = sweep(api).filter(
        (r) => MUTATING.includes(r.method) && r.audited?.idParam && r.controller !== UnauditedController,
      );
      expect(routes.length).toBeGreaterThan(25);
      const wrong: string[] = [];
      // The SCIM service opens to a directory-sync token only.
      const scim = await api.call('POST', '/api/v1/directory-sync/tokens', { token: t.token, body: { name: 'coverage' } });
      expect(scim.status).toBe(201);
      for (const r of routes) {
        const platform = r.path.startsWith('/api/v1/platform/');
        const ids: Record<string, string> = {};
        const path = r.path.replace(/:(\w+)/g, (_m, name: string) => (ids[name] = randomUUID()));
        const token = platform ? root : r.path.startsWith('/scim/') ? scim.body.token : t.token;
        const { res, id } = await tagged(r.method, path, token, r.method === 'DELETE' ? undefined : {});
        expect(res.status, `${r.method} ${r.path}`).toBeGreaterThanOrEqual(400);
        // A failure is recorded in a transaction of its own, possibly after the answer.
        const events = await eventually(async () => {
          const found = await eventsOfRequest(api, platform ? root : t.token, id, platform);
          return found.some((e) => e.action === r.audited!.action) && found;
        }, 5_000).catch(() => [] as AuditEvent[]);
        const own = events.find((e) => e.action === r.audited!.action);
        if (own?.resource.id !== ids[r.audited!.idParam!])
          wrong.push(`${r.method} ${r.path}: ${JSON.stringify(own?.resource ?? events.map((e) => e.action))}`);
      }
      expect(wrong, `events without the path's resource id:\n${wrong.join('\n')}`).toEqual([]);
    });

    it('a refused change is recorded as a failure with its code, and as a denial', async () => {
      const email = `${uniqueSlug('v')}@people.test`;
      const viewer = await api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'V', password: PASSWORD, roles: ['viewer'] },
      });
      expect(viewer.status).toBe(201);
      const token = await login(api, t.slug, email, PASSWORD);
      const { res, id } = await tagged('POST', '/api/v1/projects', token, { name: 'not allowed' });
      expectProblem(res, 403, 'FORBIDDEN');
      const failed = await waitForEvent(
        api,
        t.token,
        { outcome: 'failure', action: 'project.created' },
        (e) => e.requestId === id,
      );
      expect(failed).toMatchObject({
        actor: { type: 'user', id: viewer.body.id, email },
        outcome: 'failure',
        errorCode: 'FORBIDDEN',
        severity: 'warning',
        resource: { type: 'project', id: null },
        ip: expect.stringMatching(/127\.0\.0\.1$/),
        userAgent: ua,
      });
      const denied = await waitForEvent(api, t.token, { action: 'access.denied' }, (e) => e.requestId === id);
      expect(denied).toMatchObject({
        actor: { type: 'user', id: viewer.body.id },
        outcome: 'failure',
        errorCode: 'FORBIDDEN',
        metadata: { method: 'POST', path: '/api/v1/projects' },
      });
      expect((await verify(api, t.token)).valid).toBe(true);
    });
  });
});
