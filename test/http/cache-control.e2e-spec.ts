import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startApi, TestApi, type Reply } from '../support/api';
import { SUPERADMIN } from '../support/config';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { webhookOverrides } from '../support/webhooks';

/** A browser or proxy must never keep a copy of a response that carries a token or a secret. */
function expectNoStore(label: string, res: Reply): void {
  expect(res.headers.get('cache-control'), label).toBe('no-store');
  expect(res.headers.get('pragma'), label).toBe('no-cache');
}

describe('Cache-Control on API responses', () => {
  let api: TestApi;
  let t: TestTenant;

  beforeAll(async () => {
    api = await startApi(webhookOverrides());
    t = await createTenant(api, await superAdminToken(api));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers every response carrying a token or a secret with no-store', async () => {
    const seen: [string, Reply][] = [];
    const expectOk = (label: string, res: Reply, status: number) => {
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(status);
      seen.push([label, res]);
    };

    const login = await api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: t.admin });
    expectOk('tenant login', login, 200);
    expect(login.body.refreshToken).toEqual(expect.any(String));
    const refresh = await api.call('POST', '/api/v1/auth/refresh', {
      tenant: t.slug,
      body: { refreshToken: login.body.refreshToken },
    });
    expectOk('refresh', refresh, 200);
    const platform = await api.call('POST', '/api/v1/platform/auth/login', { body: SUPERADMIN });
    expectOk('platform login', platform, 200);
    const enroll = await api.call('POST', '/api/v1/auth/mfa/totp/enroll', { token: refresh.body.accessToken });
    expect([200, 201]).toContain(enroll.status);
    seen.push(['MFA enrolment', enroll]);
    // Refusals of token-carrying routes are no-store too.
    seen.push([
      'MFA verify (refused)',
      await api.call('POST', '/api/v1/auth/mfa/verify', { tenant: t.slug, body: { mfaToken: 'x.y.z', code: '123456' } }),
    ]);
    seen.push(['SSO code exchange (refused)', await api.call('POST', '/api/v1/auth/sso/exchange', { body: { code: 'nope' } })]);

    const key = await api.call('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'ci', scopes: ['projects:read'] } });
    expectOk('API key create', key, 201);
    expectOk('API key rotate', await api.call('POST', `/api/v1/api-keys/${key.body.id}/rotate`, { token: t.token }), 200);
    const endpoint = await api.call('POST', '/api/v1/webhooks/endpoints', {
      token: t.token,
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['*'] },
    });
    expectOk('webhook endpoint create', endpoint, 201);
    expect(endpoint.body.secret).toEqual(expect.any(String));
    const rotated = await api.call('POST', `/api/v1/webhooks/endpoints/${endpoint.body.id}/rotate-secret`, { token: t.token });
    expect([200, 201]).toContain(rotated.status);
    seen.push(['webhook secret rotate', rotated]);

    for (const [label, res] of seen) expectNoStore(label, res);
  });

  it('applies to every /api/v1 response, reads and errors included', async () => {
    expectNoStore('user list', await api.call('GET', '/api/v1/users', { token: t.token }));
    expectNoStore('unauthenticated', await api.call('GET', '/api/v1/users'));
    expectNoStore('unknown route', await call(api.url, 'GET', '/api/v1/no-such-route'));
  });
});
