import { TenantUsersService } from '@stratum/identity';
import type { SystemRoleKey } from '@stratum/rbac';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApi } from '../support/api';
import { createTenant, login, TestTenant, uniqueSlug } from '../support/fixtures';
import { linkIn, ReceivedMail, TestSmtp } from '../support/smtp';
import { expectProblem } from '../support/problems';
import { MailStack, startMailStack } from '../support/stack';

interface Invitation {
  userId: string;
  email: string;
  status: string;
  expiresAt: string;
}

const PASSWORD = 'amber-falcon-orchard-42';
const OTHER_PASSWORD = 'quiet-meadow-lantern-77';
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Inviting users: the admin's request, the email through the queue and the worker to a real SMTP
 * server, and the invitee following the link, as a user would.
 */
describe('invitations', () => {
  let stack: MailStack;
  let smtp: TestSmtp;
  let api: TestApi;
  let pg: Client;
  let root: string;
  let a: TestTenant;
  let b: TestTenant;
  let tenantA: Tenant;

  beforeAll(async () => {
    stack = await startMailStack();
    ({ smtp, api, pg, root } = stack);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    tenantA = (await api.app.get(TenantRegistry).find(a.id))!;
  });

  afterAll(() => stack?.close());

  const schema = (t: TestTenant) => `t_${t.id.replace(/-/g, '')}`;
  const newEmail = () => `${uniqueSlug('guest')}@people.test`;
  const subject = (t: TestTenant) => `You are invited to Tenant ${t.slug}`;

  const invite = (t: TestTenant, body: Record<string, unknown>, token = t.token) =>
    api.call<Invitation>('POST', '/api/v1/users/invite', { token, body });
  const resend = (t: TestTenant, userId: string) =>
    api.call<Invitation>('POST', `/api/v1/users/${userId}/invitation/resend`, { token: t.token });
  const revoke = (t: TestTenant, userId: string) => api.call('DELETE', `/api/v1/users/${userId}/invitation`, { token: t.token });
  const accept = (tenant: string, token: string, password: string, name?: string) =>
    api.call('POST', '/api/v1/auth/invitations/accept', { tenant, body: { token, password, ...(name ? { name } : {}) } });
  const tryLogin = (t: TestTenant, email: string, password: string) =>
    api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password } });

  /** Waits for an invitation to `to` from `t` whose link carries a token not in `seen`. */
  const invitationLink = async (t: TestTenant, to: string, seen: string[] = []): Promise<URL> => {
    const isNew = (m: ReceivedMail) =>
      m.subject === subject(t) &&
      linkIn(m, '/accept-invitation').searchParams.get('tenant') === t.slug &&
      !seen.includes(linkIn(m, '/accept-invitation').searchParams.get('token')!);
    return linkIn(await smtp.waitFor(to, isNew), '/accept-invitation');
  };
  const tokenOf = (link: URL) => link.searchParams.get('token')!;

  /** An active user of tenant A, made through the product's service. */
  const createUser = async (roles: SystemRoleKey[]) => {
    const email = newEmail();
    const user = await api.app
      .get(TenantDatabase)
      .run(tenantA, (em) =>
        api.app.get(TenantUsersService).create(em, { email, name: 'Test User', password: PASSWORD, systemRoles: roles }),
      );
    return { id: user.id, email, token: await login(api, a.slug, email, PASSWORD) };
  };

  const userRow = async (t: TestTenant, id: string) =>
    (await pg.query(`SELECT id, status FROM "${schema(t)}".users WHERE id = $1`, [id])).rows;

  it('invites a user, who activates the account with the emailed link, once, and gets the invited role', async () => {
    const email = newEmail();
    const before = Date.now();
    const res = await invite(a, { email, name: 'Grace', roles: ['viewer'] });
    const after = Date.now();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ userId: expect.stringMatching(UUID), email, status: 'invited', expiresAt: expect.any(String) });
    const expiresAt = new Date(res.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY_MS - 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + 7 * DAY_MS + 1000);

    const link = await invitationLink(a, email);
    expect(link.origin).toBe('http://app.stratum.test');
    expect(link.searchParams.get('tenant')).toBe(a.slug);
    expect(tokenOf(link)).toMatch(/^inv_[\w-]{20,}$/);

    expectProblem(await tryLogin(a, email, PASSWORD), 401, 'INVALID_CREDENTIALS');

    const accepted = await accept(link.searchParams.get('tenant')!, tokenOf(link), PASSWORD, 'Grace Hopper');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toEqual({ id: res.body.userId, email, name: 'Grace Hopper', status: 'active' });

    expectProblem(await accept(a.slug, tokenOf(link), OTHER_PASSWORD), 400, 'INVALID_TOKEN');
    expectProblem(await tryLogin(a, email, OTHER_PASSWORD), 401, 'INVALID_CREDENTIALS');

    const token = await login(api, a.slug, email, PASSWORD);
    expect((await api.call('GET', '/api/v1/projects', { token })).status).toBe(200);
    expectProblem(await api.call('POST', '/api/v1/projects', { token, body: { name: 'Not mine to make' } }), 403, 'FORBIDDEN');
  });

  it('invites as member by default, keeping the name given at invitation; the email is normalised', async () => {
    const email = newEmail();
    const res = await invite(a, { email: `  ${email.toUpperCase()} `, name: 'Ada' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.email).toBe(email);
    const link = await invitationLink(a, email);
    const accepted = await accept(a.slug, tokenOf(link), PASSWORD);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ name: 'Ada', status: 'active' });

    const token = await login(api, a.slug, email.toUpperCase(), PASSWORD);
    const created = await api.call('POST', '/api/v1/projects', { token, body: { name: 'Made by a member' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectProblem(await invite(a, { email: newEmail() }, token), 403, 'FORBIDDEN');
  });

  it('refuses a weak password on acceptance without spending the link', async () => {
    const email = newEmail();
    expect((await invite(a, { email })).status).toBe(201);
    const link = await invitationLink(a, email);
    for (const weak of ['short-pw-1', 'password1234', `my-${email.split('@')[0]}-secret`]) {
      expectProblem(await accept(a.slug, tokenOf(link), weak), 400, 'VALIDATION_FAILED', { field: 'password' });
    }
    expect((await accept(a.slug, tokenOf(link), PASSWORD)).status).toBe(200);
    expect((await tryLogin(a, email, PASSWORD)).status).toBe(200);
  });

  it('resends with a new link; the old one stops working', async () => {
    const email = newEmail();
    const invited = await invite(a, { email, roles: ['viewer'] });
    expect(invited.status).toBe(201);
    const first = await invitationLink(a, email);

    const res = await resend(a, invited.body.userId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ userId: invited.body.userId, email, status: 'invited' });
    const second = await invitationLink(a, email, [tokenOf(first)]);
    expect(tokenOf(second)).not.toBe(tokenOf(first));

    expectProblem(await accept(a.slug, tokenOf(first), PASSWORD), 400, 'INVALID_TOKEN');
    expectProblem(await tryLogin(a, email, PASSWORD), 401, 'INVALID_CREDENTIALS');
    const accepted = await accept(a.slug, tokenOf(second), PASSWORD);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await tryLogin(a, email, PASSWORD)).status).toBe(200);
  });

  it('revokes: the invited user is removed and the link stops working', async () => {
    const email = newEmail();
    const invited = await invite(a, { email });
    expect(invited.status).toBe(201);
    const link = await invitationLink(a, email);

    const res = await revoke(a, invited.body.userId);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expectProblem(await accept(a.slug, tokenOf(link), PASSWORD), 400, 'INVALID_TOKEN');
    expect(await userRow(a, invited.body.userId)).toEqual([]);
    expectProblem(await revoke(a, invited.body.userId), 404, 'NOT_FOUND');
    expectProblem(await resend(a, invited.body.userId), 404, 'NOT_FOUND');
    expectProblem(await tryLogin(a, email, PASSWORD), 401, 'INVALID_CREDENTIALS');

    // The address is free again.
    const again = await invite(a, { email });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.userId).not.toBe(invited.body.userId);
  });

  it('refuses to resend or revoke the invitation of a user who is already active', async () => {
    const active = await createUser(['member']);
    expectProblem(await resend(a, active.id), 409, 'INVALID_STATE');
    expectProblem(await revoke(a, active.id), 409, 'INVALID_STATE');
    expect(await userRow(a, active.id)).toEqual([{ id: active.id, status: 'active' }]);

    // Nor once the invitation was accepted.
    const email = newEmail();
    const invited = await invite(a, { email });
    await accept(a.slug, tokenOf(await invitationLink(a, email)), PASSWORD);
    expectProblem(await resend(a, invited.body.userId), 409, 'INVALID_STATE');
    expectProblem(await revoke(a, invited.body.userId), 409, 'INVALID_STATE');
    expect((await tryLogin(a, email, PASSWORD)).status).toBe(200);
  });

  it('refuses an email already used in the tenant, whatever its case', async () => {
    expectProblem(await invite(a, { email: a.admin.email }), 409, 'CONFLICT');
    expectProblem(await invite(a, { email: a.admin.email.toUpperCase() }), 409, 'CONFLICT');
    const email = newEmail();
    expect((await invite(a, { email })).status).toBe(201);
    expectProblem(await invite(a, { email }), 409, 'CONFLICT');
    // The admin is untouched.
    expect((await tryLogin(a, a.admin.email, a.admin.password)).status).toBe(200);
  });

  it('invites the same email in two tenants independently', async () => {
    const email = newEmail();
    const inA = await invite(a, { email, roles: ['viewer'] });
    const inB = await invite(b, { email, roles: ['member'] });
    expect(inA.status, JSON.stringify(inA.body)).toBe(201);
    expect(inB.status, JSON.stringify(inB.body)).toBe(201);
    const [linkA, linkB] = await Promise.all([invitationLink(a, email), invitationLink(b, email)]);

    // Each link belongs to its own tenant.
    expectProblem(await accept(b.slug, tokenOf(linkA), PASSWORD), 400, 'INVALID_TOKEN');
    expect((await accept(a.slug, tokenOf(linkA), PASSWORD)).status).toBe(200);
    expectProblem(await tryLogin(b, email, PASSWORD), 401, 'INVALID_CREDENTIALS');
    expect((await accept(b.slug, tokenOf(linkB), OTHER_PASSWORD)).status).toBe(200);

    expect((await tryLogin(a, email, PASSWORD)).status).toBe(200);
    expect((await tryLogin(b, email, OTHER_PASSWORD)).status).toBe(200);
    expectProblem(await tryLogin(a, email, OTHER_PASSWORD), 401, 'INVALID_CREDENTIALS');
  });

  it('lets only users allowed to create users invite', async () => {
    const viewer = await createUser(['viewer']);
    const member = await createUser(['member']);
    const invited = await invite(a, { email: newEmail() });
    expect(invited.status).toBe(201);

    for (const [who, token] of Object.entries({ viewer: viewer.token, member: member.token })) {
      const email = newEmail();
      const res = await invite(a, { email }, token);
      expectProblem(res, 403, 'FORBIDDEN');
      expect((await pg.query(`SELECT 1 FROM "${schema(a)}".users WHERE email = $1`, [email])).rows, who).toEqual([]);
      expectProblem(
        await api.call('POST', `/api/v1/users/${invited.body.userId}/invitation/resend`, { token }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await api.call('DELETE', `/api/v1/users/${invited.body.userId}/invitation`, { token }), 403, 'FORBIDDEN');
    }
    expect(await userRow(a, invited.body.userId)).toEqual([{ id: invited.body.userId, status: 'invited' }]);

    const anonymous = await api.call('POST', '/api/v1/users/invite', { tenant: a.slug, body: { email: newEmail() } });
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
  });

  it('validates the invitation', async () => {
    expectProblem(await invite(a, { email: 'not-an-email' }), 400, 'VALIDATION_FAILED', { field: 'email' });
    expectProblem(await invite(a, {}), 400, 'VALIDATION_FAILED', { field: 'email' });
    expectProblem(await invite(a, { email: newEmail(), roles: ['overlord'] }), 400, 'VALIDATION_FAILED', { field: 'roles' });
    expectProblem(await invite(a, { email: newEmail(), roles: ['viewer', 'root'] }), 400, 'VALIDATION_FAILED', {
      field: 'roles',
    });
    expectProblem(await invite(a, { email: newEmail(), roles: 'viewer' }), 400, 'VALIDATION_FAILED', { field: 'roles' });
    expectProblem(await invite(a, { email: newEmail(), name: '' }), 400, 'VALIDATION_FAILED', { field: 'name' });
    expectProblem(await accept(a.slug, 'not-a-token', PASSWORD), 400, 'VALIDATION_FAILED', { field: 'token' });
  });

  it('refuses an expired invitation link; a resent one works', async () => {
    const email = newEmail();
    const invited = await invite(a, { email });
    expect(invited.status).toBe(201);
    const link = await invitationLink(a, email);
    const expired = await pg.query(
      `UPDATE "${schema(a)}".user_tokens SET expires_at = now() - interval '1 minute'
        WHERE user_id = $1 AND purpose = 'invitation' AND used_at IS NULL AND revoked_at IS NULL`,
      [invited.body.userId],
    );
    expect(expired.rowCount).toBe(1);

    expectProblem(await accept(a.slug, tokenOf(link), PASSWORD), 400, 'INVALID_TOKEN');
    expectProblem(await tryLogin(a, email, PASSWORD), 401, 'INVALID_CREDENTIALS');

    expect((await resend(a, invited.body.userId)).status).toBe(200);
    const fresh = await invitationLink(a, email, [tokenOf(link)]);
    expect((await accept(a.slug, tokenOf(fresh), PASSWORD)).status).toBe(200);
    expect((await tryLogin(a, email, PASSWORD)).status).toBe(200);
  });
});
