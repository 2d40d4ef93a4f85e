import { Logger } from '@nestjs/common';
import { ERROR_CODES } from '@stratum/common';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { expectProblem } from '../support/problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Asserts the RFC 9457 shape every error of the API has, and returns the body. */

describe('HTTP surface', () => {
  let api: TestApi;
  let root: string;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    tenant = await createTenant(api, root);
  });

  afterAll(() => api?.close());

  describe('problem+json errors', () => {
    it('lists each invalid field, with nested names, as VALIDATION_FAILED', async () => {
      const res = await api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: {
          name: 'Bad',
          slug: 'Not A Slug!',
          plan: 'platinum',
          admin: { email: 'not-an-email', name: 'A', password: 'short' },
        },
      });
      const problem = expectProblem(res, 400, 'VALIDATION_FAILED', { instance: '/api/v1/platform/tenants' });
      expect(Array.isArray(problem.errors)).toBe(true);
      for (const e of problem.errors) expect(e).toEqual({ field: expect.any(String), message: expect.any(String) });
      const fields = problem.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['slug', 'plan', 'admin.email', 'admin.password']));
      expect(fields).not.toContain('name');
      expect(fields).not.toContain('admin.name');
      expect(fields).not.toContain('email'); // nested fields are named with their parent
      // Nothing was created.
      const listed = await api.call('GET', '/api/v1/platform/tenants?q=Bad', { token: root });
      expect(listed.body.items.filter((t: { name: string }) => t.name === 'Bad')).toEqual([]);
    });

    it('refuses a missing nested object', async () => {
      const res = await api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: { name: 'No admin', slug: uniqueSlug(), plan: 'starter' },
      });
      const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain('admin');
    });

    it('refuses unknown body fields, top-level and nested, by name', async () => {
      const top = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: 'x', isAdmin: true } });
      const problem = expectProblem(top, 400, 'VALIDATION_FAILED', { instance: '/api/v1/projects' });
      expect(problem.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not a known field' }]);

      const nested = await api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: {
          name: 'Nested extra',
          slug: uniqueSlug(),
          plan: 'starter',
          admin: { email: 'a@b.test', name: 'A', password: 'long-enough-password', role: 'owner' },
        },
      });
      expect(expectProblem(nested, 400, 'VALIDATION_FAILED').errors).toEqual([
        { field: 'admin.role', message: 'admin.role is not a known field' },
      ]);
      // The refused project was not created.
      const list = await api.call('GET', '/api/v1/projects', { token: tenant.token });
      expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('x');
    });

    it('validates query strings too', async () => {
      const res = await api.call('GET', '/api/v1/projects?limit=1000&sort=secret', { token: tenant.token });
      const fields = expectProblem(res, 400, 'VALIDATION_FAILED').errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['limit', 'sort']));
    });

    it('answers malformed JSON with BAD_REQUEST', async () => {
      for (const body of ['{"name": "half', '{name: 1}', '[1,]', '{"name":"x"} trailing']) {
        const res = await api.call('POST', '/api/v1/projects', {
          token: tenant.token,
          raw: { body, contentType: 'application/json' },
        });
        expectProblem(res, 400, 'BAD_REQUEST', { instance: '/api/v1/projects' });
      }
      const list = await api.call('GET', '/api/v1/projects', { token: tenant.token });
      expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('x');
    });

    it("describes malformed JSON in the product's own words, not the JSON parser's", async () => {
      // toProblem() maps body-parser errors to the detail 'Malformed request body'; the parser's
      // message (engine-specific, with positions) is not part of the API contract.
      const res = await api.call('POST', '/api/v1/projects', {
        token: tenant.token,
        raw: { body: '{"name": "half', contentType: 'application/json' },
      });
      const problem = expectProblem(res, 400, 'BAD_REQUEST');
      expect(problem.detail).toBe('Malformed request body');
    });

    it('answers a body over 1 MB with PAYLOAD_TOO_LARGE', async () => {
      const big = JSON.stringify({ name: 'big', description: 'x'.repeat(1024 * 1024 + 10) });
      const res = await api.call('POST', '/api/v1/projects', {
        token: tenant.token,
        raw: { body: big, contentType: 'application/json' },
      });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE', { instance: '/api/v1/projects' });
      // Just under the limit is parsed (and then validated as usual).
      const fits = JSON.stringify({ name: 'fits', description: 'x'.repeat(1000 * 1000) });
      const ok = await api.call('POST', '/api/v1/projects', {
        token: tenant.token,
        raw: { body: fits, contentType: 'application/json' },
      });
      expectProblem(ok, 400, 'VALIDATION_FAILED'); // description is capped at 5000 characters
    });

    it('refuses non-JSON bodies with UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const raw of [
        { body: 'name=x', contentType: 'application/x-www-form-urlencoded' },
        { body: '{"name":"x"}', contentType: 'text/plain' },
        { body: '<name>x</name>', contentType: 'application/xml' },
      ]) {
        const res = await api.call('POST', '/api/v1/projects', { token: tenant.token, raw });
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', { instance: '/api/v1/projects' });
      }
      // Same for a public route, before anything else happens.
      const login = await api.call('POST', '/api/v1/auth/login', {
        tenant: tenant.slug,
        raw: {
          body: `email=${tenant.admin.email}&password=${tenant.admin.password}`,
          contentType: 'application/x-www-form-urlencoded',
        },
      });
      expectProblem(login, 415, 'UNSUPPORTED_MEDIA_TYPE');
      // Nothing was created by the refused bodies.
      const list = await api.call('GET', '/api/v1/projects', { token: tenant.token });
      expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('x');
    });

    it('accepts application/*+json bodies', async () => {
      const res = await api.call('POST', '/api/v1/projects', {
        token: tenant.token,
        raw: { body: JSON.stringify({ name: 'merge-patch style' }), contentType: 'application/merge-patch+json' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });

    it('answers unknown routes with ROUTE_NOT_FOUND, whatever the method', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/no-such-thing'],
        ['DELETE', '/api/v1/platform/tenants'],
        ['GET', '/nope'],
        ['POST', '/api/v2/projects'],
      ]) {
        const res = await api.call(method, `${path}?secret=1`);
        expectProblem(res, 404, 'ROUTE_NOT_FOUND', { instance: path }); // the instance carries no query string
      }
    });

    it('answers a non-uuid path id with VALIDATION_FAILED naming the parameter', async () => {
      const res = await api.call('GET', '/api/v1/projects/not-a-uuid', { token: tenant.token });
      expect(expectProblem(res, 400, 'VALIDATION_FAILED', { instance: '/api/v1/projects/not-a-uuid' }).errors).toEqual([
        { field: 'id', message: expect.stringContaining('UUID') },
      ]);
      const platform = await api.call('GET', `/api/v1/platform/tenants/${encodeURIComponent("1' OR '1'='1")}`, { token: root });
      expectProblem(platform, 400, 'VALIDATION_FAILED');
      const docs = await api.call('GET', '/api/v1/projects/123/documents', { token: tenant.token });
      expect(expectProblem(docs, 400, 'VALIDATION_FAILED').errors[0].field).toBe('projectId');
    });

    it('gives a well-formed uuid that does not exist NOT_FOUND', async () => {
      const res = await api.call('GET', '/api/v1/projects/00000000-0000-4000-8000-000000000000', { token: tenant.token });
      expectProblem(res, 404, 'NOT_FOUND');
    });

    it('answers auth failures as problems too', async () => {
      expectProblem(await api.call('GET', '/api/v1/projects'), 401, 'UNAUTHENTICATED', { instance: '/api/v1/projects' });
      expectProblem(await api.call('GET', '/api/v1/platform/tenants', { token: tenant.token }), 403, 'FORBIDDEN');
    });
  });

  describe('request ids', () => {
    it('echoes a sane X-Request-Id in the header and the problem body', async () => {
      const id = `req-${uniqueSlug()}.trace:01_AB`;
      const res = await api.call('GET', '/api/v1/no-such-route', { headers: { 'x-request-id': id } });
      expect(res.headers.get('x-request-id')).toBe(id);
      expect(expectProblem(res, 404, 'ROUTE_NOT_FOUND').requestId).toBe(id);
      // And on success.
      const ok = await api.call('GET', '/api/v1/projects', { token: tenant.token, headers: { 'x-request-id': id } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toBe(id);
    });

    it('generates a fresh id when none is given', async () => {
      const [one, two] = await Promise.all([api.call('GET', '/api/v1/none'), api.call('GET', '/health/live')]);
      const a = one.headers.get('x-request-id');
      const b = two.headers.get('x-request-id');
      expect(a).toMatch(UUID);
      expect(b).toMatch(UUID);
      expect(a).not.toBe(b);
      expect(one.body.requestId).toBe(a);
    });

    it('replaces an unsafe or oversized X-Request-Id with a generated one', async () => {
      for (const bad of [
        'x'.repeat(500),
        '<script>alert(1)</script>',
        'has spaces in it',
        'semi;colon',
        '"quoted"',
        'a'.repeat(129),
      ]) {
        const res = await api.call('GET', '/api/v1/no-such-route', { headers: { 'x-request-id': bad } });
        const echoed = res.headers.get('x-request-id');
        expect(echoed, bad).toMatch(UUID);
        expect(res.body.requestId, bad).toBe(echoed);
        expect(JSON.stringify(res.body)).not.toContain('<script>');
      }
      // 128 characters is the longest accepted.
      const longest = 'b'.repeat(128);
      expect((await api.call('GET', '/health/live', { headers: { 'x-request-id': longest } })).headers.get('x-request-id')).toBe(
        longest,
      );
    });
  });

  describe('security headers', () => {
    it('sends helmet headers and hides the framework, on success and on errors', async () => {
      for (const res of [
        await api.call('GET', '/health/live'),
        await api.call('GET', '/api/v1/projects', { token: tenant.token }),
        await api.call('GET', '/api/v1/nope'),
        await api.call('POST', '/api/v1/projects', { token: tenant.token, raw: { body: '{', contentType: 'application/json' } }),
      ]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });
  });

  describe('error catalogue', () => {
    it('lists every error code with its status, title and description', async () => {
      const res = await api.call('GET', '/api/v1/errors');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const byCode = new Map<string, unknown>(res.body.items.map((i: { code: string }) => [i.code, i]));
      expect(byCode.size).toBe(res.body.items.length); // no duplicates
      expect([...byCode.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
      for (const [code, def] of Object.entries(ERROR_CODES)) expect(byCode.get(code)).toEqual({ code, ...def });
    });

    it('answers each code on its own, and NOT_FOUND for an unknown one', async () => {
      for (const [code, def] of Object.entries(ERROR_CODES)) {
        const res = await api.call('GET', `/api/v1/errors/${code}`);
        expect(res.status, code).toBe(200);
        expect(res.body).toEqual({ code, ...def });
      }
      for (const unknown of ['NO_SUCH_CODE', 'constructor', '__proto__', 'toString']) {
        expectProblem(await api.call('GET', `/api/v1/errors/${unknown}`), 404, 'NOT_FOUND');
      }
    });

    it("points each problem's type at its catalogue entry", async () => {
      const problem = expectProblem(await api.call('GET', '/api/v1/projects'), 401, 'UNAUTHENTICATED');
      const entry = await api.call('GET', problem.type);
      expect(entry.status).toBe(200);
      expect(entry.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, title: problem.title });
    });
  });

  describe('abandoned requests', () => {
    it('rolls back a request the client abandons, logs it as abandoned rather than as an error, and keeps serving', async () => {
      const errors = vi.spyOn(Logger.prototype, 'error');
      const infos = vi.spyOn(Logger.prototype, 'log');
      const db = new Client({ connectionString: api.config.DATABASE_URL });
      await db.connect();
      try {
        const [{ schema_name }] = (await db.query('SELECT schema_name FROM platform.tenants WHERE id = $1', [tenant.id])).rows;
        // The permission lookup waits on this lock, so the client gives up before the handler runs.
        await db.query('BEGIN');
        await db.query(`LOCK TABLE "${schema_name}".user_roles IN ACCESS EXCLUSIVE MODE`);
        const abort = new AbortController();
        const pending = fetch(`${api.url}/api/v1/projects`, {
          headers: { authorization: `Bearer ${tenant.token}` },
          signal: abort.signal,
        }).catch((err: Error) => err);
        await vi.waitFor(
          async () => {
            const { rows } = await db.query(
              `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = '"${schema_name}".user_roles'::regclass`,
            );
            expect(rows[0].n).toBeGreaterThan(0);
          },
          { timeout: 5000 },
        );
        abort.abort();
        expect(await pending).toBeInstanceOf(Error);
        await new Promise((r) => setTimeout(r, 100));
        await db.query('COMMIT');
        await vi.waitFor(() => expect(infos.mock.calls.some((c) => c[1] === 'Request abandoned by the client')).toBe(true), {
          timeout: 5000,
        });
        expect(errors.mock.calls.filter((c) => c[1] === 'Unhandled error')).toEqual([]);
        const after = await api.call('GET', '/api/v1/projects', { token: tenant.token });
        expect(after.status).toBe(200);
      } finally {
        await db.query('ROLLBACK').catch(() => undefined);
        await db.end();
        errors.mockRestore();
        infos.mockRestore();
      }
    });
  });

  describe('health', () => {
    it('answers liveness and readiness outside the API prefix', async () => {
      const live = await api.call('GET', '/health/live');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
      const ready = await api.call('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    });
  });

  describe('OpenAPI', () => {
    let doc: any;

    beforeAll(async () => {
      const res = await api.call('GET', '/docs-json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/json/);
      doc = res.body;
    });

    it('serves Swagger UI at /docs', async () => {
      const res = await api.call('GET', '/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.body).toContain('swagger-ui');
      expect(res.body).toContain('Stratum API');
    });

    it('is OpenAPI 3 with bearer and API-key security schemes', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info).toMatchObject({ title: 'Stratum API', version: '1.0' });
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
      // The description carries the error code table.
      for (const code of Object.keys(ERROR_CODES)) expect(doc.info.description).toContain(`\`${code}\``);
    });

    it('documents the routes, with their security', () => {
      expect(doc.paths['/api/v1/platform/tenants']).toHaveProperty('post');
      expect(doc.paths['/api/v1/platform/tenants']).toHaveProperty('get');
      expect(doc.paths['/api/v1/platform/tenants/{id}']).toHaveProperty('get');
      expect(doc.paths['/api/v1/auth/login']).toHaveProperty('post');
      expect(doc.paths['/api/v1/platform/auth/login']).toHaveProperty('post');
      expect(doc.paths['/api/v1/projects']).toHaveProperty('get');
      expect(doc.paths['/api/v1/projects']).toHaveProperty('post');
      expect(doc.paths['/api/v1/projects/{id}']).toHaveProperty('delete');
      expect(doc.paths['/health/ready']).toHaveProperty('get');

      const securityOf = (op: { security?: Record<string, string[]>[] }) => (op.security ?? []).flatMap((s) => Object.keys(s));
      expect(securityOf(doc.paths['/api/v1/projects'].post)).toEqual(['bearer', 'apiKey']);
      expect(securityOf(doc.paths['/api/v1/platform/tenants'].post)).toContain('bearer');
      // Tenant sign-in needs no credentials, only the tenant named in a required header.
      expect(securityOf(doc.paths['/api/v1/auth/login'].post)).toEqual([]);
      expect(doc.paths['/api/v1/auth/login'].post.parameters).toContainEqual(
        expect.objectContaining({ name: 'X-Tenant', in: 'header', required: true }),
      );
      expect(securityOf(doc.paths['/api/v1/platform/auth/login'].post)).not.toContain('bearer');

      // The login body and its answer are documented schemas.
      const login = doc.paths['/api/v1/auth/login'].post;
      expect(login.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/LoginDto');
      expect(login.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/LoginResponseDto');
    });

    it('documents every property of every schema', () => {
      const schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> = doc.components.schemas;
      expect(Object.keys(schemas)).toEqual(
        expect.arrayContaining(['LoginDto', 'TokenPairDto', 'CreateTenantDto', 'TenantAdminDto', 'TenantDto', 'ProjectDto']),
      );
      const undocumented: string[] = [];
      let properties = 0;
      for (const [name, schema] of Object.entries(schemas)) {
        for (const [prop, def] of Object.entries(schema.properties ?? {})) {
          properties++;
          const typed = 'type' in def || '$ref' in def || 'allOf' in def || 'oneOf' in def || 'anyOf' in def || 'enum' in def;
          if (!typed) undocumented.push(`${name}.${prop}`);
          if (def.type === 'array') {
            const items = def.items as Record<string, unknown> | undefined;
            if (!items || !('type' in items || '$ref' in items || 'enum' in items)) undocumented.push(`${name}.${prop}[]`);
          }
        }
      }
      expect(properties).toBeGreaterThan(30);
      expect(undocumented, `schema properties without a type: ${undocumented.join(', ')}`).toEqual([]);
      // Nested DTOs are referenced, not flattened to an untyped object.
      const admin = schemas.CreateTenantDto.properties!.admin;
      expect(JSON.stringify(admin)).toContain('#/components/schemas/TenantAdminDto');
    });
  });
});
