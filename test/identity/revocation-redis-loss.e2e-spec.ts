import { RedisHandle, startLocalRedis } from '@stratum/devenv';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { ownQueues, SUPERADMIN } from '../support/config';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';

const PASSWORD = 'lantern-orchard-copper-52';

/**
 * Revocation outlives Redis: PostgreSQL records every revoked session and ended impersonation,
 * so when Redis comes back empty (restart without persistence, failover, flush) a token of a
 * session that was ended before stays refused. Runs against a Redis of its own, which it flushes.
 */
describe('revocation after Redis loses its data', () => {
  let redis: RedisHandle;
  let direct: Redis;
  let api: TestApi;
  let root: string;
  let t: TestTenant;

  beforeAll(async () => {
    redis = await startLocalRedis();
    direct = new Redis(redis.url);
    api = await startApi({ REDIS_URL: redis.url, ...ownQueues() });
    root = await superAdminToken(api);
    t = await createTenant(api, root);
  });

  afterAll(async () => {
    await api?.close();
    direct?.disconnect();
    await redis?.stop();
  });

  const me = (token: string, platform = false) =>
    api.call('GET', platform ? '/api/v1/platform/auth/sessions' : '/api/v1/users/me', { token });

  it('refuses logged-out, revoked and impersonation tokens after a flush; live tokens keep working', async () => {
    const email = `${uniqueSlug('r')}@people.test`;
    const created = await api.call('POST', '/api/v1/users', { token: t.token, body: { email, name: 'Rae', password: PASSWORD } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const loggedOut = await login(api, t.slug, email, PASSWORD);
    const revokedByAdmin = await login(api, t.slug, email, PASSWORD);
    const live = await login(api, t.slug, email, PASSWORD);
    const platformLoggedOut = (await api.call('POST', '/api/v1/platform/auth/login', { body: SUPERADMIN })).body.accessToken;
    expect((await me(platformLoggedOut, true)).status).toBe(200);

    expect((await api.call('POST', '/api/v1/auth/logout', { token: loggedOut })).status).toBe(204);
    const sid = JSON.parse(Buffer.from(revokedByAdmin.split('.')[1], 'base64url').toString()).sid as string;
    const revoke = await api.call('DELETE', `/api/v1/users/${created.body.id}/sessions/${sid}`, { token: t.token });
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(204);
    expect((await api.call('POST', '/api/v1/platform/auth/logout', { token: platformLoggedOut })).status).toBe(204);

    const policy = await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
      token: root,
      body: { settings: { supportAccess: 'always' } },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    const started = await api.call('POST', '/api/v1/platform/impersonations', {
      token: root,
      body: { tenantId: t.id, userId: created.body.id, reason: 'Checking revocation outlives Redis' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const impersonation = started.body.accessToken as string;
    expect((await me(impersonation)).status).toBe(200);
    const ended = await api.call('POST', `/api/v1/platform/impersonations/${started.body.id}/end`, { token: root });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);

    const refused = async () => ({
      loggedOut: (await me(loggedOut)).status,
      revokedByAdmin: (await me(revokedByAdmin)).status,
      impersonation: (await me(impersonation)).status,
      platformLoggedOut: (await me(platformLoggedOut, true)).status,
      live: (await me(live)).status,
    });
    const expected = { loggedOut: 401, revokedByAdmin: 401, impersonation: 401, platformLoggedOut: 401, live: 200 };
    expect(await refused()).toEqual(expected);

    expect(await direct.flushall()).toBe('OK');
    expect(await direct.dbsize()).toBe(0);

    expect(await refused()).toEqual(expected);
    // Asked again, now from what was learnt after the flush.
    expect(await refused()).toEqual(expected);
    expect((await me(t.token)).status).toBe(200);
    expect((await me(root, true)).status).toBe(200);
  });

  it('a session revoked after the flush is refused at once', async () => {
    const token = await login(api, t.slug, t.admin.email, t.admin.password);
    expect((await me(token)).status).toBe(200);
    expect(await direct.flushall()).toBe('OK');
    expect((await me(token)).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await me(token)).status).toBe(401);
  });
});
