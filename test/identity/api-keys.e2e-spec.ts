import { formatApiKey, parseApiKey, TenantUsersService } from '@stratum/identity';
import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import * as jwt from 'jsonwebtoken';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, login, superAdminToken, TestTenant } from '../support/fixtures';
import { comparableProblem, expectProblem } from '../support/problems';

interface ApiKeyBody {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: 'active' | 'expired' | 'revoked';
  createdBy: string | null;
  createdAt: string;
  rotatedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  useCount: number;
}

interface NewKey extends ApiKeyBody {
  secret: string;
}

const KEY = /^sk_live_[A-Za-z0-9_-]{75}$/;
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

/** The same key with one character of its secret part changed (still well-formed base64url). */
function tamper(secret: string): string {
  const at = secret.length - 10;
  return `${secret.slice(0, at)}${secret[at] === 'A' ? 'B' : 'A'}${secret.slice(at + 1)}`;
}

describe('API keys', () => {
  let api: TestApi;
  let root: string;
  let a: TestTenant;
  let b: TestTenant;
  let pg: Client;
  let projectOfA: string;
  let projectOfB: string;

  const createKey = (t: TestTenant, body: Record<string, unknown>) =>
    api.call('POST', '/api/v1/api-keys', { token: t.token, body });
  const newKey = async (t: TestTenant, scopes: string[] = ['projects:read'], extra: Record<string, unknown> = {}) => {
    const res = await createKey(t, { name: `key ${randomBytes(3).toString('hex')}`, scopes, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as NewKey;
  };
  const getKey = (t: TestTenant, id: string) => api.call<ApiKeyBody>('GET', `/api/v1/api-keys/${id}`, { token: t.token });
  const listKeys = (t: TestTenant) => api.call<{ items: ApiKeyBody[] }>('GET', '/api/v1/api-keys', { token: t.token });
  /** A call authenticated by the key alone: no user token, no X-Tenant. */
  const withKey = (
    secret: string,
    method = 'GET',
    path = '/api/v1/projects',
    options: { body?: unknown; tenant?: string } = {},
  ) => api.call(method, path, { ...options, headers: { 'x-api-key': secret } });
  const withBearerKey = (secret: string, method = 'GET', path = '/api/v1/projects') => api.call(method, path, { token: secret });
  const projectIds = (res: Reply) => (res.body.items as { id: string }[]).map((p) => p.id);

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    const [pa, pb] = await Promise.all([
      api.call('POST', '/api/v1/projects', { token: a.token, body: { name: 'Project of A' } }),
      api.call('POST', '/api/v1/projects', { token: b.token, body: { name: 'Project of B' } }),
    ]);
    expect([pa.status, pb.status]).toEqual([201, 201]);
    [projectOfA, projectOfB] = [pa.body.id, pb.body.id];
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  describe('creation and use', () => {
    it('shows the secret once, at creation; reads never contain it', async () => {
      const res = await createKey(a, { name: 'CI deploys', scopes: ['projects:read'] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const adminId = (jwt.decode(a.token) as jwt.JwtPayload).sub;
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'CI deploys',
        prefix: expect.stringMatching(/^sk_live_.{8}$/),
        scopes: ['projects:read'],
        status: 'active',
        createdBy: adminId,
        createdAt: expect.any(String),
        rotatedAt: null,
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
        useCount: 0,
        secret: expect.stringMatching(KEY),
      });
      const { secret, ...shown } = res.body as NewKey;
      expect(secret.startsWith(shown.prefix)).toBe(true);

      const one = await getKey(a, shown.id);
      expect(one.status).toBe(200);
      // Reads show everything the creation answer showed, except the secret.
      expect(one.body).toEqual(shown);
      expect(Object.keys(res.body).sort()).toEqual([...Object.keys(one.body), 'secret'].sort());
      const list = await listKeys(a);
      expect(list.status).toBe(200);
      expect(list.body.items.find((k) => k.id === shown.id)).toEqual(shown);
      const secretPart = secret.slice(shown.prefix.length);
      for (const read of [one, list]) {
        const text = JSON.stringify(read.body);
        expect(text).not.toContain(secretPart);
        expect(text).not.toContain('"secret"');
      }
      // Only a hash of the key is stored.
      const {
        rows: [row],
      } = await pg.query(`SELECT * FROM "${schemaOf(a.id)}".api_keys WHERE id = $1`, [shown.id]);
      expect(JSON.stringify(row)).not.toContain(secretPart);
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it("authenticates with X-API-Key or Authorization: Bearer, without X-Tenant, seeing only its tenant's data", async () => {
      const { secret } = await newKey(a);
      for (const res of [await withKey(secret), await withBearerKey(secret)]) {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(projectIds(res)).toContain(projectOfA);
        expect(projectIds(res)).not.toContain(projectOfB);
      }
      expectProblem(await withKey(secret, 'GET', `/api/v1/projects/${projectOfB}`), 404, 'NOT_FOUND', "B's project");
      expect((await withKey(secret, 'GET', `/api/v1/projects/${projectOfA}`)).status).toBe(200);
    });
  });

  describe('scopes', () => {
    it('are the ceiling of what the key may do', async () => {
      const reader = await newKey(a, ['projects:read']);
      expect((await withKey(reader.secret)).status).toBe(200);
      const create = await withKey(reader.secret, 'POST', '/api/v1/projects', { body: { name: 'By a key' } });
      expectProblem(create, 403, 'FORBIDDEN', 'create with a read-only key');
      expect(create.body.missing).toEqual(['projects:create']);
      const rename = await withKey(reader.secret, 'PATCH', `/api/v1/projects/${projectOfA}`, { body: { name: 'Renamed' } });
      expectProblem(rename, 403, 'FORBIDDEN', 'update with a read-only key');
      expect(rename.body.missing).toEqual(['projects:update']);
      const keys = await withKey(reader.secret, 'GET', '/api/v1/api-keys');
      expectProblem(keys, 403, 'FORBIDDEN', 'list keys with a read-only key');
      expect(keys.body.missing).toEqual(['api-keys:read']);

      const project = await api.call('POST', '/api/v1/projects', { token: a.token, body: { name: 'Scoped' } });
      const editor = await newKey(a, ['projects:read', 'projects:update']);
      const renamed = await withKey(editor.secret, 'PATCH', `/api/v1/projects/${project.body.id}`, { body: { name: 'Renamed' } });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      expect(renamed.body.name).toBe('Renamed');
      const removed = await withKey(editor.secret, 'DELETE', `/api/v1/projects/${project.body.id}`);
      expectProblem(removed, 403, 'FORBIDDEN', 'delete with an editor key');
      expect(removed.body.missing).toEqual(['projects:delete']);
    });

    it('may be anything in the catalogue for an admin; a user without api-keys:manage creates none', async () => {
      const catalogue = await api.call('GET', '/api/v1/permissions', { token: a.token });
      expect(catalogue.status).toBe(200);
      const all = (catalogue.body.items as { key: string }[]).map((p) => p.key);
      expect(all).toContain('api-keys:manage');
      const everything = await newKey(a, all);
      expect([...everything.scopes].sort()).toEqual([...all].sort());

      const manager = {
        email: `pm-${randomBytes(4).toString('hex')}@users.test`,
        password: `Pass-${randomBytes(6).toString('hex')}-phrase`,
      };
      const tenant = (await api.app.get(TenantRegistry).find(a.id))!;
      await api.app
        .get(TenantDatabase)
        .run(tenant, (em) =>
          api.app.get(TenantUsersService).create(em, { ...manager, name: 'PM', systemRoles: ['project_manager'] }),
        );
      const token = await login(api, a.slug, manager.email, manager.password);
      const refused = await api.call('POST', '/api/v1/api-keys', { token, body: { name: 'mine', scopes: ['projects:read'] } });
      expectProblem(refused, 403, 'FORBIDDEN', 'project manager creates a key');
      expect(refused.body.missing).toEqual(['api-keys:manage']);
    });

    it('refuses unknown scope names and empty scope lists', async () => {
      for (const scopes of [['projects:read', 'projects:destroy'], ['*'], []]) {
        const res = await createKey(a, { name: 'bad', scopes });
        expectProblem(res, 400, 'VALIDATION_FAILED', JSON.stringify(scopes));
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('scopes');
      }
      const names = (await listKeys(a)).body.items.map((k) => k.name);
      expect(names).not.toContain('bad');
    });
  });

  describe('lifecycle', () => {
    it('refuses an expiry in the past; a key past its expiry stops at once and shows as expired', async () => {
      const past = await createKey(a, { name: 'stale', scopes: ['projects:read'], expiresAt: new Date(Date.now() - 60_000) });
      expectProblem(past, 400, 'VALIDATION_FAILED', 'expiresAt in the past');
      expect((past.body.errors as { field: string }[]).map((e) => e.field)).toContain('expiresAt');

      const expiresAt = new Date(Date.now() + 86_400_000);
      const key = await newKey(a, ['projects:read'], { expiresAt });
      expect(key).toMatchObject({ status: 'active', expiresAt: expiresAt.toISOString() });
      expect((await withKey(key.secret)).status).toBe(200);

      await pg.query(`UPDATE "${schemaOf(a.id)}".api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [key.id]);
      expectProblem(await withKey(key.secret), 401, 'UNAUTHENTICATED', 'expired key');
      expectProblem(await withBearerKey(key.secret), 401, 'UNAUTHENTICATED', 'expired key as bearer');
      expect((await getKey(a, key.id)).body.status).toBe('expired');
      expect((await listKeys(a)).body.items.find((k) => k.id === key.id)?.status).toBe('expired');
    });

    it('revokes a key at once; a revoked key cannot be rotated', async () => {
      const key = await newKey(a);
      expect((await withKey(key.secret)).status).toBe(200);

      const revoked = await api.call('DELETE', `/api/v1/api-keys/${key.id}`, { token: a.token });
      expect(revoked.status, JSON.stringify(revoked.body)).toBe(204);
      expectProblem(await withKey(key.secret), 401, 'UNAUTHENTICATED', 'revoked key');
      expectProblem(await withBearerKey(key.secret), 401, 'UNAUTHENTICATED', 'revoked key as bearer');
      const shown = (await getKey(a, key.id)).body;
      expect(shown).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
      expect((await listKeys(a)).body.items.find((k) => k.id === key.id)?.status).toBe('revoked');

      // Revoking again changes nothing.
      expect((await api.call('DELETE', `/api/v1/api-keys/${key.id}`, { token: a.token })).status).toBe(204);
      expect((await getKey(a, key.id)).body.revokedAt).toBe(shown.revokedAt);

      const rotate = await api.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: a.token });
      expectProblem(rotate, 409, 'INVALID_STATE', 'rotate a revoked key');
      expectProblem(await withKey(key.secret), 401, 'UNAUTHENTICATED', 'still revoked');
    });

    it('rotates the secret: the old one stops at once, the new one works; id, name and scopes stay', async () => {
      const key = await newKey(a, ['projects:read', 'documents:read']);
      expect((await withKey(key.secret)).status).toBe(200);

      const res = await api.call<NewKey>('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: a.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const rotated = res.body;
      expect(rotated).toMatchObject({
        id: key.id,
        name: key.name,
        scopes: key.scopes,
        createdAt: key.createdAt,
        status: 'active',
        rotatedAt: expect.any(String),
        secret: expect.stringMatching(KEY),
      });
      expect(rotated.secret).not.toBe(key.secret);
      expect(rotated.secret.startsWith(rotated.prefix)).toBe(true);

      expectProblem(await withKey(key.secret), 401, 'UNAUTHENTICATED', 'old secret');
      expect((await withKey(rotated.secret)).status).toBe(200);
      expect((await withBearerKey(rotated.secret)).status).toBe(200);
      const shown = (await getKey(a, key.id)).body;
      expect(JSON.stringify(shown)).not.toContain(rotated.secret.slice(rotated.prefix.length));
      expect(shown).toMatchObject({ prefix: rotated.prefix, rotatedAt: rotated.rotatedAt });
    });

    it('answers 404 for keys of another tenant', async () => {
      const key = await newKey(a);
      expectProblem(await getKey(b, key.id), 404, 'NOT_FOUND', 'get');
      expectProblem(await api.call('DELETE', `/api/v1/api-keys/${key.id}`, { token: b.token }), 404, 'NOT_FOUND', 'revoke');
      expectProblem(await api.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: b.token }), 404, 'NOT_FOUND', 'rotate');
      expect((await withKey(key.secret)).status).toBe(200);
    });
  });

  describe('tenant binding', () => {
    it('refuses X-Tenant naming another tenant than the key', async () => {
      const { secret } = await newKey(a);
      for (const named of [b.slug, b.id]) {
        expectProblem(await withKey(secret, 'GET', '/api/v1/projects', { tenant: named }), 403, 'TENANT_MISMATCH', named);
      }
      expect((await withKey(secret, 'GET', '/api/v1/projects', { tenant: a.slug })).status).toBe(200);
    });

    it('answers tampered and forged keys exactly like an unknown key', async () => {
      const key = await newKey(a);
      const parsed = parseApiKey(key.secret)!;
      expect(parsed).toMatchObject({ keyId: key.id, tenantId: a.id });
      const unknown = await withKey(formatApiKey(randomUUID(), a.id, randomBytes(24)));
      expectProblem(unknown, 401, 'UNAUTHENTICATED', 'unknown key');

      const forged = {
        changedCharacter: tamper(key.secret),
        otherTenant: formatApiKey(parsed.keyId, b.id, parsed.secret),
        unknownTenant: formatApiKey(parsed.keyId, randomUUID(), parsed.secret),
        truncated: key.secret.slice(0, -4),
        notAKey: 'sk_live_not-a-key',
      };
      for (const [what, secret] of Object.entries(forged)) {
        expect(secret, what).not.toBe(key.secret);
        for (const res of [await withKey(secret), await withBearerKey(secret)]) {
          expectProblem(res, 401, 'UNAUTHENTICATED', what);
          expect(comparableProblem(res), what).toEqual(comparableProblem(unknown));
        }
      }
      // The genuine key still works, and none of those attempts counted as a use of it.
      expect((await withKey(key.secret)).status).toBe(200);
      expect((await getKey(a, key.id)).body.useCount).toBe(1);
    });

    it("refuses a suspended tenant's key with TENANT_SUSPENDED until it is reactivated", async () => {
      const s = await createTenant(api, root);
      const { secret } = await newKey(s);
      expect((await withKey(secret)).status).toBe(200);

      expect((await api.call('POST', `/api/v1/platform/tenants/${s.id}/suspend`, { token: root })).status).toBe(200);
      expectProblem(await withKey(secret), 403, 'TENANT_SUSPENDED', 'suspended');
      expectProblem(await withBearerKey(secret), 403, 'TENANT_SUSPENDED', 'suspended, as bearer');

      expect((await api.call('POST', `/api/v1/platform/tenants/${s.id}/reactivate`, { token: root })).status).toBe(200);
      expect((await withKey(secret)).status).toBe(200);
    });
  });

  describe('usage', () => {
    it('sets lastUsedAt on the first use and counts every call', async () => {
      const key = await newKey(a);
      expect(key).toMatchObject({ lastUsedAt: null, useCount: 0 });
      expect((await withKey(key.secret)).status).toBe(200);
      expect((await withBearerKey(key.secret)).status).toBe(200);
      expect((await withKey(key.secret, 'GET', `/api/v1/projects/${projectOfA}`)).status).toBe(200);

      const shown = (await getKey(a, key.id)).body;
      expect(shown.useCount).toBe(3);
      expect(shown.lastUsedAt).not.toBeNull();
      expect(new Date(shown.lastUsedAt!).getTime()).toBeGreaterThanOrEqual(new Date(key.createdAt).getTime());
      const listed = (await listKeys(a)).body.items.find((k) => k.id === key.id)!;
      expect(listed).toMatchObject({ useCount: 3, lastUsedAt: shown.lastUsedAt });
    });

    it('counts a call that ended in an error as a use too, also when it is the first', async () => {
      const key = await newKey(a, ['projects:read']);
      // The very first use is a permitted call that answers 404 (no such project)...
      expectProblem(await withKey(key.secret, 'GET', `/api/v1/projects/${randomUUID()}`), 404, 'NOT_FOUND', 'first use');
      // ...then two calls that succeed.
      expect((await withKey(key.secret)).status).toBe(200);
      expect((await withKey(key.secret)).status).toBe(200);

      const shown = (await getKey(a, key.id)).body;
      expect(shown.lastUsedAt, 'lastUsedAt after three uses').not.toBeNull();
      expect(shown.useCount, 'useCount after three uses').toBe(3);
    });
  });

  describe('account routes', () => {
    it('are closed to API keys (they act for a signed-in user), whatever the scopes', async () => {
      const catalogue = await api.call('GET', '/api/v1/permissions', { token: a.token });
      const { secret } = await newKey(
        a,
        (catalogue.body.items as { key: string }[]).map((p) => p.key),
      );
      const routes: [string, string, unknown?][] = [
        ['POST', '/api/v1/auth/logout'],
        ['POST', '/api/v1/auth/logout-all'],
        ['GET', '/api/v1/auth/sessions'],
        ['GET', '/api/v1/auth/history'],
        ['POST', '/api/v1/auth/change-password', { currentPassword: 'whatever-it-is', newPassword: 'Another-long-phrase-77' }],
        ['POST', '/api/v1/auth/mfa/totp/enroll'],
      ];
      for (const [method, path, body] of routes) {
        for (const res of [
          await api.call(method, path, { body, headers: { 'x-api-key': secret } }),
          await api.call(method, path, { body, token: secret }),
        ]) {
          expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(403);
          expect(res.body.code, `${method} ${path}`).toBe('FORBIDDEN');
        }
      }
      expectProblem(
        await api.call('GET', '/api/v1/platform/tenants', { headers: { 'x-api-key': secret } }),
        403,
        'FORBIDDEN',
        'platform route',
      );
      // The key itself is unaffected.
      expect((await withKey(secret)).status).toBe(200);
    });
  });
});
