import { getQueueToken } from '@nestjs/bullmq';
import { QUEUES } from '@stratum/database';
import { PlatformUsersService, TenantUsersService } from '@stratum/identity';
import type { SystemRoleKey } from '@stratum/rbac';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reply, TestApi } from '../support/api';
import { createTenant, eventually, TestTenant, uniqueSlug } from '../support/fixtures';
import { linkIn, ReceivedMail, TestSmtp } from '../support/smtp';
import { expectProblem } from '../support/problems';
import { MailStack, startMailStack } from '../support/stack';
import { TokenPair } from '../support/tokens';

const PASSWORD = 'amber-falcon-orchard-42';
const NEW_PASSWORD = 'quiet-meadow-lantern-77';

/**
 * Password reset, password change and email verification, end to end: requests through the
 * API, emails through the queue and the worker to a real SMTP server, links followed as a user would.
 */
describe('password flows', () => {
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

  /** An active user of tenant A, made through the product's service; `name` is its email's local part. */
  const createUser = async (password = PASSWORD, roles: SystemRoleKey[] = ['viewer']) => {
    const email = `${uniqueSlug('user')}@people.test`;
    const user = await api.app
      .get(TenantDatabase)
      .run(tenantA, (em) =>
        api.app.get(TenantUsersService).create(em, { email, name: 'Test User', password, systemRoles: roles }),
      );
    return { id: user.id, email, password };
  };

  const login = (t: TestTenant, email: string, password: string) =>
    api.call<TokenPair>('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password } });

  const loginPair = async (t: TestTenant, email: string, password: string): Promise<TokenPair> => {
    const res = await login(t, email, password);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  /** A signed-in route every tenant user may call. */
  const mySessions = (token: string) => api.call('GET', '/api/v1/auth/sessions', { token });
  const refresh = (t: TestTenant, refreshToken: string) =>
    api.call('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken } });

  const requestReset = (t: TestTenant, email: string) =>
    api.call('POST', '/api/v1/auth/password-reset/request', { tenant: t.slug, body: { email } });
  const confirmReset = (t: TestTenant | string, token: string, password: string) =>
    api.call('POST', '/api/v1/auth/password-reset/confirm', {
      tenant: typeof t === 'string' ? t : t.slug,
      body: { token, password },
    });

  /** Waits for an email to `to` whose `path` link carries a token not in `seen`; returns that link. */
  const nextLink = async (to: string, subject: string, path: string, seen: string[] = []) => {
    const isNew = (m: ReceivedMail) => m.subject === subject && !seen.includes(linkIn(m, path).searchParams.get('token')!);
    const mail = await smtp.waitFor(to, isNew);
    return linkIn(mail, path);
  };
  const resetSubject = (t: TestTenant) => `Reset your Tenant ${t.slug} password`;

  /** Asks for a reset of `email` in A and returns the emailed token. */
  const resetToken = async (email: string, seen: string[] = []): Promise<string> => {
    expect((await requestReset(a, email)).status).toBe(202);
    return (await nextLink(email, resetSubject(a), '/reset-password', seen)).searchParams.get('token')!;
  };

  const emailVerifiedAt = async (userId: string): Promise<Date | null> => {
    const { rows } = await pg.query(`SELECT email_verified_at FROM "${schema(a)}".users WHERE id = $1`, [userId]);
    expect(rows).toHaveLength(1);
    return rows[0].email_verified_at;
  };

  describe('password reset', () => {
    it('answers every request with the same 202, and emails a link only to an existing active user', async () => {
      const active = await createUser();
      const deactivated = await createUser();
      await pg.query(`UPDATE "${schema(a)}".users SET status = 'deactivated' WHERE id = $1`, [deactivated.id]);
      const unknown = `${uniqueSlug('nobody')}@people.test`;

      // The active user's request goes last: once its email has arrived and the queue is empty,
      // an email for either of the others would have arrived too.
      const answers = {
        unknown: await requestReset(a, unknown),
        deactivated: await requestReset(a, deactivated.email),
        active: await requestReset(a, active.email),
      };
      for (const [what, res] of Object.entries(answers)) {
        expect(res.status, what).toBe(202);
        expect(res.body, what).toEqual(answers.unknown.body);
      }
      expect(answers.active.body).toEqual({ message: expect.any(String) });

      const mail = await smtp.waitFor(active.email, (m) => m.subject === resetSubject(a));
      const link = linkIn(mail, '/reset-password');
      expect(link.origin).toBe('http://app.stratum.test');
      expect(link.searchParams.get('tenant')).toBe(a.slug);
      expect(link.searchParams.get('token')).toMatch(/^pr_[\w-]{20,}$/);

      const queue = api.app.get<Queue>(getQueueToken(QUEUES.email));
      await eventually(async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0);
      });
      expect(smtp.received.filter((m) => m.to.includes(unknown) || m.to.includes(deactivated.email))).toEqual([]);
      const { rows } = await pg.query(`SELECT 1 FROM "${schema(a)}".user_tokens WHERE user_id = $1`, [deactivated.id]);
      expect(rows).toEqual([]);
    });

    it('sets the password with the emailed token, once, and signs the user out everywhere at once', async () => {
      const user = await createUser();
      const before = await loginPair(a, user.email, user.password);
      expect((await mySessions(before.accessToken)).status).toBe(200);

      const token = await resetToken(user.email);
      const confirm = await confirmReset(a, token, NEW_PASSWORD);
      expect(confirm.status, JSON.stringify(confirm.body)).toBe(204);

      expectProblem(await mySessions(before.accessToken), 401, 'UNAUTHENTICATED');
      expectProblem(await refresh(a, before.refreshToken), 401, 'UNAUTHENTICATED');
      expectProblem(await login(a, user.email, user.password), 401, 'INVALID_CREDENTIALS');
      const after = await loginPair(a, user.email, NEW_PASSWORD);
      expect((await mySessions(after.accessToken)).status).toBe(200);

      expectProblem(await confirmReset(a, token, 'copper-tide-window-19'), 400, 'INVALID_TOKEN');
      // The refused second use changed nothing.
      expect((await login(a, user.email, NEW_PASSWORD)).status).toBe(200);
      expectProblem(await login(a, user.email, 'copper-tide-window-19'), 401, 'INVALID_CREDENTIALS');
    });

    it('refuses an expired token', async () => {
      const user = await createUser();
      const token = await resetToken(user.email);
      const expired = await pg.query(
        `UPDATE "${schema(a)}".user_tokens SET expires_at = now() - interval '1 minute'
          WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL AND revoked_at IS NULL`,
        [user.id],
      );
      expect(expired.rowCount).toBe(1);

      expectProblem(await confirmReset(a, token, NEW_PASSWORD), 400, 'INVALID_TOKEN');
      expect((await login(a, user.email, user.password)).status).toBe(200);
    });

    it('makes earlier links stop working when a new one is requested: only the newest works', async () => {
      const user = await createUser();
      const first = await resetToken(user.email);
      const second = await resetToken(user.email, [first]);
      expect(second).not.toBe(first);

      expectProblem(await confirmReset(a, first, NEW_PASSWORD), 400, 'INVALID_TOKEN');
      expect((await login(a, user.email, user.password)).status).toBe(200);
      expect((await confirmReset(a, second, NEW_PASSWORD)).status).toBe(204);
      expect((await login(a, user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('refuses a weak new password by field, without spending the token', async () => {
      const user = await createUser();
      const local = user.email.split('@')[0];
      const token = await resetToken(user.email);

      for (const weak of ['short-pw-1', 'password1234', `my-${local}-secret`]) {
        expectProblem(await confirmReset(a, token, weak), 400, 'VALIDATION_FAILED', { field: 'password' });
        expectProblem(await login(a, user.email, weak), 401, 'INVALID_CREDENTIALS');
      }
      expect((await login(a, user.email, user.password)).status).toBe(200);

      expect((await confirmReset(a, token, NEW_PASSWORD)).status).toBe(204);
      expect((await login(a, user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it("refuses a tenant's token in another tenant", async () => {
      const user = await createUser();
      const token = await resetToken(user.email);

      expectProblem(await confirmReset(b, token, NEW_PASSWORD), 400, 'INVALID_TOKEN');
      // Still good where it was issued.
      expect((await confirmReset(a, token, NEW_PASSWORD)).status).toBe(204);
      expect((await login(a, user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('answers a malformed token with a validation error on the token field', async () => {
      for (const token of ['not-a-token', 'pr_short', '', 'pr_' + 'x'.repeat(20) + '!']) {
        expectProblem(await confirmReset(a, token, NEW_PASSWORD), 400, 'VALIDATION_FAILED', { field: 'token' });
      }
    });
  });

  describe('change password', () => {
    const changePassword = (token: string, currentPassword: string, newPassword: string) =>
      api.call('POST', '/api/v1/auth/change-password', { token, body: { currentPassword, newPassword } });

    it('refuses a wrong current password and a weak new one, naming the field, and changes nothing', async () => {
      const user = await createUser();
      const local = user.email.split('@')[0];
      const { accessToken } = await loginPair(a, user.email, user.password);

      expectProblem(await changePassword(accessToken, `${user.password}-wrong`, NEW_PASSWORD), 400, 'VALIDATION_FAILED', {
        field: 'currentPassword',
      });
      for (const weak of ['short-pw-1', 'password1234', `my-${local}-secret`]) {
        expectProblem(await changePassword(accessToken, user.password, weak), 400, 'VALIDATION_FAILED', { field: 'newPassword' });
      }

      expectProblem(await login(a, user.email, NEW_PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await login(a, user.email, user.password)).status).toBe(200);
      expect((await mySessions(accessToken)).status).toBe(200);
    });

    it("changes the password, keeps the caller's session and ends the user's other sessions at once", async () => {
      const user = await createUser();
      const mine = await loginPair(a, user.email, user.password);
      const other = await loginPair(a, user.email, user.password);
      expect((await mySessions(other.accessToken)).status).toBe(200);

      const res = await changePassword(mine.accessToken, user.password, NEW_PASSWORD);
      expect(res.status, JSON.stringify(res.body)).toBe(204);

      expect((await mySessions(mine.accessToken)).status).toBe(200);
      expect((await refresh(a, mine.refreshToken)).status).toBe(200);
      expectProblem(await mySessions(other.accessToken), 401, 'UNAUTHENTICATED');
      expectProblem(await refresh(a, other.refreshToken), 401, 'UNAUTHENTICATED');
      expectProblem(await login(a, user.email, user.password), 401, 'INVALID_CREDENTIALS');
      expect((await login(a, user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('lets platform staff change their own password', async () => {
      const email = `${uniqueSlug('staff')}@platform.test`;
      await api.app.get(PlatformUsersService).ensure(email, 'Support Person', PASSWORD, ['support']);
      const platformLogin = (password: string) =>
        api.call<TokenPair>('POST', '/api/v1/platform/auth/login', { body: { email, password } });
      const platformSessions = (token: string) => api.call('GET', '/api/v1/platform/auth/sessions', { token });
      const change = (token: string, currentPassword: string, newPassword: string) =>
        api.call('POST', '/api/v1/platform/auth/change-password', { token, body: { currentPassword, newPassword } });

      const mine = (await platformLogin(PASSWORD)).body;
      const other = (await platformLogin(PASSWORD)).body;
      expect((await platformSessions(other.accessToken)).status).toBe(200);

      expectProblem(await change(mine.accessToken, `${PASSWORD}-wrong`, NEW_PASSWORD), 400, 'VALIDATION_FAILED', {
        field: 'currentPassword',
      });
      expectProblem(await change(mine.accessToken, PASSWORD, 'password1234'), 400, 'VALIDATION_FAILED', { field: 'newPassword' });
      const res = await change(mine.accessToken, PASSWORD, NEW_PASSWORD);
      expect(res.status, JSON.stringify(res.body)).toBe(204);

      expect((await platformSessions(mine.accessToken)).status).toBe(200);
      expectProblem(await platformSessions(other.accessToken), 401, 'UNAUTHENTICATED');
      expectProblem(await platformLogin(PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await platformLogin(NEW_PASSWORD)).status).toBe(200);
    });
  });

  describe('email verification', () => {
    const verifySubject = (t: TestTenant) => `Confirm your email for Tenant ${t.slug}`;
    const requestVerification = (token: string) => api.call('POST', '/api/v1/auth/verify-email/request', { token });
    const confirmVerification = (tenant: string, token: string) =>
      api.call('POST', '/api/v1/auth/verify-email/confirm', { tenant, body: { token } });

    it('verifies the address with the emailed link, once; asking again afterwards is refused', async () => {
      const user = await createUser();
      expect(await emailVerifiedAt(user.id)).toBeNull();
      const { accessToken } = await loginPair(a, user.email, user.password);

      const res = await requestVerification(accessToken);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const link = await nextLink(user.email, verifySubject(a), '/verify-email');
      expect(link.origin).toBe('http://app.stratum.test');
      expect(link.searchParams.get('tenant')).toBe(a.slug);
      const token = link.searchParams.get('token')!;
      expect(token).toMatch(/^ev_[\w-]{20,}$/);
      expect(await emailVerifiedAt(user.id)).toBeNull();

      const confirm = await confirmVerification(link.searchParams.get('tenant')!, token);
      expect(confirm.status, JSON.stringify(confirm.body)).toBe(204);
      expect(await emailVerifiedAt(user.id)).toBeInstanceOf(Date);

      expectProblem(await confirmVerification(a.slug, token), 400, 'INVALID_TOKEN');
      expectProblem(await requestVerification(accessToken), 409, 'INVALID_STATE');
    });

    it('refuses a verification link without a token of that purpose', async () => {
      const user = await createUser();
      const resetTokenValue = await resetToken(user.email);
      // A password reset token is no email verification token, and vice versa.
      expectProblem(await confirmVerification(a.slug, resetTokenValue), 400, 'INVALID_TOKEN');
      expect(await emailVerifiedAt(user.id)).toBeNull();
      expect((await confirmReset(a, resetTokenValue, NEW_PASSWORD)).status).toBe(204);
    });

    it('marks the address verified when a password reset is confirmed with the emailed link', async () => {
      const user = await createUser();
      expect(await emailVerifiedAt(user.id)).toBeNull();
      expect((await requestReset(a, user.email)).status).toBe(202);
      const link = await nextLink(user.email, resetSubject(a), '/reset-password');
      const confirm = await confirmReset(link.searchParams.get('tenant')!, link.searchParams.get('token')!, NEW_PASSWORD);
      expect(confirm.status, JSON.stringify(confirm.body)).toBe(204);
      expect(await emailVerifiedAt(user.id)).toBeInstanceOf(Date);

      const { accessToken } = await loginPair(a, user.email, NEW_PASSWORD);
      expectProblem(await requestVerification(accessToken), 409, 'INVALID_STATE');
    });
  });

  describe('outstanding links end with the password or the account', () => {
    const confirmVerification = (token: string) =>
      api.call('POST', '/api/v1/auth/verify-email/confirm', { tenant: a.slug, body: { token } });

    /** A reset link and an email verification link, both outstanding, for `user`. */
    const outstandingLinks = async (user: { email: string; password: string }) => {
      const reset = await resetToken(user.email);
      const { accessToken } = await loginPair(a, user.email, user.password);
      expect((await api.call('POST', '/api/v1/auth/verify-email/request', { token: accessToken })).status).toBe(202);
      const verify = (await nextLink(user.email, `Confirm your email for Tenant ${a.slug}`, '/verify-email')).searchParams.get(
        'token',
      )!;
      return { reset, verify, accessToken };
    };

    it('a password change ends every outstanding reset and verification link', async () => {
      const user = await createUser();
      const links = await outstandingLinks(user);
      const changed = await api.call('POST', '/api/v1/auth/change-password', {
        token: links.accessToken,
        body: { currentPassword: user.password, newPassword: NEW_PASSWORD },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(204);

      expectProblem(await confirmReset(a, links.reset, 'copper-tide-window-19'), 400, 'INVALID_TOKEN');
      expectProblem(await confirmVerification(links.verify), 400, 'INVALID_TOKEN');
      expect((await login(a, user.email, NEW_PASSWORD)).status).toBe(200);
      expect(await emailVerifiedAt(user.id)).toBeNull();
    });

    it('a confirmed reset ends the other outstanding links', async () => {
      const user = await createUser();
      const links = await outstandingLinks(user);
      expect((await confirmReset(a, links.reset, NEW_PASSWORD)).status).toBe(204);
      expectProblem(await confirmVerification(links.verify), 400, 'INVALID_TOKEN');
      const { rows } = await pg.query(
        `SELECT count(*)::int AS n FROM "${schema(a)}".user_tokens WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
        [user.id],
      );
      expect(rows[0].n).toBe(0);
    });

    it('deactivation ends every outstanding link, and reactivation does not bring them back', async () => {
      const user = await createUser();
      const links = await outstandingLinks(user);
      expect((await api.call('POST', `/api/v1/users/${user.id}/deactivate`, { token: a.token })).status).toBe(200);
      expect((await api.call('POST', `/api/v1/users/${user.id}/reactivate`, { token: a.token })).status).toBe(200);

      expectProblem(await confirmVerification(links.verify), 400, 'INVALID_TOKEN');
      expectProblem(await confirmReset(a, links.reset, NEW_PASSWORD), 400, 'INVALID_TOKEN');
      expect((await login(a, user.email, user.password)).status).toBe(200);
      expect(await emailVerifiedAt(user.id)).toBeNull();
    });

    it('deactivating an invited user ends the invitation link, also after reactivation', async () => {
      const email = `${uniqueSlug('inv')}@people.test`;
      const invited = await api.call('POST', '/api/v1/users/invite', { token: a.token, body: { email, name: 'Ivy' } });
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      const link = await nextLink(email, `You are invited to Tenant ${a.slug}`, '/accept-invitation');
      const id = invited.body.userId;
      expect((await api.call('POST', `/api/v1/users/${id}/deactivate`, { token: a.token })).status).toBe(200);
      const back = await api.call('POST', `/api/v1/users/${id}/reactivate`, { token: a.token });
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      expect(back.body.status).toBe('invited');

      const accept = await api.call('POST', '/api/v1/auth/invitations/accept', {
        tenant: a.slug,
        body: { token: link.searchParams.get('token'), password: NEW_PASSWORD },
      });
      expectProblem(accept, 400, 'INVALID_TOKEN');
    });
  });

  describe('timing', () => {
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

    /** Medians of alternating requests for an existing and an unknown account (alternating cancels drift). */
    const compare = async (send: (email: string) => Promise<Reply>, existing: string, rounds = 15) => {
      const known: number[] = [];
      const unknown: number[] = [];
      // Warm both paths first (connections, caches, JIT).
      await send(existing);
      await send(`${uniqueSlug('nobody')}@people.test`);
      for (let i = 0; i < rounds; i++) {
        for (const [email, into] of [
          [existing, known],
          [`${uniqueSlug('nobody')}@people.test`, unknown],
        ] as const) {
          const started = process.hrtime.bigint();
          await send(email);
          into.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
      return { known: median(known), unknown: median(unknown), ratio: median(known) / median(unknown) };
    };

    it('a reset request takes as long for an existing account as for an unknown email', async () => {
      const user = await createUser();
      const result = await compare((email) => requestReset(a, email), user.email);
      expect(result.ratio, JSON.stringify(result)).toBeGreaterThan(0.5);
      expect(result.ratio, JSON.stringify(result)).toBeLessThan(2);
    });

    it('a failed login takes as long for an existing account as for an unknown email', async () => {
      const user = await createUser();
      const result = await compare((email) => login(a, email, 'not-the-password-at-all'), user.email);
      expect(result.ratio, JSON.stringify(result)).toBeGreaterThan(0.5);
      expect(result.ratio, JSON.stringify(result)).toBeLessThan(2);
    });
  });
});
