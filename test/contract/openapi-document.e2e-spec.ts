import Ajv from 'ajv';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_CODES } from '@stratum/common';
import { POLICY, RoutePolicy } from '@stratum/rbac';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken } from '../support/fixtures';
import { sweepRoutes } from '../support/routes';
import { CLIENT_SCHEMA, renderClientSchema } from '../support/typescript-client';

const COMMITTED = resolve(__dirname, '../../openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Numbers that really are fractional (megabytes to two decimals); every other number is an integer. */
const FRACTIONAL = ['TenantStatsDto.storageMb', 'UsageItemDto.used', 'UsageItemDto.remaining'];

/** Every schema of the document with where it is: `UserDto.id`, `get /api/v1/users limit`, `… 200 text/csv`. */
function allSchemas(doc: any): { where: string; schema: any }[] {
  const found: { where: string; schema: any }[] = [];
  const walk = (where: string, schema: any) => {
    if (!schema || typeof schema !== 'object') return;
    found.push({ where, schema });
    for (const [name, sub] of Object.entries<any>(schema.properties ?? {})) walk(`${where}.${name}`, sub);
    if (schema.items) walk(`${where}[]`, schema.items);
    if (typeof schema.additionalProperties === 'object') walk(`${where}{}`, schema.additionalProperties);
    for (const key of ['allOf', 'oneOf', 'anyOf'])
      (schema[key] ?? []).forEach((sub: any, i: number) => walk(`${where}<${key}${i}>`, sub));
  };
  for (const [name, schema] of Object.entries<any>(doc.components.schemas)) walk(name, schema);
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const p of op.parameters ?? []) walk(`${method} ${path} ${p.name}`, p.schema);
      for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {}))
        walk(`${method} ${path} body ${type}`, media.schema);
      for (const [status, r] of Object.entries<any>(op.responses))
        for (const [type, media] of Object.entries<any>(r.content ?? {}))
          walk(`${method} ${path} ${status} ${type}`, media.schema);
    }
  }
  return found;
}

/**
 * Ajv (JSON Schema) over the document's schemas, reading OpenAPI 3.0's `nullable` as the
 * validators and generators that consume the document do: it adds `null` to a `type` beside it,
 * and does nothing elsewhere.
 */
