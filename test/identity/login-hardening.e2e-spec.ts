import { PlatformUsersService, TenantUsersService } from '@stratum/identity';
import type { SystemRoleKey } from '@stratum/rbac';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { Reply, startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { ReceivedMail, startSmtp, TestSmtp } from '../support/smtp';
import { comparableProblem } from '../support/problems';

/** The default LOCKOUT_THRESHOLD. */
const THRESHOLD = 5;
const PASSWORD = 'lantern-quartz-meadow-42';
const WRONG = 'lantern-quartz-meadow-43';

interface LoginEvent {
  id: string;
  outcome: string;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

/**
 * Sign-in hardening: one indistinguishable 401 for every refused login, lockout after repeated
 * failures (with an email through the worker to a real SMTP server), unlock and expiry, and the
 * login history each account can read.
 */
describe('login hardening', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: RunningWorker;
  let pg: Client;
  let root: string;
  let t: TestTenant;
  let tenant: Tenant;
  /** The reference refusal: a login with an email nobody has. */
  let refusal: ReturnType<typeof comparableProblem>;

  const tenantLogin = (slug: string, email: string, password: string, userAgent?: string) =>
    api.call('POST', '/api/v1/auth/login', {
      tenant: slug,
      body: { email, password },
      headers: userAgent ? { 'user-agent': userAgent } : {},
    });
  const platformLogin = (email: string, password: string, userAgent?: string) =>
    api.call('POST', '/api/v1/platform/auth/login', {
      body: { email, password },
      headers: userAgent ? { 'user-agent': userAgent } : {},
    });

  /** Creates a user in `target` through the product's own service. */
  const createUser = async (target: Tenant, email: string, password?: string, roles: SystemRoleKey[] = ['member']) =>
    api.app
      .get(TenantDatabase)
      .run(target, (em) => api.app.get(TenantUsersService).create(em, { email, name: email, password, systemRoles: roles }));

  const newEmail = (what: string, slug = t.slug) => `${what}-${uniqueSlug('u')}@${slug}.test`;

  const expectRefused = (res: Reply, what: string) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(401);
    expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
    expect(comparableProblem(res), what).toEqual(refusal);
    expect(res.body, what).not.toHaveProperty('accessToken');
    expect(res.body, what).not.toHaveProperty('refreshToken');
  };

  /** Fails `n` logins in a row with a wrong password, each refused the same way. */
  const fail = async (slug: string, email: string, n: number, userAgent?: string) => {
    for (let i = 0; i < n; i++) expectRefused(await tenantLogin(slug, email, WRONG, userAgent), `wrong password #${i + 1}`);
  };

  const lockoutMail = (displayName: string) => (m: ReceivedMail) =>
    m.subject === `Security alert for your ${displayName} account` && /locked/i.test(m.text);

  const lockedUntil = async (schema: string, email: string): Promise<{ locked: boolean; withinMinutes: number }> => {
    const { rows } = await pg.query(
      `SELECT locked_until > now() AS locked, ceil(extract(epoch FROM (locked_until - now())) / 60)::int AS within
         FROM ${schema}.users WHERE lower(email) = lower($1)`,
      [email],
    );
    expect(rows, `user ${email} in ${schema}`).toHaveLength(1);
    return { locked: rows[0].locked === true, withinMinutes: rows[0].within };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    const overrides = { ...ownQueues(), SMTP_URL: smtp.url };
    api = await startApi(overrides);
    worker = await startWorker(testConfig(overrides));
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    tenant = (await api.app.get(TenantRegistry).find(t.id))!;
    const unknown = await tenantLogin(t.slug, newEmail('nobody'), PASSWORD);
    refusal = comparableProblem(unknown);
    expect(refusal).toEqual({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      title: 'Invalid credentials',
      detail: expect.any(String),
    });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await pg?.end();
  });

  describe('refusals', () => {
    it('answers an unknown email, a wrong password, a deactivated, an invited and a locked account with the same 401', async () => {
      const deactivated = newEmail('deactivated');
      const invited = newEmail('invited');
      const locked = newEmail('locked');
      await createUser(tenant, deactivated, PASSWORD);
      await createUser(tenant, invited); // no password: status 'invited'
      await createUser(tenant, locked, PASSWORD);
      // Both accounts with a password work before anything happens to them.
      expect((await tenantLogin(t.slug, deactivated, PASSWORD)).status).toBe(200);
      expect((await tenantLogin(t.slug, locked, PASSWORD)).status).toBe(200);
      await api.app
        .get(TenantDatabase)
        .run(tenant, (em) => em.query(`UPDATE users SET status = 'deactivated' WHERE email = $1`, [deactivated]));
      await fail(t.slug, locked, THRESHOLD);

      const refusals: Record<string, Reply> = {
        'unknown email': await tenantLogin(t.slug, newEmail('nobody'), PASSWORD),
        'wrong password': await tenantLogin(t.slug, t.admin.email, `${t.admin.password}-wrong`),
        'deactivated user, right password': await tenantLogin(t.slug, deactivated, PASSWORD),
        'invited user (no password yet)': await tenantLogin(t.slug, invited, PASSWORD),
        'locked account, right password': await tenantLogin(t.slug, locked, PASSWORD),
      };
      for (const [what, res] of Object.entries(refusals)) expectRefused(res, what);
    });
  });

  describe('lockout', () => {
    it(`locks an account after ${THRESHOLD} consecutive wrong passwords, refuses even the right one, and emails the owner`, async () => {
      const email = newEmail('lockme');
      await createUser(tenant, email, PASSWORD);

      // Varying the case of the email does not make a different account to guess at.
      await fail(t.slug, email, 2);
      await fail(t.slug, email.toUpperCase(), THRESHOLD - 2);
      expectRefused(await tenantLogin(t.slug, email, PASSWORD), 'right password while locked');
      expectRefused(await tenantLogin(t.slug, email.toUpperCase(), PASSWORD), 'right password, other case, while locked');
      expect((await lockedUntil(schemaOf(t.id), email)).locked).toBe(true);

      const mail = await smtp.waitFor(email, lockoutMail(`Tenant ${t.slug}`));
      expect(mail.to).toEqual([email]);
      expect(mail.text).toContain(`Your Tenant ${t.slug} account was locked after repeated failed sign-in attempts`);
    });

    it('counts wrong passwords sent all at once exactly: a burst cannot slip past the threshold', async () => {
      const email = newEmail('burst');
      await createUser(tenant, email, PASSWORD);
      const token = await login(api, t.slug, email, PASSWORD);
      const burst = await Promise.all(Array.from({ length: THRESHOLD + 3 }, () => tenantLogin(t.slug, email, WRONG)));
      burst.forEach((res, i) => expectRefused(res, `parallel wrong password #${i + 1}`));
      expectRefused(await tenantLogin(t.slug, email, PASSWORD), 'right password after the burst');
      const history = await api.call('GET', '/api/v1/auth/history?limit=100', { token });
      expect(history.status).toBe(200);
      const outcomes = (history.body.items as LoginEvent[]).map((e) => e.outcome);
      // THRESHOLD - 1 failures, the one that locked, then refusals of a locked account.
      expect(outcomes.filter((o) => o === 'failure')).toHaveLength(THRESHOLD - 1);
      expect(outcomes.filter((o) => o === 'locked')).toHaveLength(3 + 1 + 1);
      expect(outcomes).toHaveLength(THRESHOLD + 3 + 2);
    });

    it('counts consecutive failures only: a successful login before the threshold starts the count again', async () => {
      const email = newEmail('reset');
      await createUser(tenant, email, PASSWORD);
      await fail(t.slug, email, THRESHOLD - 1);
      expect((await tenantLogin(t.slug, email, PASSWORD)).status).toBe(200);
      await fail(t.slug, email, THRESHOLD - 1);
      const res = await tenantLogin(t.slug, email, PASSWORD);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect((await lockedUntil(schemaOf(t.id), email)).locked).toBe(false);
    });

    it("applies the tenant's own lockoutThreshold and lockoutMinutes, set by the super admin", async () => {
      const other = await createTenant(api, root);
      const patch = await api.call('PATCH', `/api/v1/platform/tenants/${other.id}`, {
        token: root,
        body: { settings: { lockoutThreshold: 3, lockoutMinutes: 1 } },
      });
      expect(patch.status, JSON.stringify(patch.body)).toBe(200);
      expect(patch.body.settings).toMatchObject({ lockoutThreshold: 3, lockoutMinutes: 1 });

      const otherTenant = (await api.app.get(TenantRegistry).find(other.id))!;
      const email = newEmail('strict', other.slug);
      await createUser(otherTenant, email, PASSWORD);
      await fail(other.slug, email, 3);
      expectRefused(await tenantLogin(other.slug, email, PASSWORD), 'right password after 3 failures (threshold 3)');
      // Locked for lockoutMinutes (1), not the default 30.
      expect(await lockedUntil(schemaOf(other.id), email)).toEqual({ locked: true, withinMinutes: 1 });
      await smtp.waitFor(email, lockoutMail(`Tenant ${other.slug}`));

      // The setting is this tenant's: the shared tenant still allows THRESHOLD - 1 failures.
      const elsewhere = newEmail('lenient');
      await createUser(tenant, elsewhere, PASSWORD);
      await fail(t.slug, elsewhere, 3);
      expect((await tenantLogin(t.slug, elsewhere, PASSWORD)).status).toBe(200);
    });
  });

  describe('unlock', () => {
    let viewerToken: string;

    beforeAll(async () => {
      const viewer = newEmail('viewer');
      await createUser(tenant, viewer, PASSWORD, ['viewer']);
      viewerToken = await login(api, t.slug, viewer, PASSWORD);
    });

    it('lets a tenant admin unlock an account: the user signs in again at once; a viewer may not', async () => {
      const email = newEmail('unlockme');
      const user = await createUser(tenant, email, PASSWORD);
      await fail(t.slug, email, THRESHOLD);
      expectRefused(await tenantLogin(t.slug, email, PASSWORD), 'locked');

      const byViewer = await api.call('POST', `/api/v1/users/${user.id}/unlock`, { token: viewerToken });
      expect(byViewer.status, JSON.stringify(byViewer.body)).toBe(403);
      expect(byViewer.body.code).toBe('FORBIDDEN');
      expectRefused(await tenantLogin(t.slug, email, PASSWORD), 'still locked after the viewer tried');

      const byAdmin = await api.call('POST', `/api/v1/users/${user.id}/unlock`, { token: t.token });
      expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(204);
      const res = await tenantLogin(t.slug, email, PASSWORD);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((await lockedUntil(schemaOf(t.id), email)).locked).toBe(false);
    });

    it('also clears the failure count, so the unlocked account gets its full allowance again', async () => {
      const email = newEmail('allowance');
      const user = await createUser(tenant, email, PASSWORD);
      await fail(t.slug, email, THRESHOLD - 1);
      expect((await api.call('POST', `/api/v1/users/${user.id}/unlock`, { token: t.token })).status).toBe(204);
      await fail(t.slug, email, THRESHOLD - 1);
      expect((await tenantLogin(t.slug, email, PASSWORD)).status).toBe(200);
    });

    it('answers 404 for a user the tenant does not have', async () => {
      const res = await api.call('POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/unlock', { token: t.token });
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('lets a lock expire: once locked_until has passed, the right password works', async () => {
      const email = newEmail('expire');
      await createUser(tenant, email, PASSWORD);
      await fail(t.slug, email, THRESHOLD);
      expectRefused(await tenantLogin(t.slug, email, PASSWORD), 'locked');
      const moved = await pg.query(
        `UPDATE ${schemaOf(t.id)}.users SET locked_until = now() - interval '1 second' WHERE email = $1`,
        [email],
      );
      expect(moved.rowCount).toBe(1);
      const res = await tenantLogin(t.slug, email, PASSWORD);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });
  });

  describe('login history', () => {
    let hToken: string;
    let oToken: string;
    let all: LoginEvent[];
    const history = (token: string, query = '') => api.call('GET', `/api/v1/auth/history${query}`, { token });

    beforeAll(async () => {
      const h = newEmail('history');
      const o = newEmail('bystander');
      await createUser(tenant, h, PASSWORD);
      await createUser(tenant, o, PASSWORD);
      // Another user's attempts, and attempts with nobody's email, interleaved with h's own.
      const bystander = async () => {
        expect((await tenantLogin(t.slug, o, WRONG, 'bystander-agent/1')).status).toBe(401);
        expect((await tenantLogin(t.slug, newEmail('nobody'), WRONG, 'bystander-agent/1')).status).toBe(401);
      };
      const first = await tenantLogin(t.slug, h, PASSWORD, 'history-agent/1');
      expect(first.status).toBe(200);
      hToken = first.body.accessToken;
      await bystander();
      for (let i = 0; i < THRESHOLD - 1; i++) expect((await tenantLogin(t.slug, h, WRONG, 'history-agent/2')).status).toBe(401);
      await bystander();
      expect((await tenantLogin(t.slug, h, WRONG, 'history-agent/3')).status).toBe(401); // locks
      expect((await tenantLogin(t.slug, h, PASSWORD, 'history-agent/4')).status).toBe(401); // while locked
      const other = await tenantLogin(t.slug, o, PASSWORD, 'bystander-agent/2');
      expect(other.status).toBe(200);
      oToken = other.body.accessToken;

      const res = await history(hToken, '?limit=100');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      all = res.body.items;
    });

    it("records the account's own attempts, newest first, with outcome, IP address and user agent", () => {
      expect(all.map((e) => [e.outcome, e.userAgent])).toEqual([
        ['locked', 'history-agent/4'],
        ['locked', 'history-agent/3'],
        ...Array.from({ length: THRESHOLD - 1 }, () => ['failure', 'history-agent/2']),
        ['success', 'history-agent/1'],
      ]);
      for (const e of all) {
        expect(e).toEqual({
          id: expect.any(String),
          outcome: expect.any(String),
          method: 'password',
          ip: expect.stringContaining('127.0.0.1'),
          userAgent: expect.any(String),
          createdAt: expect.any(String),
        });
      }
      const times = all.map((e) => Date.parse(e.createdAt));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
    });

    it("never shows another user's attempts", async () => {
      expect(all.some((e) => e.userAgent?.startsWith('bystander-agent'))).toBe(false);
      const res = await history(oToken, '?limit=100');
      expect(res.status).toBe(200);
      expect((res.body.items as LoginEvent[]).map((e) => [e.outcome, e.userAgent])).toEqual([
        ['success', 'bystander-agent/2'],
        ['failure', 'bystander-agent/1'],
        ['failure', 'bystander-agent/1'],
      ]);
      const ids = new Set(all.map((e) => e.id));
      expect((res.body.items as LoginEvent[]).some((e) => ids.has(e.id))).toBe(false);
    });

    it('pages with limit and nextCursor, without gaps or repeats', async () => {
      const pages: LoginEvent[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await history(hToken, query);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
        expect(pages.length).toBeLessThanOrEqual(all.length);
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([3, 3, all.length - 6]);
      expect(pages.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
      const firstPage = await history(hToken, '?limit=3');
      expect(firstPage.body.nextCursor).toEqual(expect.any(String));
      const whole = await history(hToken, '?limit=100');
      expect(whole.body.nextCursor).toBeNull();
    });

    it('is for signed-in accounts only', async () => {
      const res = await api.call('GET', '/api/v1/auth/history', { tenant: t.slug });
      expect(res.status).toBe(401);
    });
  });

  describe('platform staff', () => {
    it('locks a platform account the same way, emails its owner, and lets the lock expire', async () => {
      const email = `support-${uniqueSlug('s')}@stratum.test`;
      const { created } = await api.app.get(PlatformUsersService).ensure(email, 'Support', PASSWORD, ['support']);
      expect(created).toBe(true);
      const reference = comparableProblem(await platformLogin(`nobody-${uniqueSlug('s')}@stratum.test`, PASSWORD));
      expect(reference).toEqual(refusal);
      const platformFail = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const res = await platformLogin(email, WRONG, 'platform-agent/1');
          expect(res.status, JSON.stringify(res.body)).toBe(401);
          expect(comparableProblem(res)).toEqual(reference);
        }
      };

      const first = await platformLogin(email, PASSWORD, 'platform-agent/0');
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const token = first.body.accessToken;

      // Consecutive failures only.
      await platformFail(THRESHOLD - 1);
      expect((await platformLogin(email, PASSWORD)).status).toBe(200);
      await platformFail(THRESHOLD - 1);
      expect((await platformLogin(email, PASSWORD)).status).toBe(200);

      await platformFail(THRESHOLD);
      const locked = await platformLogin(email, PASSWORD, 'platform-agent/2');
      expect(locked.status).toBe(401);
      expect(comparableProblem(locked)).toEqual(reference);

      const mail = await smtp.waitFor(email, lockoutMail('Stratum platform'));
      expect(mail.text).toContain('Your Stratum platform account was locked');

      const history = await api.call('GET', '/api/v1/platform/auth/history?limit=100', { token });
      expect(history.status, JSON.stringify(history.body)).toBe(200);
      const outcomes = (history.body.items as LoginEvent[]).map((e) => e.outcome);
      expect(outcomes.slice(0, 2)).toEqual(['locked', 'locked']);
      expect(outcomes.at(-1)).toBe('success');
      expect((history.body.items as LoginEvent[])[0].userAgent).toBe('platform-agent/2');

      // The super admin is unaffected by a colleague's lockout.
      expect((await api.call('GET', '/api/v1/platform/tenants', { token: root })).status).toBe(200);

      const moved = await pg.query(
        `UPDATE platform.platform_users SET locked_until = now() - interval '1 second' WHERE email = $1`,
        [email],
      );
      expect(moved.rowCount).toBe(1);
      expect((await platformLogin(email, PASSWORD)).status).toBe(200);
    });
  });
});
