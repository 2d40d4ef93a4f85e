import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { Public } from '@stratum/rbac';
import { RateLimit } from '@stratum/admission';
import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { ownQueues, SUPERADMIN } from '../support/config';
import { createTenant, login, superAdminToken, TestTenant } from '../support/fixtures';

/** A route under the SSO code exchange limit, as the SSO library's exchange route declares it. */
@Controller('rate-limit-probe')
class ProbeController {
  @Post('sso-exchange')
  @Public()
  @RateLimit('sso-exchange')
  @HttpCode(200)
  exchange(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const WINDOW_MS = 3000;
/** Well-formed, but no such token exists. */
const NOT_A_TOKEN = `pr_${'x'.repeat(40)}`;
const LIMITS = {
  client: 8,
  account: 2,
  login: 3,
  passwordReset: 2,
  mfa: 3,
  ssoExchange: 2,
  invitation: 2,
};

/** Low limits over a short window, with X-Forwarded-For from the (loopback) test client trusted. */
const strict = (prefix: string): Record<string, string> => ({
  REDIS_KEY_PREFIX: prefix,
  TRUST_PROXY: 'loopback',
  TENANT_CACHE_TTL_MS: '0',
  RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
  RATE_LIMIT_PER_MINUTE: String(LIMITS.client),
  RATE_LIMIT_ACCOUNT_PER_MINUTE: String(LIMITS.account),
  RATE_LIMIT_LOGIN_PER_MINUTE: String(LIMITS.login),
  RATE_LIMIT_PASSWORD_RESET_PER_MINUTE: String(LIMITS.passwordReset),
  RATE_LIMIT_MFA_PER_MINUTE: String(LIMITS.mfa),
  RATE_LIMIT_SSO_EXCHANGE_PER_MINUTE: String(LIMITS.ssoExchange),
  RATE_LIMIT_INVITATION_PER_MINUTE: String(LIMITS.invitation),
});

let lastOctet = 0;
/** A client address of its own for each use, so tests never share an address's counters. */
const freshIp = () => `198.51.100.${++lastOctet}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** Sends `n` requests at once (so all fall in one window) and answers them in order. */
const burst = (n: number, send: (i: number) => Promise<Reply>) => Promise.all(Array.from({ length: n }, (_, i) => send(i)));

/** Exactly one of the replies is refused; answers the refused one after checking its form. */
function oneRefused(replies: Reply[], limit: number, rateLimit: string, per: string, windowMs = WINDOW_MS): Reply {
  const refused = replies.filter((r) => r.status === 429);
  expect(
    replies.map((r) => r.status),
    JSON.stringify(refused.map((r) => r.body)),
  ).toHaveLength(limit + 1);
  expect(refused, JSON.stringify(replies.map((r) => [r.status, r.body?.code]))).toHaveLength(1);
  const [res] = refused;
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', rateLimit, per });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowMs / 1000, `Retry-After ${retryAfter}`).toBe(
    true,
  );
  expect(res.body.retryAfter).toBe(retryAfter);
  expect(res.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
  expect(Number(res.headers.get('ratelimit-reset'))).toBe(retryAfter);
  for (const ok of replies.filter((r) => r.status !== 429)) {
    expect(Number(ok.headers.get('ratelimit-limit')), 'every answer advertises a limit').toBeGreaterThan(0);
    expect(ok.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
    expect(Number(ok.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
  }
  return res;
}

/** Waits out a refusal: the time its Retry-After names (a time window, not async work). */
const waitOut = (refused: Reply) => sleep(Number(refused.headers.get('retry-after')) * 1000 + 150);

describe('rate limits', () => {
  let setup: TestApi;
  let a: TestApi;
  let b: TestApi;
  let prefix: string;
  let root: string;
  let t: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    setup = await startApi();
    root = await superAdminToken(setup);
    [t, other] = await Promise.all([createTenant(setup, root), createTenant(setup, root)]);
    prefix = ownQueues().REDIS_KEY_PREFIX;
    // Two instances sharing one Redis prefix: one deployment behind a load balancer.
    [a, b] = await Promise.all([startApi(strict(prefix), [ProbeModule]), startApi(strict(prefix), [ProbeModule])]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), setup?.close()]);
  });

  describe('strict limits of sensitive routes, per IP address', () => {
    it('tenant login: one over is 429 with Retry-After and RateLimit headers; the address may log in after the window', async () => {
      const ip = freshIp();
      const replies = await burst(LIMITS.login + 1, (i) =>
        a.call('POST', '/api/v1/auth/login', {
          tenant: t.slug,
          headers: from(ip),
          body: { email: `nobody-${i}@${t.slug}.test`, password: 'not-the-password' },
        }),
      );
      const refused = oneRefused(replies, LIMITS.login, 'login', 'ip');
      expect(replies.filter((r) => r.status !== 429).every((r) => r.body.code === 'INVALID_CREDENTIALS')).toBe(true);
      // Another address is not held back by this one.
      const elsewhere = await a.call('POST', '/api/v1/auth/login', { tenant: t.slug, headers: from(freshIp()), body: t.admin });
      expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);

      await waitOut(refused);
      const again = await a.call('POST', '/api/v1/auth/login', { tenant: t.slug, headers: from(ip), body: t.admin });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    });

    it('platform login is limited the same way', async () => {
      const ip = freshIp();
      const replies = await burst(LIMITS.login + 1, (i) =>
        a.call('POST', '/api/v1/platform/auth/login', {
          headers: from(ip),
          body: { email: `nobody-${i}@platform.test`, password: 'not-the-password' },
        }),
      );
      const refused = oneRefused(replies, LIMITS.login, 'login', 'ip');
      await waitOut(refused);
      const again = await a.call('POST', '/api/v1/platform/auth/login', { headers: from(ip), body: SUPERADMIN });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    });

    it('password reset request', async () => {
      const ip = freshIp();
      const replies = await burst(LIMITS.passwordReset + 1, (i) =>
        a.call('POST', '/api/v1/auth/password-reset/request', {
          tenant: t.slug,
          headers: from(ip),
          body: { email: `someone-${i}@${t.slug}.test` },
        }),
      );
      const refused = oneRefused(replies, LIMITS.passwordReset, 'password-reset', 'ip');
      expect(replies.filter((r) => r.status !== 429).every((r) => r.status === 202)).toBe(true);
      // Confirming shares the address's password reset allowance.
      const confirm = await a.call('POST', '/api/v1/auth/password-reset/confirm', {
        tenant: t.slug,
        headers: from(ip),
        body: { token: NOT_A_TOKEN, password: 'a-new-password-that-is-long' },
      });
      expect(confirm.status).toBe(429);
      await waitOut(confirm);
      const again = await a.call('POST', '/api/v1/auth/password-reset/request', {
        tenant: t.slug,
        headers: from(ip),
        body: { email: `someone@${t.slug}.test` },
      });
      expect(again.status).toBe(202);
      expect(refused.body.detail).toMatch(/password-reset/);
    });

    it('password reset confirm', async () => {
      const ip = freshIp();
      const confirm = () =>
        a.call('POST', '/api/v1/auth/password-reset/confirm', {
          tenant: t.slug,
          headers: from(ip),
          body: { token: NOT_A_TOKEN, password: 'a-new-password-that-is-long' },
        });
      const replies = await burst(LIMITS.passwordReset + 1, confirm);
      const refused = oneRefused(replies, LIMITS.passwordReset, 'password-reset', 'ip');
      expect(replies.filter((r) => r.status !== 429).every((r) => r.body.code === 'INVALID_TOKEN')).toBe(true);
      await waitOut(refused);
      expect((await confirm()).body.code).toBe('INVALID_TOKEN');
    });

    it('MFA verification (tenant and platform share the allowance of an address)', async () => {
      const ip = freshIp();
      const verify = (path: string) =>
        a.call('POST', path, {
          tenant: path.startsWith('/api/v1/auth') ? t.slug : undefined,
          headers: from(ip),
          body: { mfaToken: 'not-a-token', code: '123456' },
        });
      const replies = await burst(LIMITS.mfa + 1, (i) =>
        verify(i % 2 ? '/api/v1/platform/auth/mfa/verify' : '/api/v1/auth/mfa/verify'),
      );
      const refused = oneRefused(replies, LIMITS.mfa, 'mfa-verify', 'ip');
      expect(replies.filter((r) => r.status !== 429).every((r) => r.status === 401)).toBe(true);
      await waitOut(refused);
      expect((await verify('/api/v1/auth/mfa/verify')).status).toBe(401);
    });

    it('SSO code exchange (@RateLimit("sso-exchange"))', async () => {
      const ip = freshIp();
      const exchange = () => a.call('POST', '/api/v1/rate-limit-probe/sso-exchange', { headers: from(ip), body: { code: 'x' } });
      const refused = oneRefused(await burst(LIMITS.ssoExchange + 1, exchange), LIMITS.ssoExchange, 'sso-exchange', 'ip');
      await waitOut(refused);
      expect((await exchange()).status).toBe(200);
    });

    it('the SSO code exchange route carries that limit', async () => {
      const ip = freshIp();
      const exchange = () => a.call('POST', '/api/v1/auth/sso/exchange', { headers: from(ip), body: { code: 'not-a-code' } });
      const replies = await burst(LIMITS.ssoExchange + 1, exchange);
      oneRefused(replies, LIMITS.ssoExchange, 'sso-exchange', 'ip');
      expect(replies.filter((r) => r.status !== 429).every((r) => r.status >= 400 && r.status < 500)).toBe(true);
    });

    it('invitation acceptance', async () => {
      const ip = freshIp();
      const accept = () =>
        a.call('POST', '/api/v1/auth/invitations/accept', {
          tenant: t.slug,
          headers: from(ip),
          body: { token: NOT_A_TOKEN, password: 'a-password-long-enough-42' },
        });
      const replies = await burst(LIMITS.invitation + 1, accept);
      const refused = oneRefused(replies, LIMITS.invitation, 'invitation-accept', 'ip');
      expect(replies.filter((r) => r.status !== 429).every((r) => r.body.code === 'INVALID_TOKEN')).toBe(true);
      await waitOut(refused);
      expect((await accept()).body.code).toBe('INVALID_TOKEN');
    });
  });

  describe('per account named in the body', () => {
    it('login attempts for one email are limited across addresses, within its tenant only', async () => {
      const email = `target-${Date.now()}@${t.slug}.test`;
      const attempt = (tenant: string) =>
        a.call('POST', '/api/v1/auth/login', { tenant, headers: from(freshIp()), body: { email, password: 'guess-1234567' } });
      const replies = await burst(LIMITS.account + 1, () => attempt(t.slug));
      const refused = oneRefused(replies, LIMITS.account, 'login', 'account');
      // The same address in another tenant is another account.
      expect((await attempt(other.slug)).body.code).toBe('INVALID_CREDENTIALS');
      await waitOut(refused);
      expect((await attempt(t.slug)).body.code).toBe('INVALID_CREDENTIALS');
    });

    it('password reset requests for one email are limited across addresses', async () => {
      const email = `reset-target-${Date.now()}@${t.slug}.test`;
      const request = () =>
        a.call('POST', '/api/v1/auth/password-reset/request', { tenant: t.slug, headers: from(freshIp()), body: { email } });
      const refused = oneRefused(await burst(LIMITS.account + 1, request), LIMITS.account, 'password-reset', 'account');
      await waitOut(refused);
      expect((await request()).status).toBe(202);
    });
  });

  describe('per client', () => {
    it('an anonymous address is limited; another address is not', async () => {
      const ip = freshIp();
      const replies = await burst(LIMITS.client + 1, () => a.call('GET', '/api/v1/errors', { headers: from(ip) }));
      oneRefused(replies, LIMITS.client, 'client', 'client');
      expect((await a.call('GET', '/api/v1/errors', { headers: from(freshIp()) })).status).toBe(200);
    });

    it('a signed-in user is counted as themselves, whatever their address', async () => {
      const email = `busy-${Date.now()}@${t.slug}.test`;
      const created = await setup.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'Busy', password: 'busy-user-password-42' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const token = await login(setup, t.slug, email, 'busy-user-password-42');
      const replies = await burst(LIMITS.client + 1, () =>
        a.call('GET', '/api/v1/users/me', { token, headers: from(freshIp()) }),
      );
      oneRefused(replies, LIMITS.client, 'client', 'client');
      // Another user of the same tenant, from the same kind of traffic, goes on.
      expect((await a.call('GET', '/api/v1/users/me', { token: t.token, headers: from(freshIp()) })).status).toBe(200);
    });

    it('an API key is counted as itself, apart from the user who made it', async () => {
      const made = await setup.call('POST', '/api/v1/api-keys', {
        token: t.token,
        body: { name: 'busy key', scopes: ['projects:read'] },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const replies = await burst(LIMITS.client + 1, () =>
        a.call('GET', '/api/v1/projects', { headers: { 'x-api-key': made.body.secret, ...from(freshIp()) } }),
      );
      oneRefused(replies, LIMITS.client, 'client', 'client');
      expect((await a.call('GET', '/api/v1/projects', { token: t.token })).status).toBe(200);
    });
  });

  it('two API instances sharing Redis share one limit', async () => {
    const ip = freshIp();
    const exchange = (api: TestApi) =>
      api.call('POST', '/api/v1/rate-limit-probe/sso-exchange', { headers: from(ip), body: { code: 'x' } });
    const statuses = [];
    for (const api of [a, b, a, b]) statuses.push((await exchange(api)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('keeps its counters under REDIS_KEY_PREFIX', async () => {
    const redis = new Redis(inject('redisUrl'));
    try {
      const keys = await redis.keys(`${prefix}:rate-limit:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((k) => k.includes(':ip}:'))).toBe(true);
    } finally {
      await redis.quit();
    }
  });

  describe('per tenant, by plan', () => {
    let c: TestApi;

    beforeAll(async () => {
      // A minute-long window; client limits out of reach, so only the tenant's own limit applies.
      c = await startApi({ ...ownQueues(), TENANT_CACHE_TTL_MS: '0' });
    });

    afterAll(async () => {
      await c?.close();
    });

    it("the plan's requestsPerMinute holds the tenant's users together; other tenants are not held back", async () => {
      const small = await createTenant(setup, root);
      const patched = await setup.call('PATCH', `/api/v1/platform/tenants/${small.id}`, { token: root, body: { plan: 'free' } });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const profile = await setup.call('GET', '/api/v1/tenant', { token: small.token });
      expect(profile.body.limits.requestsPerMinute).toBe(120);
      const replies = await burst(121, () => c.call('GET', '/api/v1/users/me', { token: small.token }));
      oneRefused(replies, 120, 'tenant', 'tenant', 60_000);
      expect((await c.call('GET', '/api/v1/users/me', { token: other.token })).status).toBe(200);
    });

    it('a super admin override of requestsPerMinute takes effect', async () => {
      const tight = await createTenant(setup, root);
      const patched = await setup.call('PATCH', `/api/v1/platform/tenants/${tight.id}`, {
        token: root,
        body: { limitOverrides: { requestsPerMinute: 3 } },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const replies = await burst(4, () => c.call('GET', '/api/v1/projects', { token: tight.token }));
      oneRefused(replies, 3, 'tenant', 'tenant', 60_000);
      expect((await c.call('GET', '/api/v1/projects', { token: t.token })).status).toBe(200);
    });
  });
});
