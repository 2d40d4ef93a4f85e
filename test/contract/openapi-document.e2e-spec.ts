import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_CODES } from '@stratum/common';
import { POLICY, RoutePolicy } from '@stratum/rbac';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { sweepRoutes } from '../support/routes';
import { CLIENT_SCHEMA, renderClientSchema } from '../support/typescript-client';

const COMMITTED = resolve(__dirname, '../../openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The document as committed: stable key order, two-space indent, a final newline. */
const serialize = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/**
 * The OpenAPI document is the product's contract: served at /docs-json, committed as
 * openapi.json (so every contract change shows in review), and true about security and errors.
 * `npm run openapi` rewrites the committed copy.
 */
describe('OpenAPI document', () => {
  let api: TestApi;
  let doc: any;
  const operations: { method: string; path: string; op: any }[] = [];

  beforeAll(async () => {
    api = await startApi();
    const res = await api.call('GET', '/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
    }
    if (process.env.UPDATE_OPENAPI === '1') {
      writeFileSync(COMMITTED, serialize(doc));
      writeFileSync(CLIENT_SCHEMA, await renderClientSchema(doc));
    }
  });

  afterAll(() => api?.close());

  it('is the committed openapi.json (run `npm run openapi` after changing the contract)', () => {
    expect(serialize(doc)).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('is what the committed TypeScript client was generated from (run `npm run openapi`)', async () => {
    expect(await renderClientSchema(doc)).toBe(readFileSync(CLIENT_SCHEMA, 'utf8'));
  });

  it('names every operation with a unique verb-first id', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
    expect(ids).toEqual(expect.arrayContaining(['listProjects', 'createTenant', 'startImpersonation', 'getProject', 'login']));
  });

  it('declares security from each route\u2019s policy: tenant routes a bearer token or an API key, public routes none', () => {
    const policies = new Map(
      sweepRoutes(api).map((r) => [
        `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`,
        r.meta<RoutePolicy>(POLICY),
      ]),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer']);
    for (const { method, path, op } of operations) {
      const policy = policies.get(`${method} ${path}`);
      // Public routes need nothing, except the metrics scrape, which checks a token of its own.
      const ownToken = path === '/metrics';
      const expected =
        policy?.kind === 'permissions'
          ? [{ bearer: [] }, { apiKey: [] }]
          : policy?.kind === 'public' && !ownToken
            ? []
            : [{ bearer: [] }];
      expect(op.security, `${method} ${path}`).toEqual(expected);
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.parameters).toContainEqual(expect.objectContaining({ name: 'X-Tenant', in: 'header', required: true }));
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual(['/', api.config.PUBLIC_API_URL]);
  });

  it('lists the errors of every operation as problem+json, each status with its codes', () => {
    expect(doc.components.schemas.Problem.properties.code.enum.sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      const statuses = Object.keys(op.responses).map(Number);
      expect(
        statuses.some((s) => s >= 200 && s < 400),
        where,
      ).toBe(true);
      expect(statuses, where).toEqual(expect.arrayContaining([500, 503]));
      if (op.security.length) expect(statuses, where).toEqual(expect.arrayContaining([401, 403]));
      for (const status of statuses.filter((s) => s >= 400)) {
        const ref: string = op.responses[status].$ref;
        expect(ref, where).toMatch(/^#\/components\/responses\//);
        const schema = doc.components.responses[ref.split('/').pop()!].content['application/problem+json'].schema;
        expect(schema.allOf[0].$ref, where).toBe('#/components/schemas/Problem');
        const codes: string[] = schema.allOf[1].properties.code.enum;
        expect(codes.length, where).toBeGreaterThan(0);
        for (const code of codes) expect(ERROR_CODES[code as keyof typeof ERROR_CODES].status, `${where} ${code}`).toBe(status);
      }
    }
  });
});