function validatorOf(doc: any) {
  const convert = (schema: any): any => {
    if (Array.isArray(schema)) return schema.map(convert);
    if (!schema || typeof schema !== 'object') return schema;
    const out: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'example' ? v : convert(v)]));
    if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
    delete out.nullable;
    return out;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: convert(doc.components) }, 'openapi');
  return (ref: string, value: unknown) => {
    const validate = ajv.getSchema(`openapi${ref}`)!;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

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
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer', 'scimToken']);
    for (const { method, path, op } of operations) {
      const policy = policies.get(`${method} ${path}`);
      // Public routes need nothing, except the metrics scrape, which checks a token of its own.
      const ownToken = path === '/metrics';
      const expected =
        policy?.kind === 'directory'
          ? [{ scimToken: [] }]
          : policy?.kind === 'permissions'
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
        // Shared error responses, except where the route answers the status with a body of its own too
        // (readiness: 503 with its checks).
        const ref: string | undefined = op.responses[status].$ref;
        if (!ref) expect(op.responses[status].content['application/json'], where).toBeDefined();
        else expect(ref, where).toMatch(/^#\/components\/responses\//);
        const response = ref ? doc.components.responses[ref.split('/').pop()!] : op.responses[status];
        if (path.startsWith('/scim/')) {
          // The SCIM service answers errors in the SCIM error schema, as identity providers expect.
          expect(Object.keys(response.content), where).toEqual(['application/scim+json']);
          expect(response.content['application/scim+json'].schema.$ref, where).toBe('#/components/schemas/ScimError');
          continue;
        }
        const schema = response.content['application/problem+json'].schema;
        expect(schema.allOf[0].$ref, where).toBe('#/components/schemas/Problem');
        const codes: string[] = schema.allOf[1].properties.code.enum;
        expect(codes.length, where).toBeGreaterThan(0);
        for (const code of codes) expect(ERROR_CODES[code as keyof typeof ERROR_CODES].status, `${where} ${code}`).toBe(status);
      }
    }
  });

  it('types every number an integer unless it is fractional, and every uuid a string', () => {
    const schemas = allSchemas(doc);
    const numbers = schemas.filter((s) => s.schema.type === 'number').map((s) => s.where);
    expect(numbers.sort()).toEqual([...FRACTIONAL].sort());
    const uuids = schemas.filter((s) => s.schema.format === 'uuid' && s.schema.type !== 'string').map((s) => s.where);
    expect(uuids).toEqual([]);
    expect(doc.components.schemas.AuditEventDto.properties.seq.type).toBe('integer');
    expect(doc.paths['/api/v1/users'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'limit', schema: expect.objectContaining({ type: 'integer' }) }),
    );
  });

  it('says what every object carries: its properties, or what each of its values is', () => {
    const empty = allSchemas(doc)
      .filter(({ schema }) => schema.type === 'object' && !schema.enum)
      .filter(({ schema }) => !schema.properties && !schema.additionalProperties && !schema.allOf && !schema.oneOf)
      .map((s) => s.where);
    expect(empty).toEqual([]);
    // `nullable` beside an `allOf` does not let `null` through: a nullable object is a `oneOf` with null.
    const nullableRefs = allSchemas(doc)
      .filter(({ schema }) => schema.nullable && (schema.allOf || schema.$ref))
      .map((s) => s.where);
    expect(nullableRefs).toEqual([]);
  });

  it('describes answers as they are: null where a field is empty, a window where one is open', async () => {
    const check = validatorOf(doc);
    const schemaOf = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema.$ref;
    const tenant = await createTenant(api, await superAdminToken(api));
    const support = await api.call('GET', '/api/v1/tenant/support-access', { token: tenant.token });
    expect(support.status).toBe(200);
    expect(support.body.current).toBeNull();
    expect(check(schemaOf('/api/v1/tenant/support-access'), support.body)).toEqual([]);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await api.call('POST', '/api/v1/tenant/support-access', { token: tenant.token, body: { expiresAt: until } })).status,
    ).toBe(201);
    const open = await api.call('GET', '/api/v1/tenant/support-access', { token: tenant.token });
    expect(open.body.current).toMatchObject({ active: true });
    expect(check(schemaOf('/api/v1/tenant/support-access'), open.body)).toEqual([]);
    // A wrong value is refused: the check can fail.
    expect(check(schemaOf('/api/v1/tenant/support-access'), { ...open.body, current: 'none' })).not.toEqual([]);

    const me = await api.call('GET', '/api/v1/users/me', { token: tenant.token });
    expect(me.body.impersonatedBy).toBeNull();
    expect(check(schemaOf('/api/v1/users/me'), me.body)).toEqual([]);
    for (const path of ['/api/v1/tenant', '/api/v1/users/stats', '/api/v1/audit-events']) {
      const res = await api.call('GET', path, { token: tenant.token });
      expect(res.status, path).toBe(200);
      expect(check(schemaOf(path), res.body), path).toEqual([]);
    }
  });

  it('describes the audit export and reports: their content types and what they hold', () => {
    const exported = doc.paths['/api/v1/audit-events/export'].get.responses['200'];
    expect(exported.description).toMatch(/csv/i);
    expect(Object.keys(exported.content).sort()).toEqual(['application/x-ndjson', 'text/csv']);
    for (const report of ['access-control', 'changes', 'security']) {
      const ok = doc.paths[`/api/v1/audit-events/reports/${report}`].get.responses['200'];
      expect(ok.description, report).not.toBe('OK');
      expect(ok.content['application/json'].schema.$ref, report).toMatch(/ReportDto$/);
    }
  });

  it('declares the form identity providers post to the callback', () => {
    const body = doc.paths['/api/v1/auth/sso/callback'].post.requestBody;
    const schema = body.content['application/x-www-form-urlencoded'].schema;
    const properties = doc.components.schemas[schema.$ref.split('/').pop()].properties;
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(['code', 'state', 'id_token', 'error', 'error_description']));
  });

  it('lists and describes every tag its operations use', () => {
    const used = new Set(operations.flatMap((o) => o.op.tags ?? []));
    expect(operations.every((o) => o.op.tags?.length)).toBe(true);
    expect(doc.tags.map((t: any) => t.name).sort()).toEqual([...used].sort());
    for (const tag of doc.tags) expect(tag.description, tag.name).toMatch(/\w{3,}/);
  });
});
