import { ERROR_CODES } from '@stratum/common';
import * as jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { asAppRole } from '../support/config';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

const BASE_DOMAIN = 'tenants.test';

/**
 * Values meant to break out of a SQL literal, identifier, ORDER BY or LIKE pattern, and values
 * PostgreSQL cannot store or read (NUL, unpaired surrogates, dates outside its range).
 */
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; DROP SCHEMA platform CASCADE; --',
  '" OR ""="',
  "') UNION SELECT table_name, null FROM information_schema.tables --",
  "x' AND (SELECT pg_sleep(10)) IS NULL --",
  'createdAt; SELECT pg_sleep(10) --',
  '-createdAt, (SELECT 1/0)',
  "%' AND 1=1 --",
  "\\'; --",
  '"public"."users"',
  'a\u0000b',
  '\ud800',
  'x'.repeat(5000),
  '9'.repeat(400),
  '-1',
  '1e309',
  'true; --',
  '2020-13-45T99:99:99Z',
  '-271821-04-20T00:00:00Z',
  '275760-09-13T00:00:01Z',
  '{"$ne":null}',
];

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Cursors a client could forge: the API hands out opaque ones, but nothing stops a caller editing them. */
const FORGED_CURSORS = [
  cursor({ v: "' OR 1=1 --", id: "' OR 1=1 --" }),
  cursor({ v: 'not a date', id: randomUUID() }),
  cursor({ v: '2024-01-01T00:00:00Z', id: 'not-a-uuid' }),
  cursor({ v: 1e308, id: randomUUID() }),
  cursor({ v: -1, id: randomUUID() }),
  cursor({ v: 'a\u0000b', id: randomUUID() }),
  cursor({ v: '275760-09-13', id: randomUUID() }),
  cursor({ v: { $gt: '' }, id: randomUUID() }),
  cursor([1, 2]),
  '!!!not-base64!!!',
];

const uuidLike = (s: string) => /^[0-9a-f-]{36}$/.test(s);

function expectClientError(res: Reply, what: string): void {
  expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} → ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  expect(Object.keys(ERROR_CODES), what).toContain(res.body.code);
}

/** Never a server error; an error is a problem document with a known code (a SCIM error document on the SCIM service). */
function expectHandled(res: Reply, what: string): void {
  expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return;
  if (!what.includes(' /scim/')) return expectClientError(res, what);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas, what).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
}

/** Runs `tasks` a few at a time. */
async function inBatches<T>(tasks: (() => Promise<T>)[], size = 8): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += size) results.push(...(await Promise.all(tasks.slice(i, i + size).map((t) => t()))));
  return results;
}

interface Operation {
  path: string;
  query: string[];
  pathParams: string[];
}

