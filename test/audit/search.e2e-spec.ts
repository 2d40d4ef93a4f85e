import { PlatformUsersService } from '@stratum/identity';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { allEvents, AuditEvent, AuditPage, listEvents, query, verify, waitForEvent } from './helpers';
import { expectProblem } from '../support/problems';

const PASSWORD = 'juniper-signal-copper-58';
const CREATOR_GRANT = [
  'documents:create',
  'documents:delete',
  'documents:read',
  'documents:update',
  'projects:read',
  'projects:update',
];

const jwtSubject = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
const ids = (events: AuditEvent[]) => events.map((e) => e.id);

/** What GET /audit-events should answer for `q`, computed from the whole trail. */
function matchesText(e: AuditEvent, q: string): boolean {
  const needle = q.toLowerCase();
  return [
    e.actor.email?.toLowerCase(),
    e.action,
    e.resource.id?.toLowerCase(),
    e.ip,
    e.metadata ? JSON.stringify(e.metadata).toLowerCase() : null,
  ].some((field) => field?.includes(needle));
}

/**
 * Searching the trail: every filter, cursor pagination newest first, one event by id, the
 * compliance reports, and the platform's own trail.
 */
describe('audit search and reports', () => {
  let api: TestApi;
  let root: string;
  let t: TestTenant;
  let adminId: string;
  let member: { id: string; email: string; token: string };
  let auditorToken: string;
  let viewer: { id: string; email: string; token: string };
  let memberProject: string;
  let started: Date;
  let trail: AuditEvent[];

  const addUser = async (role: string) => {
    const email = `${uniqueSlug(role)}@people.test`;
    const res = await api.call('POST', '/api/v1/users', {
      token: t.token,
      body: { email, name: role, password: PASSWORD, roles: [role] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as string, email, token: await login(api, t.slug, email, PASSWORD) };
  };

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    started = new Date(Date.now() - 1000);
    t = await createTenant(api, root);
    adminId = jwtSubject(t.token);
    // Lock accounts after 3 failures, so the security report has a lockout to show.
    const settings = await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
      token: root,
      body: { settings: { lockoutThreshold: 3 } },
    });
    expect(settings.status).toBe(200);
    member = await addUser('member');
    viewer = await addUser('viewer');
    auditorToken = (await addUser('auditor')).token;

    const made = await api.call('POST', '/api/v1/projects', { token: member.token, body: { name: 'Member project' } });
    expect(made.status).toBe(201);
    memberProject = made.body.id;
    for (const name of ['Alpha', 'Beta']) {
      expect((await api.call('POST', '/api/v1/projects', { token: t.token, body: { name } })).status).toBe(201);
    }
    const key = await api.call('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'ci', scopes: ['projects:create'] } });
    expect(key.status).toBe(201);
    const byKey = await api.call('POST', '/api/v1/projects', {
      headers: { 'x-api-key': key.body.secret },
      body: { name: 'By key' },
    });
    expect(byKey.status).toBe(201);
    const renamed = await api.call('PATCH', `/api/v1/projects/${memberProject}`, {
      token: member.token,
      body: { name: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    const expiring = await api.call('POST', `/api/v1/users/${member.id}/roles`, {
      token: t.token,
      body: { role: 'viewer', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(expiring.status, JSON.stringify(expiring.body)).toBe(201);
    // A refusal, failed logins up to a lockout, and a replayed refresh token.
    expect((await api.call('POST', '/api/v1/projects', { token: viewer.token, body: { name: 'no' } })).status).toBe(403);
    for (let i = 0; i < 3; i++) {
      const res = await api.call('POST', '/api/v1/auth/login', {
        tenant: t.slug,
        body: { email: viewer.email, password: 'wrong-password-123' },
      });
      expect(res.status).toBe(401);
    }
    const pair = await api.call('POST', '/api/v1/auth/login', {
      tenant: t.slug,
      body: { email: member.email, password: PASSWORD },
    });
    expect(pair.status).toBe(200);
    expect(
      (await api.call('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken: pair.body.refreshToken } })).status,
    ).toBe(200);
    expect(
      (await api.call('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken: pair.body.refreshToken } })).status,
    ).toBe(401);
    // Failures are recorded after their responses: wait for the last of them.
    await waitForEvent(api, t.token, { action: 'auth.refresh_token.reused' }, () => true);
    await waitForEvent(api, t.token, { action: 'auth.account.locked' }, () => true);
    await eventually(async () => (await allEvents(api, t.token, { action: 'auth.login', outcome: 'failure' })).length === 3);
    trail = await allEvents(api, t.token);
  });

  afterAll(() => api?.close());

  describe('GET /audit-events', () => {
    it('lists the whole trail newest first, one position after the other', () => {
      expect(trail.length).toBeGreaterThan(20);
      trail.forEach((e, i) => {
        if (i) expect(e.seq).toBe(trail[i - 1].seq - 1);
      });
      expect(trail[trail.length - 1].seq).toBe(1);
    });

    it.each<[string, (ctx: { member: { id: string }; memberProject: string; trail: AuditEvent[] }) => Record<string, string>]>([
      ['actorId', (c) => ({ actorId: c.member.id })],
      ['actorType', () => ({ actorType: 'api_key' })],
      ['action (exact)', () => ({ action: 'project.created' })],
      ['action (prefix)', () => ({ action: 'auth.*' })],
      ['category', () => ({ category: 'access' })],
      ['resourceType', () => ({ resourceType: 'project' })],
      ['resourceType and resourceId', (c) => ({ resourceType: 'project', resourceId: c.memberProject })],
      ['outcome', () => ({ outcome: 'failure' })],
      ['several at once', (c) => ({ actorId: c.member.id, category: 'data', outcome: 'success' })],
      [
        'text: email, any case',
        (c) => ({ q: c.trail.find((e) => e.actor.id === c.member.id && e.actor.email)!.actor.email!.toUpperCase() }),
      ],
      ['text: part of a resource id', (c) => ({ q: c.memberProject.slice(9, 23) })],
      ['text: details', () => ({ q: '/api/v1/projects' })],
      ['text: wildcards are literal', () => ({ q: '%' })],
    ])('filters by %s', async (_label, make) => {
      const filter = make({ member, memberProject, trail });
      const expected = trail.filter((e) =>
        Object.entries(filter).every(([k, v]) => {
          switch (k) {
            case 'actorId':
              return e.actor.id === v;
            case 'actorType':
              return e.actor.type === v;
            case 'action':
              return v.endsWith('.*') ? e.action.startsWith(v.slice(0, -1)) : e.action === v;
            case 'category':
              return e.category === v;
            case 'resourceType':
              return e.resource.type === v;
            case 'resourceId':
              return e.resource.id === v;
            case 'outcome':
              return e.outcome === v;
            case 'q':
              return matchesText(e, v);
            default:
              throw new Error(k);
          }
        }),
      );
      const found = await allEvents(api, t.token, filter);
      expect(ids(found)).toEqual(ids(expected));
      // Each filter keeps some events and drops others (the wildcard one matches nothing).
      if (filter.q !== '%') expect(found.length).toBeGreaterThan(0);
      expect(found.length).toBeLessThan(trail.length);
    });

    it('filters by time: from inclusive, to exclusive', async () => {
      const pivot = trail[Math.floor(trail.length / 2)];
      const at = new Date(pivot.occurredAt);
      const from = await allEvents(api, t.token, { from: at });
      expect(ids(from)).toEqual(ids(trail.filter((e) => Date.parse(e.occurredAt) >= +at)));
      expect(ids(from)).toContain(pivot.id);
      const to = await allEvents(api, t.token, { to: at });
      expect(ids(to)).toEqual(ids(trail.filter((e) => Date.parse(e.occurredAt) < +at)));
      expect(ids(to)).not.toContain(pivot.id);
      expect(from.length + to.length).toBe(trail.length);
      expect(await allEvents(api, t.token, { from: new Date(Date.now() + 3_600_000) })).toEqual([]);
    });

    it('pages with a cursor, newest first, until nextCursor is null', async () => {
      const pages: AuditPage[] = [];
      let cursor: string | undefined;
      do {
        const page = await listEvents(api, t.token, { limit: 7, cursor });
        expect(page.items.length).toBeLessThanOrEqual(7);
        pages.push(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.length).toBe(Math.ceil(trail.length / 7));
      expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(trail));
      // The cursor also pages a filtered search.
      const first = await listEvents(api, t.token, { action: 'project.*', limit: 2 });
      const second = await listEvents(api, t.token, { action: 'project.*', limit: 2, cursor: first.nextCursor! });
      expect([...ids(first.items), ...ids(second.items)]).toEqual(
        ids(trail.filter((e) => e.action.startsWith('project.'))).slice(0, 4),
      );
      // The default page is 50.
      expect((await listEvents(api, t.token)).items).toHaveLength(Math.min(50, trail.length));
    });

    it('refuses malformed filters and pages', async () => {
      for (const params of [
        { actorType: 'robot' },
        { action: "project'; DROP TABLE audit_events" },
        { category: 'secret' },
        { outcome: 'maybe' },
        { from: 'yesterday' },
        { limit: 201 },
        { limit: 0 },
        { cursor: 'abc' },
      ]) {
        expectProblem(
          await api.call('GET', `/api/v1/audit-events${query(params)}`, { token: t.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
    });

    it('needs audit:read: the auditor reads the same trail, a viewer is refused', async () => {
      expect(ids(await allEvents(api, auditorToken))).toEqual(ids(await allEvents(api, t.token)));
      expectProblem(await api.call('GET', '/api/v1/audit-events', { token: viewer.token }), 403, 'FORBIDDEN', {
        missing: ['audit:read'],
      });
      expectProblem(await api.call('GET', '/api/v1/audit-events'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /audit-events/:id', () => {
    it('answers one event as the list shows it', async () => {
      for (const e of [trail[0], trail[trail.length - 1], trail.find((x) => x.outcome === 'failure')!]) {
        const res = await api.call('GET', `/api/v1/audit-events/${e.id}`, { token: t.token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(e);
      }
    });

    it('is 404 for an unknown id and for another tenant\u2019s event, 400 for a malformed one', async () => {
      expectProblem(await api.call('GET', `/api/v1/audit-events/${randomUUID()}`, { token: t.token }), 404, 'NOT_FOUND');
      const other = await createTenant(api, root);
      const [theirs] = await allEvents(api, other.token);
      expectProblem(await api.call('GET', `/api/v1/audit-events/${theirs.id}`, { token: t.token }), 404, 'NOT_FOUND');
      expect(ids(await allEvents(api, t.token))).not.toContain(theirs.id);
      expectProblem(await api.call('GET', '/api/v1/audit-events/not-a-uuid', { token: t.token }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('reports', () => {
    it('access control: every user with live roles, expiring roles and grants', async () => {
      const res = await api.call('GET', '/api/v1/audit-events/reports/access-control', { token: auditorToken });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const users = res.body.users as {
        id: string;
        email: string;
        roles: string[];
        status: string;
        grants: { resourceType: string; resourceId: string; permissions: string[] }[];
        expiringRoles: { role: string; expiresAt: string }[];
      }[];
      expect(users.map((u) => u.email)).toEqual([...users.map((u) => u.email)].sort());
      expect(users).toHaveLength(4);
      const m = users.find((u) => u.id === member.id)!;
      expect(m).toMatchObject({ email: member.email, status: 'active', roles: ['member', 'viewer'] });
      expect(m.expiringRoles.map((r) => r.role)).toEqual(['viewer']);
      expect(Date.parse(m.expiringRoles[0].expiresAt)).toBeGreaterThan(Date.now());
      expect(m.grants).toEqual([{ resourceType: 'project', resourceId: memberProject, permissions: expect.any(Array) }]);
      expect([...m.grants[0].permissions].sort()).toEqual(CREATOR_GRANT);
      expect(users.find((u) => u.id === adminId)).toMatchObject({ roles: ['tenant_admin'], expiringRoles: [] });
      expect(users.find((u) => u.id === viewer.id)).toMatchObject({ roles: ['viewer'], grants: [] });
      expect(Date.parse(res.body.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
      // It lists people and their rights: users:read and roles:read are needed besides audit:read.
      expectProblem(
        await api.call('GET', '/api/v1/audit-events/reports/access-control', { token: viewer.token }),
        403,
        'FORBIDDEN',
      );
    });

    it('changes: successful changes by actor and by resource in the period', async () => {
      const to = new Date(Date.now() + 60_000);
      const res = await api.call('GET', `/api/v1/audit-events/reports/changes${query({ from: started, to })}`, {
        token: t.token,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const changes = trail.filter((e) => e.outcome === 'success' && ['data', 'access', 'admin'].includes(e.category));
      const byActor = new Map<string, number>();
      const byResource = new Map<string, number>();
      for (const e of changes) {
        const actor = `${e.actor.type}|${e.actor.id}|${e.actor.email}`;
        byActor.set(actor, (byActor.get(actor) ?? 0) + 1);
        const resource = `${e.resource.type}|${e.action}`;
        byResource.set(resource, (byResource.get(resource) ?? 0) + 1);
      }
      const gotActors = (res.body.byActor as { actorType: string; actorId: string; actorEmail: string; changes: number }[]).map(
        (r) => [`${r.actorType}|${r.actorId}|${r.actorEmail}`, r.changes],
      );
      expect(new Map(gotActors as [string, number][])).toEqual(byActor);
      const counts = gotActors.map(([, n]) => n as number);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const gotResources = (res.body.byResource as { resourceType: string; action: string; changes: number }[]).map(
        (r) => [`${r.resourceType}|${r.action}`, r.changes] as [string, number],
      );
      expect(new Map(gotResources)).toEqual(byResource);
      expect(byResource.get(`project|project.created`)).toBe(4);
      // A period before anything happened is empty.
      const empty = await api.call('GET', `/api/v1/audit-events/reports/changes${query({ to: started })}`, { token: t.token });
      expect(empty.body).toMatchObject({ byActor: [], byResource: [] });
    });

    it('security: failed logins by IP, the lockout, refusals, the replayed refresh token', async () => {
      const res = await api.call('GET', '/api/v1/audit-events/reports/security', { token: t.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const now = await allEvents(api, t.token);
      const failures = now.filter((e) => e.action === 'auth.login' && e.outcome === 'failure');
      expect(failures).toHaveLength(3);
      expect(res.body.failedLoginsByIp).toEqual([{ ip: failures[0].ip, failures: 3, accounts: 1 }]);
      expect(res.body.lockouts).toEqual([
        expect.objectContaining({ userId: viewer.id, email: viewer.email, ip: failures[0].ip }),
      ]);
      expect(res.body.denials).toEqual([
        {
          actorType: 'user',
          actorId: viewer.id,
          actorEmail: viewer.email,
          denials: now.filter((e) => e.action === 'access.denied').length,
        },
      ]);
      expect(res.body.refreshTokenReuse).toBe(1);
      expect(res.body.impersonations).toEqual([]);
      const before = await api.call('GET', `/api/v1/audit-events/reports/security${query({ to: started })}`, { token: t.token });
      expect(before.body).toMatchObject({ failedLoginsByIp: [], lockouts: [], denials: [], refreshTokenReuse: 0 });
    });
  });

  describe('the platform trail', () => {
    it('holds tenant provisioning, suspension and reactivation by the super admin, newest first', async () => {
      const rootId = jwtSubject(root);
      const slug = uniqueSlug('plat');
      const created = await api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: {
          name: 'Platform logged',
          slug,
          plan: 'starter',
          admin: { email: `a@${slug}.test`, name: 'A', password: PASSWORD },
        },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await api.call('POST', `/api/v1/platform/tenants/${id}/suspend`, { token: root })).status).toBe(200);
      expect((await api.call('POST', `/api/v1/platform/tenants/${id}/reactivate`, { token: root })).status).toBe(200);

      const events = await allEvents(api, root, { resourceType: 'tenant', resourceId: id }, true);
      expect(events.map((e) => e.action)).toEqual(['tenant.reactivated', 'tenant.suspended', 'tenant.provisioned']);
      for (const e of events) {
        expect(e).toMatchObject({
          actor: { type: 'platform_user', id: rootId, email: 'root@stratum.test' },
          category: 'platform',
          outcome: 'success',
          resource: { type: 'tenant', id },
        });
      }
      expect(events.find((e) => e.action === 'tenant.suspended')?.severity).toBe('critical');
      expect(events[0].seq).toBeGreaterThan(events[1].seq);
      // The same filters and lookups as a tenant's trail.
      const lifecycle = await allEvents(api, root, { action: 'tenant.*', actorId: rootId }, true);
      expect(ids(lifecycle)).toEqual(expect.arrayContaining(ids(events)));
      expect(lifecycle.every((e) => e.action.startsWith('tenant.'))).toBe(true);
      const one = await api.call('GET', `/api/v1/platform/audit-events/${events[1].id}`, { token: root });
      expect(one.body).toEqual(events[1]);
      const logins = await allEvents(api, root, { action: 'auth.login', actorId: rootId }, true);
      expect(logins.length).toBeGreaterThan(0);
      expect(await verify(api, root, true)).toMatchObject({ valid: true });
      // The tenant's own trail does not hold them.
      expect(await allEvents(api, t.token, { resourceId: id })).toEqual([]);
    });

    it('is open to platform staff only', async () => {
      const email = `support-${uniqueSlug()}@stratum.test`;
      await api.app.get(PlatformUsersService).ensure(email, 'Support', 'support-staff-password', ['support']);
      const res = await api.call('POST', '/api/v1/platform/auth/login', { body: { email, password: 'support-staff-password' } });
      expect(res.status).toBe(200);
      const page = await listEvents(api, res.body.accessToken, { limit: 5 }, true);
      expect(page.items.length).toBe(5);
      expectProblem(await api.call('GET', '/api/v1/platform/audit-events', { token: t.token }), 403, 'FORBIDDEN');
      expectProblem(await api.call('GET', '/api/v1/platform/audit-events/verify', { token: t.token }), 403, 'FORBIDDEN');
      expectProblem(await api.call('GET', '/api/v1/platform/audit-events'), 401, 'UNAUTHENTICATED');
    });
  });
});
