import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, SUPERADMIN, testConfig } from '../support/config';
import { createTenant, eventually, login, superAdminToken, TestTenant } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';
import { expectProblem } from '../support/problems';

const PASSWORD = 'amber-falcon-orchard-42';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/**
 * Audited impersonation: the tenant's supportAccess policy, the token (RFC 8693 `act`, no
 * refresh), the routes it may not use, every request in the tenant's log, start and end in both
 * logs, expiry and ending, and the tenant admins' email.
 */
describe('impersonation', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: RunningWorker;
  let root: string;
  let rootId: string;
  let t: TestTenant;
  let member: { id: string; email: string };

  const impersonate = (body: Record<string, unknown>, token = root) =>
    api.call('POST', '/api/v1/platform/impersonations', { token, body });
  const setPolicy = async (tenant: TestTenant, supportAccess: string) => {
    const res = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, {
      token: root,
      body: { settings: { supportAccess } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const openWindow = async (tenant: TestTenant, ms: number) => {
    const res = await api.call('POST', '/api/v1/tenant/support-access', {
      token: tenant.token,
      body: { expiresAt: new Date(Date.now() + ms).toISOString() },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const addMember = async (tenant: TestTenant, tag: string) => {
    const email = `${tag}.${randomBytes(3).toString('hex')}@people.test`;
    const res = await api.call('POST', '/api/v1/users', {
      token: tenant.token,
      body: { email, name: 'Mia Member', password: PASSWORD, roles: ['member'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as string, email };
  };
  const tenantEvents = async (tenant: TestTenant, query: string) => {
    const res = await api.call('GET', `/api/v1/audit-events?${query}`, { token: tenant.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as any[];
  };
  const platformEvents = async (query: string) => {
    const res = await api.call('GET', `/api/v1/platform/audit-events?${query}`, { token: root });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as any[];
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    const overrides = { ...ownQueues(), SMTP_URL: smtp.url };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    root = await superAdminToken(api);
    rootId = claimsOf(root).sub;
    t = await createTenant(api, root);
    member = await addMember(t, 'mia');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  describe('supportAccess = consent (the default)', () => {
    it('refuses without an open window, and allows once a tenant admin opens one', async () => {
      expectProblem(
        await impersonate({ tenantId: t.id, userId: member.id, reason: 'Ticket 101: cannot open project' }),
        403,
        'IMPERSONATION_FORBIDDEN',
      );
      const window = await openWindow(t, 60 * 60_000);
      expect(window).toMatchObject({ active: true, revokedAt: null });
      const view = await api.call('GET', '/api/v1/tenant/support-access', { token: t.token });
      expect(view.body).toMatchObject({ policy: 'consent', current: { id: window.id, active: true } });

      const started = await impersonate({ tenantId: t.id, userId: member.id, reason: 'Ticket 101: cannot open project' });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      expect(started.body).toMatchObject({
        tenantId: t.id,
        userId: member.id,
        userEmail: member.email,
        active: true,
        tokenType: 'Bearer',
      });
      expect(started.body.refreshToken).toBeUndefined();
    });

    it('closing the window refuses new impersonations', async () => {
      const tenant = await createTenant(api, root);
      const user = await addMember(tenant, 'win');
      await openWindow(tenant, 60 * 60_000);
      const closed = await api.call('DELETE', '/api/v1/tenant/support-access', { token: tenant.token });
      expect(closed.status, JSON.stringify(closed.body)).toBe(204);
      expectProblem(
        await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 102: checking a report' }),
        403,
        'IMPERSONATION_FORBIDDEN',
      );
      const events = await tenantEvents(tenant, 'action=support_access.revoked');
      expect(events).toHaveLength(1);
    });

    it('never lasts beyond the window: the token expires with it', async () => {
      const tenant = await createTenant(api, root);
      const user = await addMember(tenant, 'short');
      await openWindow(tenant, 3_000);
      const started = await impersonate({
        tenantId: tenant.id,
        userId: user.id,
        reason: 'Ticket 103: quick look',
        durationMinutes: 60,
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      expect(started.body.expiresIn).toBeLessThanOrEqual(3);
      const token = started.body.accessToken;
      expect((await api.call('GET', '/api/v1/users/me', { token })).status).toBe(200);
      // The token dies with the window.
      await eventually(async () => (await api.call('GET', '/api/v1/users/me', { token })).status === 401, 8_000, 250);
      const listed = await api.call('GET', `/api/v1/platform/impersonations?tenantId=${tenant.id}&active=false`, { token: root });
      expect(listed.body.items.map((i: any) => i.id)).toEqual([started.body.id]);
      expect(listed.body.items[0].expiresAt).toBe(new Date(claimsOf(token).exp * 1000).toISOString());
    });
  });

  it('supportAccess = never refuses; always needs no window', async () => {
    const tenant = await createTenant(api, root);
    const user = await addMember(tenant, 'pol');
    await setPolicy(tenant, 'never');
    expectProblem(
      await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 104: policy never' }),
      403,
      'IMPERSONATION_FORBIDDEN',
    );
    // A window means nothing under `never` (and cannot be opened).
    expectProblem(
      await api.call('POST', '/api/v1/tenant/support-access', {
        token: tenant.token,
        body: { expiresAt: new Date(Date.now() + 60_000).toISOString() },
      }),
      409,
      'INVALID_STATE',
    );
    await setPolicy(tenant, 'always');
    const started = await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 104: policy always' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
  });

  it('validates the request: reason of 10+ characters, 1..60 minutes, an active user of an active tenant', async () => {
    const tenant = await createTenant(api, root);
    const user = await addMember(tenant, 'val');
    await setPolicy(tenant, 'always');
    expectProblem(await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'too short' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 105: long', durationMinutes: 61 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 105: zero', durationMinutes: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await impersonate({ tenantId: tenant.id, userId: '00000000-0000-4000-8000-000000000000', reason: 'Ticket 105: nobody' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await impersonate({ tenantId: '00000000-0000-4000-8000-000000000000', userId: user.id, reason: 'Ticket 105: no tenant' }),
      404,
      'TENANT_NOT_FOUND',
    );
    expect((await api.call('POST', `/api/v1/users/${user.id}/deactivate`, { token: tenant.token })).status).toBe(200);
    expectProblem(
      await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 105: deactivated' }),
      409,
      'INVALID_STATE',
    );
    expect((await api.call('POST', `/api/v1/platform/tenants/${tenant.id}/suspend`, { token: root })).status).toBe(200);
    expectProblem(
      await impersonate({ tenantId: tenant.id, userId: user.id, reason: 'Ticket 105: suspended' }),
      403,
      'TENANT_SUSPENDED',
    );
  });

  describe('the token', () => {
    let started: any;
    let token: string;

    beforeAll(async () => {
      await setPolicy(t, 'always');
      const res = await impersonate({
        tenantId: t.id,
        userId: member.id,
        reason: 'Ticket 200: checking permissions',
        durationMinutes: 20,
        mode: 'write',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      started = res.body;
      token = started.accessToken;
    });

    it('names the user as sub and the super admin in the RFC 8693 act claim, for the requested duration', () => {
      const claims = claimsOf(token);
      expect(claims).toMatchObject({
        sub: member.id,
        tid: t.id,
        aud: 'stratum:tenant',
        act: { sub: rootId, email: SUPERADMIN.email },
      });
      expect(claims.imp).toBe(started.id);
      expect(claims.imp_mode).toBe('write');
      expect(started.mode).toBe('write');
      expect(claims.exp - claims.iat).toBeGreaterThan(19 * 60);
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(20 * 60);
      expect(started.expiresIn).toBeGreaterThan(19 * 60);
    });

    it('acts as the user, and /users/me says who is acting', async () => {
      const me = await api.call('GET', '/api/v1/users/me', { token });
      expect(me.status, JSON.stringify(me.body)).toBe(200);
      expect(me.body).toMatchObject({
        id: member.id,
        email: member.email,
        impersonatedBy: { platformUserId: rootId, email: SUPERADMIN.email, impersonationId: started.id },
      });
      // The user's own permissions, not the super admin's.
      expectProblem(await api.call('GET', '/api/v1/audit-events', { token }), 403, 'FORBIDDEN');
      const own = await api.call('GET', '/api/v1/users/me', { token: await login(api, t.slug, member.email, PASSWORD) });
      expect(own.body.impersonatedBy).toBeNull();
    });

    it('is refused on password, MFA, API-key, session and support-access routes with IMPERSONATION_FORBIDDEN', async () => {
      const refused: [string, string, unknown?][] = [
        ['POST', '/api/v1/auth/change-password', { currentPassword: PASSWORD, newPassword: 'another-long-password-77' }],
        ['POST', '/api/v1/auth/mfa/totp/enroll', {}],
        ['POST', '/api/v1/auth/mfa/totp/activate', { code: '123456' }],
        ['POST', '/api/v1/auth/mfa/totp/disable', { password: PASSWORD, code: '123456' }],
        ['GET', '/api/v1/api-keys'],
        ['POST', '/api/v1/api-keys', { name: 'sneaky', scopes: ['projects:read'] }],
        ['POST', '/api/v1/auth/logout-all', {}],
        ['DELETE', '/api/v1/auth/sessions/00000000-0000-4000-8000-000000000000'],
        ['PATCH', '/api/v1/tenant', { settings: { supportAccess: 'always' } }],
        ['POST', '/api/v1/tenant/support-access', { expiresAt: new Date(Date.now() + 60_000).toISOString() }],
        // Nothing support staff could leave behind once the impersonation ends.
        ['POST', '/api/v1/users', { email: `planted.${randomBytes(3).toString('hex')}@people.test`, password: PASSWORD }],
        ['POST', '/api/v1/users/invite', { email: `planted.${randomBytes(3).toString('hex')}@people.test` }],
        ['POST', `/api/v1/users/${member.id}/roles`, { role: 'viewer' }],
        ['PATCH', `/api/v1/users/${member.id}`, { name: 'Renamed by support' }],
        ['PATCH', '/api/v1/users/me', { name: 'Renamed by support' }],
        ['POST', '/api/v1/webhooks/endpoints', { url: 'https://hooks.example.com/in', eventTypes: ['project.created'] }],
        ['POST', '/api/v1/sso/providers', { type: 'oidc', name: 'Planted' }],
        ['POST', '/api/v1/roles', { key: 'planted', name: 'Planted', permissions: ['projects:read'] }],
      ];
      for (const [method, path, body] of refused) {
        const res = await api.call(method, path, { token, body });
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(res.body.code, `${method} ${path}`).toBe('IMPERSONATION_FORBIDDEN');
      }
      // The user's own session is untouched: the member still signs in and changes their password.
      const own = await login(api, t.slug, member.email, PASSWORD);
      expect((await api.call('GET', '/api/v1/api-keys', { token: own })).status).not.toBe(401);
    });

    it('has no refresh: the refresh route does not accept the access token', async () => {
      expect(started.refreshToken).toBeUndefined();
      const res = await api.call('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken: token } });
      expect([400, 401]).toContain(res.status);
      expect(res.body.accessToken).toBeUndefined();
    });

    it('puts every request, reads included, in the tenant log with the impersonator', async () => {
      const read = await api.call('GET', '/api/v1/projects', { token });
      expect(read.status).toBe(200);
      const requestId = read.headers.get('x-request-id');
      const created = await api.call('POST', '/api/v1/projects', { token, body: { name: 'Made by support' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      const reads = await tenantEvents(t, 'action=impersonation.request');
      const readEvent = reads.find((e) => e.requestId === requestId);
      expect(readEvent, JSON.stringify(reads)).toMatchObject({
        actor: { type: 'user', id: member.id },
        impersonator: { type: 'platform_user', id: rootId, email: SUPERADMIN.email, impersonationId: started.id },
        metadata: { method: 'GET', path: '/api/v1/projects' },
      });
      const [change] = await tenantEvents(t, `action=project.created&resourceId=${created.body.id}`);
      expect(change).toMatchObject({ actor: { id: member.id }, impersonator: { id: rootId, impersonationId: started.id } });
      // Refusals too.
      const denied = await tenantEvents(t, 'action=access.denied&outcome=failure');
      expect(
        denied.some((e) => e.errorCode === 'IMPERSONATION_FORBIDDEN' && e.impersonator?.impersonationId === started.id),
      ).toBe(true);
    });

    it('is recorded as started in both the platform log and the tenant log', async () => {
      const [platform] = await platformEvents(`action=impersonation.started&resourceId=${started.id}`);
      expect(platform).toMatchObject({
        actor: { type: 'platform_user', id: rootId },
        resource: { type: 'impersonation', id: started.id },
        metadata: { tenantId: t.id, userId: member.id, reason: 'Ticket 200: checking permissions' },
      });
      const tenantSide = (await tenantEvents(t, 'action=impersonation.started')).find(
        (e) => e.metadata?.impersonationId === started.id,
      );
      expect(tenantSide).toMatchObject({
        actor: { type: 'platform_user', id: rootId },
        resource: { type: 'user', id: member.id },
        metadata: { reason: 'Ticket 200: checking permissions' },
      });
      const verify = await api.call('GET', '/api/v1/audit-events/verify', { token: t.token });
      expect(verify.body.valid).toBe(true);
    });

    it('emails the tenant admins when it starts, with its mode', async () => {
      const mail = await smtp.waitFor(t.admin.email, (m) => m.subject.includes(member.email) && m.text.includes('Ticket 200'));
      expect(mail.text).toContain(SUPERADMIN.email);
      expect(mail.text).toContain('Mode: read and limited write');
    });

    it('writes only where support needs to: project and document edits, and names the mode in the log', async () => {
      const project = await api.call('POST', '/api/v1/projects', { token, body: { name: 'Fixed by support' } });
      expect(project.status, JSON.stringify(project.body)).toBe(201);
      const renamed = await api.call('PATCH', `/api/v1/projects/${project.body.id}`, { token, body: { name: 'Fixed again' } });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      const doc = await api.call('POST', `/api/v1/projects/${project.body.id}/documents`, {
        token,
        body: { title: 'Notes', body: 'By support' },
      });
      expect(doc.status, JSON.stringify(doc.body)).toBe(201);
      // Deleting stays with the tenant's own people.
      expectProblem(await api.call('DELETE', `/api/v1/projects/${project.body.id}`, { token }), 403, 'IMPERSONATION_FORBIDDEN');
      const [change] = await tenantEvents(t, `action=project.updated&resourceId=${project.body.id}`);
      expect(change.impersonator).toMatchObject({ id: rootId, impersonationId: started.id, mode: 'write' });
    });

    it('ends on request: the token is refused at once, and the end is in both logs', async () => {
      const ended = await api.call('POST', `/api/v1/platform/impersonations/${started.id}/end`, { token: root });
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
      expect(ended.body).toMatchObject({ id: started.id, active: false, endedBy: rootId });
      expectProblem(await api.call('GET', '/api/v1/users/me', { token }), 401, 'UNAUTHENTICATED');
      expectProblem(
        await api.call('POST', `/api/v1/platform/impersonations/${started.id}/end`, { token: root }),
        409,
        'INVALID_STATE',
      );
      expect(await platformEvents(`action=impersonation.ended&resourceId=${started.id}&outcome=success`)).toHaveLength(1);
      expect(await platformEvents(`action=impersonation.ended&resourceId=${started.id}&outcome=failure`)).toHaveLength(1);
      const tenantSide = (await tenantEvents(t, 'action=impersonation.ended')).filter(
        (e) => e.metadata?.impersonationId === started.id,
      );
      expect(tenantSide).toHaveLength(1);
      const running = await api.call('GET', `/api/v1/platform/impersonations?tenantId=${t.id}&active=true`, { token: root });
      expect(running.body.items.map((i: any) => i.id)).not.toContain(started.id);
    });
  });

  describe('support staff', () => {
    let support: string;
    let supportId: string;

    beforeAll(async () => {
      const email = `support.${randomBytes(3).toString('hex')}@stratum.test`;
      const created = await api.call('POST', '/api/v1/platform/users', {
        token: root,
        body: { email, name: 'Sam Support', roles: ['support'], password: PASSWORD },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      supportId = created.body.id;
      const res = await api.call('POST', '/api/v1/platform/auth/login', { body: { email, password: PASSWORD } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      support = res.body.accessToken;
    });

    it('reads tenants, their statistics and both audit logs', async () => {
      for (const path of [
        '/api/v1/platform/tenants',
        `/api/v1/platform/tenants/${t.id}`,
        `/api/v1/platform/tenants/${t.id}/stats`,
        '/api/v1/platform/dashboard',
        '/api/v1/platform/audit-events',
        `/api/v1/platform/tenants/${t.id}/audit-events`,
        '/api/v1/platform/impersonations',
      ]) {
        const res = await api.call('GET', path, { token: support });
        expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      }
      const tenantLog = await api.call('GET', `/api/v1/platform/tenants/${t.id}/audit-events?action=impersonation.started`, {
        token: support,
      });
      expect(tenantLog.body.items.length).toBeGreaterThan(0);
    });

    it('changes nothing and cannot start a writing impersonation', async () => {
      const before = (await api.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root })).body;
      const attempts: [string, string, unknown?][] = [
        [
          'POST',
          '/api/v1/platform/impersonations',
          { tenantId: t.id, userId: member.id, reason: 'Support trying to act', mode: 'write' },
        ],
        [
          'POST',
          '/api/v1/platform/tenants',
          { name: 'X', slug: 'support-made', plan: 'free', admin: { email: 'a@b.test', name: 'A' } },
        ],
        ['PATCH', `/api/v1/platform/tenants/${t.id}`, { name: 'Renamed by support' }],
        ['POST', `/api/v1/platform/tenants/${t.id}/suspend`],
        ['DELETE', `/api/v1/platform/tenants/${t.id}`],
        ['GET', '/api/v1/platform/users'],
        ['POST', '/api/v1/platform/users', { email: 'x@stratum.test', name: 'X', roles: ['super_admin'], password: PASSWORD }],
        ['PATCH', `/api/v1/platform/users/${supportId}`, { roles: ['super_admin'] }],
      ];
      for (const [method, path, body] of attempts) {
        const res = await api.call(method, path, { token: support, body });
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const after = (await api.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root })).body;
      expect(after).toEqual(before);
    });

    it('may look as a user in read mode within the tenant\u2019s policy, and change nothing there', async () => {
      await setPolicy(t, 'consent');
      expect((await api.call('DELETE', '/api/v1/tenant/support-access', { token: t.token })).status).toBeLessThan(300);
      const body = { tenantId: t.id, userId: member.id, reason: 'Ticket 301: what does Mia see?' };
      expectProblem(await impersonate(body, support), 403, 'IMPERSONATION_FORBIDDEN');
      await openWindow(t, 10 * 60_000);
      const res = await impersonate(body, support);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.mode).toBe('read');
      expect(claimsOf(res.body.accessToken).imp_mode).toBe('read');
      const look = await api.call('GET', '/api/v1/projects', { token: res.body.accessToken });
      expect(look.status).toBe(200);
      expectProblem(
        await api.call('POST', '/api/v1/projects', { token: res.body.accessToken, body: { name: 'By support' } }),
        403,
        'IMPERSONATION_FORBIDDEN',
      );
      const reads = await tenantEvents(t, 'action=impersonation.request');
      const read = reads.find((e) => e.requestId === look.headers.get('x-request-id'));
      expect(read?.impersonator).toMatchObject({ id: supportId, impersonationId: res.body.id, mode: 'read' });
      const mail = await smtp.waitFor(t.admin.email, (m) => m.text.includes('Ticket 301'));
      expect(mail.text).toContain('Mode: read only');
      // Support ends their own impersonation, not another's.
      const ended = await api.call('POST', `/api/v1/platform/impersonations/${res.body.id}/end`, { token: support });
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
      expectProblem(await api.call('GET', '/api/v1/projects', { token: res.body.accessToken }), 401, 'UNAUTHENTICATED');
    });

    it('a deactivated staff account is signed out at once; the last super admin cannot be removed', async () => {
      const off = await api.call('POST', `/api/v1/platform/users/${supportId}/deactivate`, { token: root });
      expect(off.status, JSON.stringify(off.body)).toBe(200);
      expect(off.body.status).toBe('deactivated');
      expectProblem(await api.call('GET', '/api/v1/platform/tenants', { token: support }), 401, 'UNAUTHENTICATED');
      expectProblem(await api.call('POST', `/api/v1/platform/users/${rootId}/deactivate`, { token: root }), 409, 'INVALID_STATE');
      expectProblem(
        await api.call('PATCH', `/api/v1/platform/users/${rootId}`, { token: root, body: { roles: ['support'] } }),
        409,
        'INVALID_STATE',
      );
      const [event] = await platformEvents(`action=platform_user.deactivated&resourceId=${supportId}`);
      expect(event).toMatchObject({ actor: { id: rootId }, outcome: 'success' });
    });
  });
});