describe('security regressions', () => {
  let api: TestApi;
  let root: string;
  let canary: TestTenant;
  let attacker: TestTenant;
  let attackerProject: string;
  let canaryProject: string;
  let operations: Operation[];
  let canaryBefore: Record<string, unknown>;

  /** Everything a canary tenant's admin can read about their tenant's data. */
  const snapshot = async () => {
    const read = async (path: string) => {
      const res = await api.call('GET', path, { token: canary.token });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    };
    const tenant = await api.call('GET', `/api/v1/platform/tenants/${canary.id}`, { token: root });
    expect(tenant.status).toBe(200);
    const { updatedAt: _u, ...tenantRow } = tenant.body;
    return {
      tenant: tenantRow,
      users: await read('/api/v1/users?limit=100'),
      projects: await read('/api/v1/projects?limit=100'),
      documents: await read(`/api/v1/projects/${canaryProject}/documents?limit=100`),
      roles: await read('/api/v1/roles'),
      apiKeys: await read('/api/v1/api-keys'),
    };
  };

  let attackerDirectory: string;
  const tokenFor = (path: string) =>
    path.startsWith('/api/v1/platform/') ? root : path.startsWith('/scim/') ? attackerDirectory : attacker.token;

  /** Fills path parameters with ids of the attacker's own things (or the canary's, for platform staff). */
  const fill = (op: Operation): string | null => {
    let path = op.path;
    for (const name of op.pathParams) {
      const value =
        name === 'projectId' || (name === 'id' && op.path.startsWith('/api/v1/projects/'))
          ? attackerProject
          : name === 'tenantId'
            ? canary.id
            : name === 'tenantSlug'
              ? attacker.slug
              : randomUUID();
      path = path.replace(`{${name}}`, value);
    }
    return path;
  };

  beforeAll(async () => {
    // As the login role of deploy/postgres/app-role.sql, not a superuser: PostgreSQL's own checks stay in force.
    api = await startApi({ TENANT_BASE_DOMAIN: BASE_DOMAIN, ...asAppRole() });
    root = await superAdminToken(api);
    [canary, attacker] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    // The attacker sends a few thousand requests a minute; its plan's rate is not what is tested here.
    const lifted = await api.call('PATCH', `/api/v1/platform/tenants/${attacker.id}`, {
      token: root,
      body: { limitOverrides: { requestsPerMinute: 1_000_000 } },
    });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    const project = async (t: TestTenant, name: string) => {
      const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name, description: `${t.slug} data` } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const directory = await api.call('POST', '/api/v1/directory-sync/tokens', { token: attacker.token, body: { name: 'SCIM' } });
    expect(directory.status, JSON.stringify(directory.body)).toBe(201);
    attackerDirectory = directory.body.token;
    canaryProject = await project(canary, `Canary ${canary.slug}`);
    attackerProject = await project(attacker, 'Target practice');
    for (const title of ['one', 'two']) {
      const doc = await api.call('POST', `/api/v1/projects/${canaryProject}/documents`, {
        token: canary.token,
        body: { title, body: `secret ${canary.slug}` },
      });
      expect(doc.status).toBe(201);
    }
    const user = await api.call('POST', '/api/v1/users', {
      token: canary.token,
      body: { email: `member@${canary.slug}.test`, name: 'Member', password: 'amber-falcon-orchard-42' },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const key = await api.call('POST', '/api/v1/api-keys', {
      token: canary.token,
      body: { name: 'k', scopes: ['projects:read'] },
    });
    expect(key.status).toBe(201);
    canaryBefore = await snapshot();

    // Every GET route of the API, as its OpenAPI document describes it.
    const doc = await api.call('GET', '/docs-json');
    expect(doc.status).toBe(200);
    operations = Object.entries<Record<string, { parameters?: { in: string; name: string }[] }>>(doc.body.paths).flatMap(
      ([path, ops]) =>
        ops.get
          ? [
              {
                path,
                query: (ops.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
                pathParams: (ops.get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
              },
            ]
          : [],
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('SQL injection through query parameters', () => {
    it('finds the list routes and their filters in the OpenAPI document', () => {
      const lists = operations.filter((o) => o.query.length).map((o) => o.path);
      for (const path of [
        '/api/v1/users',
        '/api/v1/projects',
        '/api/v1/projects/{projectId}/documents',
        '/api/v1/platform/tenants',
        '/api/v1/audit-events',
        '/api/v1/platform/audit-events',
        '/api/v1/platform/users',
        '/api/v1/platform/impersonations',
        '/api/v1/auth/history',
      ]) {
        expect(lists).toContain(path);
      }
      expect(operations.find((o) => o.path === '/api/v1/users')?.query).toEqual(
        expect.arrayContaining(['status', 'role', 'q', 'sort', 'limit', 'cursor']),
      );
    });

    it('every filter, sort and paging parameter of every list route answers 4xx or a clean result, never 500', async () => {
      const tasks: (() => Promise<void>)[] = [];
      for (const op of operations.filter((o) => o.query.length)) {
        const path = fill(op);
        if (!path) continue;
        for (const param of op.query) {
          const values = param === 'cursor' ? [...INJECTIONS, ...FORGED_CURSORS] : INJECTIONS;
          for (const value of values) {
            tasks.push(async () => {
              const url = `${path}?${new URLSearchParams({ [param]: value })}`;
              const started = Date.now();
              const res = await api.call('GET', url, { token: tokenFor(op.path) });
              const what = `GET ${op.path} ${param}=${JSON.stringify(value.slice(0, 60))}`;
              expectHandled(res, what);
              expect(Date.now() - started, `${what} took too long (pg_sleep ran?)`).toBeLessThan(8000);
              if (res.status === 200 && !op.path.startsWith('/api/v1/platform/')) {
                expect(JSON.stringify(res.body), `${what} leaked another tenant's data`).not.toContain(canary.slug);
              }
            });
          }
          // A parameter given twice arrives as an array.
          tasks.push(async () => {
            const res = await api.call('GET', `${path}?${param}=a&${param}=${encodeURIComponent("' OR 1=1 --")}`, {
              token: tokenFor(op.path),
            });
            expectHandled(res, `GET ${op.path} ${param} twice`);
          });
        }
      }
      expect(tasks.length).toBeGreaterThan(500);
      await inBatches(tasks, 16);
    }, 300_000);

    it('list routes without filters ignore or refuse made-up parameters', async () => {
      const tasks = operations
        .filter((o) => !o.query.length && !o.pathParams.length && o.path.startsWith('/api/v1/'))
        .flatMap((op) =>
          ["' OR 1=1 --", 'name; DROP TABLE roles; --'].map((value) => async () => {
            const res = await api.call('GET', `${op.path}?${new URLSearchParams({ sort: value, q: value, filter: value })}`, {
              token: tokenFor(op.path),
            });
            expectHandled(res, `GET ${op.path} with made-up parameters`);
          }),
        );
      expect(tasks.length).toBeGreaterThan(10);
      await inBatches(tasks);
    });
  });

  describe('schema and identifier injection', () => {
    const TENANT_NAMES = [
      "x'; DROP SCHEMA platform CASCADE; --",
      'platform',
      'public',
      'pg_catalog',
      'information_schema',
      '"platform"',
      '../platform',
      't_00000000000000000000000000000000',
      '00000000-0000-0000-0000-000000000000',
      "00000000-0000-0000-0000-000000000000' OR 1=1 --",
      'a'.repeat(4000),
      '%00',
      'caf\u00e9',
    ];

    it('X-Tenant naming no tenant, however it is written, is TENANT_NOT_FOUND (or a 400), never SQL', async () => {
      for (const name of [...TENANT_NAMES, `t_${canary.id.replace(/-/g, '')}`]) {
        const res = await api.call('POST', '/api/v1/auth/login', { headers: { 'x-tenant': name }, body: canary.admin });
        expectClientError(res, `X-Tenant ${name.slice(0, 60)}`);
        expect(res.status).not.toBe(200);
      }
      // A real slug still resolves, in any case.
      const ok = await api.call('POST', '/api/v1/auth/login', {
        headers: { 'x-tenant': attacker.slug.toUpperCase() },
        body: attacker.admin,
      });
      expect(ok.status).toBe(200);
    });

    it('a subdomain of TENANT_BASE_DOMAIN naming no tenant is refused the same way', async () => {
      for (const label of ['platform', 'pg-catalog', 't-0000', 'x--y', 'a.b']) {
        const res = await api.call('POST', '/api/v1/auth/login', {
          headers: { host: `${label}.${BASE_DOMAIN}` },
          body: canary.admin,
        });
        expectClientError(res, `Host ${label}.${BASE_DOMAIN}`);
      }
      const ok = await api.call('POST', '/api/v1/auth/login', {
        headers: { host: `${attacker.slug}.${BASE_DOMAIN}` },
        body: attacker.admin,
      });
      expect(ok.status).toBe(200);
    });

    it('slugs that are not slugs are refused at provisioning, and in path segments', async () => {
      const notSlugs = TENANT_NAMES.filter((name) => !/^[a-z][a-z0-9-]{2,62}$/.test(name));
      for (const slug of [...notSlugs, 'Acme', 'ab', 'acme_corp', 'acme corp', 'acme;', "acme'--", 'acme\u0000']) {
        const res = await api.call('POST', '/api/v1/platform/tenants', {
          token: root,
          body: { name: 'Evil', slug, plan: 'free', admin: { email: 'evil@evil.test', name: 'Evil' } },
        });
        expectClientError(res, `slug ${slug.slice(0, 60)}`);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      for (const slug of TENANT_NAMES) {
        const res = await api.call('GET', `/api/v1/auth/sso/${encodeURIComponent(slug)}/${randomUUID()}/start`);
        expectHandled(res, `SSO start for ${slug.slice(0, 60)}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
    });
  });

  describe('request bodies', () => {
    const post = (raw: { body: string | Buffer; contentType: string }, path = '/api/v1/projects') =>
      api.call('POST', path, { token: attacker.token, raw });

    it('an oversized body is 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await post({
        body: JSON.stringify({ name: 'x', description: 'y'.repeat(2 * 1024 * 1024) }),
        contentType: 'application/json',
      });
      expectClientError(res, 'oversized');
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('deeply nested JSON is refused, not crashed on', async () => {
      const depth = 100_000;
      for (const body of [
        `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`,
        `{"name":"x","description":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
      ]) {
        const res = await post({ body, contentType: 'application/json' });
        expectClientError(res, `nested ${body.slice(0, 20)}`);
      }
    });

    it('other content types are 415, malformed JSON and non-object JSON 400', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
      ]) {
        const res = await post({ body: '{"name":"x"}', contentType });
        expectClientError(res, contentType);
        expect(res.status, contentType).toBe(415);
      }
      // Declared UTF-16, sent as UTF-8: it does not decode to JSON.
      expectClientError(await post({ body: '{"name":"x"}', contentType: 'application/json; charset=utf-16' }), 'utf-16');
      for (const body of ['{"name":', '{"name":"x",}', "{'name':'x'}", 'null', '"x"', '42', '[]', '[{"name":"x"}]', '\u0000']) {
        const res = await post({ body, contentType: 'application/json' });
        expectClientError(res, `body ${JSON.stringify(body)}`);
        expect(res.status, body).toBe(400);
      }
    });

    it('NUL characters and lone surrogates in fields are refused or stored safely, never a 500', async () => {
      for (const name of ['a\u0000b', '\u0000', '\ud800x']) {
        const res = await post({ body: JSON.stringify({ name }), contentType: 'application/json' });
        expectHandled(res, `name ${JSON.stringify(name)}`);
      }
      for (const email of ['a\u0000@x.test', 'admin@x.test\u0000']) {
        const res = await api.call('POST', '/api/v1/auth/login', {
          tenant: attacker.slug,
          body: { email, password: 'whatever-123456' },
        });
        expectHandled(res, `login email ${JSON.stringify(email)}`);
      }
    });

    it('__proto__ and constructor keys pollute nothing', async () => {
      const res = await post({
        body: '{"name":"p","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
        contentType: 'application/json',
      });
      expectHandled(res, 'prototype keys');
      expect(res.body.polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('ids in paths', () => {
    it('traversal and encoded slashes never reach another route or resource', async () => {
      const paths = [
        '/api/v1/projects/..%2F..%2Fusers',
        '/api/v1/projects/%2e%2e%2f%2e%2e%2fusers',
        '/api/v1/projects/..%252F..%252Fusers',
        `/api/v1/projects/${canaryProject}%2F..%2F..%2Fusers`,
        `/api/v1/projects/..%2F${canaryProject}`,
        '/api/v1/projects/%00',
        '/api/v1/projects/%',
        '/api/v1/projects/%E0%A4%A',
        `/api/v1/projects/${encodeURIComponent("' OR 1=1 --")}`,
        `/api/v1/projects/${canaryProject}/documents/..%2F..%2F..%2Fusers`,
        '/api/v1/users/..%5C..%5Cadmin',
        '/api/v1/platform/tenants/..%2F..%2Fusers',
        `/api/v1/errors/..%2F..%2Fhealth`,
        '/api/v1/errors/__proto__',
        '/api/v1/errors/constructor',
        '/api/v1/../../etc/passwd',
      ];
      for (const path of paths) {
        const res = await api.call('GET', path, { token: path.startsWith('/api/v1/platform/') ? root : attacker.token });
        expectClientError(res, `GET ${path}`);
        expect(JSON.stringify(res.body), path).not.toContain(`secret ${canary.slug}`);
      }
    });

    it("another tenant's resource id is not found", async () => {
      const res = await api.call('GET', `/api/v1/projects/${canaryProject}`, { token: attacker.token });
      expectClientError(res, 'canary project by id');
      expect(res.status).toBe(404);
    });
  });

  describe('tokens', () => {
    const SECRET = 'test-jwt-secret-0123456789abcdef0123456789';
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    let claims: jwt.JwtPayload;

    beforeAll(() => {
      claims = jwt.decode(attacker.token) as jwt.JwtPayload;
      expect(uuidLike(String(claims.tid))).toBe(true);
    });

    const expectUnauthenticated = async (token: string, what: string) => {
      const res = await api.call('GET', '/api/v1/users', { token });
      expectClientError(res, what);
      expect(res.body.code, what).toBe('UNAUTHENTICATED');
    };

    it('refuses alg none, a foreign key, another algorithm, an unknown kid and an expired token', async () => {
      const { iat: _i, exp: _e, ...rest } = claims;
      const forged = { ...rest, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
      await expectUnauthenticated(`${b64({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${b64(forged)}.`, 'alg none');
      await expectUnauthenticated(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(forged)}.`, 'alg none without kid');
      await expectUnauthenticated(jwt.sign(forged, 'not-the-server-secret-0123456789abcdef', { keyid: 'k1' }), 'wrong key');
      await expectUnauthenticated(jwt.sign(forged, SECRET, { algorithm: 'HS512', keyid: 'k1' }), 'HS512');
      await expectUnauthenticated(jwt.sign(forged, SECRET, { keyid: '../../k1' }), 'unknown kid');
      await expectUnauthenticated(
        jwt.sign({ ...forged, exp: Math.floor(Date.now() / 1000) - 60 }, SECRET, { keyid: 'k1' }),
        'expired',
      );
      await expectUnauthenticated(jwt.sign({ ...forged, aud: 'stratum:mfa' }, SECRET, { keyid: 'k1' }), 'MFA challenge audience');
      for (const garbage of [
        'abc.def.ghi',
        'a'.repeat(6000),
        `${attacker.token}x`,
        attacker.token.split('.').slice(0, 2).join('.'),
      ]) {
        await expectUnauthenticated(garbage, `garbage ${garbage.slice(0, 20)}`);
      }
    });

    it("refuses a tenant token with another tenant's X-Tenant (TENANT_MISMATCH)", async () => {
      for (const name of [canary.slug, canary.id]) {
        const res = await api.call('GET', '/api/v1/users', { token: attacker.token, tenant: name });
        expectClientError(res, `X-Tenant ${name}`);
        expect(res.body.code).toBe('TENANT_MISMATCH');
      }
    });

    it('a platform token does not open tenant routes, and a tenant token does not open platform routes', async () => {
      for (const headers of [{}, { 'x-tenant': canary.slug }] as Record<string, string>[]) {
        for (const path of ['/api/v1/users', '/api/v1/projects', `/api/v1/projects/${canaryProject}/documents`]) {
          const res = await api.call('GET', path, { token: root, headers });
          expectClientError(res, `platform token on ${path}`);
          expect(JSON.stringify(res.body)).not.toContain(canary.slug);
        }
      }
      for (const path of ['/api/v1/platform/tenants', `/api/v1/platform/tenants/${canary.id}`, '/api/v1/platform/users']) {
        const res = await api.call('GET', path, { token: attacker.token });
        expectClientError(res, `tenant token on ${path}`);
        expect(res.status).toBe(403);
      }
    });
  });

  it('leaves the server healthy and the canary tenant exactly as it was', async () => {
    const ready = await api.call('GET', '/health/ready');
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    expect(await snapshot()).toEqual(canaryBefore);
    const verify = await api.call('GET', '/api/v1/audit-events/verify', { token: canary.token });
    expect(verify.status).toBe(200);
    expect(verify.body.valid, JSON.stringify(verify.body)).toBe(true);
  });
});
