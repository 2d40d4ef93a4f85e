import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observe, Reply, startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

function expectInvalid(res: Reply, field: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

/**
 * Input the document does not allow is a 400 naming the field, never a 500 or a silent
 * acceptance: null where a field is not nullable, an empty change, dates outside 1970–9999 or
 * not written as dates, and requests Node refuses before the framework sees them.
 */
describe('input contract', () => {
  let api: TestApi;
  let root: string;
  let t: TestTenant;
  let projectId: string;
  let roleId: string;
  let userId: string;

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    t = await createTenant(api, root);
    const project = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'Contract' } });
    projectId = project.body.id;
    const role = await api.call('POST', '/api/v1/roles', {
      token: t.token,
      body: { key: `contract_${Date.now().toString(36)}`, name: 'Contract', permissions: ['projects:read'] },
    });
    roleId = role.body.id;
    userId = (await api.call('GET', '/api/v1/users/me', { token: t.token })).body.id;
  });

  afterAll(() => api?.close());

  it('refuses null for fields that are not nullable, on PATCH and POST alike, changing nothing', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['PATCH', `/api/v1/roles/${roleId}`, { name: null }, 'name'],
      ['PATCH', `/api/v1/roles/${roleId}`, { permissions: null }, 'permissions'],
      ['PATCH', '/api/v1/users/me', { name: null }, 'name'],
      ['PATCH', `/api/v1/users/${userId}`, { isBreakGlass: null }, 'isBreakGlass'],
      ['PATCH', `/api/v1/projects/${projectId}`, { name: null }, 'name'],
      ['PATCH', `/api/v1/platform/tenants/${t.id}`, { name: null }, 'name'],
      ['PATCH', `/api/v1/platform/tenants/${t.id}`, { plan: null }, 'plan'],
      ['POST', '/api/v1/projects', { name: 'Ok', description: null }, 'description'],
      ['POST', '/api/v1/users', { email: 'null.name@people.test', name: null, password: 'long-enough-password-1' }, 'name'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api.call(method, path, { token: path.includes('/platform/') ? root : t.token, body });
      expectInvalid(res, field);
    }
    expect((await api.call('GET', `/api/v1/projects/${projectId}`, { token: t.token })).body.name).toBe('Contract');
    expect((await api.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root })).body.name).toBe(`Tenant ${t.slug}`);
  });

  it('refuses an empty change', async () => {
    for (const path of [`/api/v1/roles/${roleId}`, '/api/v1/users/me', `/api/v1/projects/${projectId}`]) {
      expectInvalid(await api.call('PATCH', path, { token: t.token, body: {} }), 'body');
    }
    expectInvalid(await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, { token: root, body: {} }), 'body');
  });

  it('takes dates as ISO 8601 strings between 1970 and 9999 only', async () => {
    const key = (expiresAt: unknown) =>
      api.call('POST', '/api/v1/api-keys', { token: t.token, body: { name: 'k', scopes: ['projects:read'], expiresAt } });
    expectInvalid(await key('+099999-01-01T00:00:00.000Z'), 'expiresAt');
    expectInvalid(await key('99999-01-01'), 'expiresAt');
    expectInvalid(await key(12345), 'expiresAt');
    expectInvalid(await key('tomorrow'), 'expiresAt');
    const fine = await key('2099-12-31T23:59:59Z');
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    // And the list keeps to its own schema.
    const list = await api.call('GET', '/api/v1/api-keys', { token: t.token });
    expect(list.status).toBe(200);
    for (const k of list.body.items) if (k.expiresAt) expect(k.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('answers over-long request headers with a problem document, not a bare 431', async () => {
    const { status, type, body } = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const url = `${api.url}/api/v1/projects?q=${'x'.repeat(20_000)}`;
      const req = request(url, { method: 'GET' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          observe('GET', url, res.statusCode ?? 0, JSON.parse(text));
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: text });
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
  });
});
