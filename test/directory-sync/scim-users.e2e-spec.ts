import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { ENTERPRISE, expectScimError, LIST, scim, scimToken, USER } from './scim-support';

describe('SCIM users', () => {
  let api: TestApi;
  let t: TestTenant;
  let req: ReturnType<typeof scim>;
  let tokenId: string;

  beforeAll(async () => {
    api = await startApi();
    t = await createTenant(api, await superAdminToken(api));
    const token = await scimToken(api, t);
    tokenId = token.id;
    expect(token.token).toMatch(/^scim_[A-Za-z0-9_-]{75}$/);
    expect(token.scimBaseUrl).toBe(`${api.config.PUBLIC_API_URL}/scim/v2`);
    req = scim(api, token.token);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('serves the discovery documents', async () => {
    const config = await req('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      etag: { supported: true },
    });
    const types = await req('GET', '/ResourceTypes');
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schemas = await req('GET', '/Schemas');
    expect(schemas.body.totalResults).toBe(3);
  });

  it('creates, reads and finds a user; the same userName again is 409 uniqueness', async () => {
    const created = await req('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      userName: 'Ada.Lovelace@Example.com',
      externalId: 'entra-1',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      active: true,
      [ENTERPRISE]: { employeeNumber: '42', department: 'Engines', manager: { value: 'boss-1' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.headers.get('location')).toBe(`${api.config.PUBLIC_API_URL}/scim/v2/Users/${id}`);
    expect(created.headers.get('etag')).toBe(created.body.meta.version);
    expect(created.body).toEqual({
      schemas: [USER, ENTERPRISE],
      id,
      externalId: 'entra-1',
      userName: 'ada.lovelace@example.com',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      displayName: 'Ada Lovelace',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      active: true,
      [ENTERPRISE]: { employeeNumber: '42', department: 'Engines', manager: { value: 'boss-1' } },
      meta: {
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: `${api.config.PUBLIC_API_URL}/scim/v2/Users/${id}`,
        version: expect.stringMatching(/^W\/"\d+"$/),
      },
    });

    const got = await req('GET', `/Users/${id}`);
    expect(got.body).toEqual(created.body);

    const found = await req('GET', `/Users?filter=${encodeURIComponent('userName eq "ADA.LOVELACE@example.com"')}`);
    expect(found.body).toEqual({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [created.body] });

    expectScimError(await req('POST', '/Users', { schemas: [USER], userName: 'ada.lovelace@example.com' }), 409, 'uniqueness');

    // The account is a tenant user like any other, audited as the directory's doing.
    const users = await api.call('GET', '/api/v1/users?q=lovelace', { token: t.token });
    expect(users.body.items).toMatchObject([{ id, email: 'ada.lovelace@example.com', status: 'active', roles: ['member'] }]);
    const audit = await api.call('GET', `/api/v1/audit-events?action=directory.user.provisioned`, { token: t.token });
    expect(audit.body.items.map((e: { outcome: string; errorCode: string | null }) => [e.outcome, e.errorCode])).toEqual([
      ['failure', 'CONFLICT'],
      ['success', null],
    ]);
    expect(audit.body.items[1]).toMatchObject({ actor: { type: 'directory', id: tokenId }, resource: { type: 'user', id } });
  });

  it('lists existing users too, so the directory can adopt them', async () => {
    const res = await req('GET', `/Users?filter=${encodeURIComponent(`userName eq "${t.admin.email}"`)}`);
    expect(res.body.totalResults).toBe(1);
    expect(res.body.Resources[0]).toMatchObject({
      userName: t.admin.email,
      active: true,
      emails: [{ value: t.admin.email, type: 'work', primary: true }],
    });
  });

  it('refuses a revoked token at once, in the SCIM error schema', async () => {
    const other = await scimToken(api, t, 'Okta');
    const okta = scim(api, other.token);
    expect((await okta('GET', '/Users?count=1')).status).toBe(200);
    expect((await api.call('DELETE', `/api/v1/directory-sync/tokens/${other.id}`, { token: t.token })).status).toBe(204);
    const listed = await api.call('GET', '/api/v1/directory-sync/tokens', { token: t.token });
    expect(listed.body.map((k: { name: string; revokedAt: string | null }) => [k.name, !!k.revokedAt])).toEqual([
      ['Okta', true],
      ['Entra ID', false],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(other.token.slice(5, 30));
    expect((await api.call('DELETE', `/api/v1/directory-sync/tokens/${randomUUID()}`, { token: t.token })).status).toBe(404);
    expectScimError(await okta('GET', '/Users?count=1'), 401);
    expectScimError(await scim(api, 'scim_nonsense')('GET', '/Users'), 401);
    // An admin's access token does not open the SCIM service.
    expectScimError(await scim(api, t.token)('GET', '/Users'), 401);
  });
});

describe('SCIM rate limit', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Counters of their own: a low limit under the run's shared prefix would throttle other files' logins.
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '4', REDIS_KEY_PREFIX: `${inject('redisPrefix')}-scim-rate` });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('counts per token: one token over its limit is 429, another token of the tenant is not', async () => {
    const t = await createTenant(api, await superAdminToken(api));
    const [a, b] = [scim(api, (await scimToken(api, t, 'a')).token), scim(api, (await scimToken(api, t, 'b')).token)];
    for (let i = 0; i < 4; i++) expect((await a('GET', '/ServiceProviderConfig')).status).toBe(200);
    const limited = await a('GET', '/ServiceProviderConfig');
    expectScimError(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await b('GET', '/ServiceProviderConfig')).status).toBe(200);
  });
});
