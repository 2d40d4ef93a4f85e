import { ERROR_CODES } from '@stratum/common';
import { SCIM_MEDIA_TYPE } from '@stratum/directory-sync';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { superAdminToken, uniqueSlug } from '../support/fixtures';
import { webhookOverrides } from '../support/webhooks';

/**
 * Schema-driven fuzzing of the committed contract: every operation of openapi.json gets requests
 * built from its own schemas (valid, boundary, invalid, null, wrong type, unknown field, huge and
 * unicode text, unknown and malformed ids), at most MAX_REQUESTS_PER_OPERATION each, against real
 * fixtures. The API must never answer 5xx, must answer every error as problem+json with a code of
 * the catalogue, must never accept a request built to be invalid, must answer 404 for unknown
 * ids, and every 2xx body must match the response schema the document declares.
 */
const MAX_REQUESTS_PER_OPERATION = 15;
/** Every (status, code) answered must be declared by the operation; off until the document lists them all. */
const ASSERT_DECLARED_STATUSES = false;

const doc = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PASSWORD = 'violet-tuba-orchard-2026';

type Schema = Record<string, any>;
type Expectation = 'valid' | 'invalid' | 'unknown-id' | 'unauthenticated' | 'any';

interface Operation {
  id: string;
  method: string;
  path: string;
  op: any;
}

interface Variant {
  label: string;
  expect: Expectation;
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  raw?: string;
  /** The content type of a raw body; JSON unless said. */
  contentType?: string;
  /** Appended to the query string as is (a parameter given twice, say). */
  extraQuery?: string;
  /** Credentials instead of the caller's: none, or a token this API never issued. */
  token?: string;
}

interface Finding {
  kind:
    | '5xx'
    | 'not-problem-json'
    | 'unknown-code'
    | 'accepted-invalid'
    | 'unknown-id-not-404'
    | 'unauthenticated-not-401'
    | 'response-schema';
  where: string;
  detail: string;
}

const operations: Operation[] = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ id: item[method].operationId as string, method, path, op: item[method] })),
);

/** Resolves a local $ref (one level is enough: components point at components). */
function deref(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  while (s.$ref)
    s = s.$ref
      .split('/')
      .slice(1)
      .reduce((o: any, k: string) => o[k], doc);
  if (s.allOf) {
    const parts = s.allOf.map(deref);
    return {
      ...Object.assign({}, ...parts),
      ...s,
      allOf: undefined,
      properties: Object.assign({}, ...parts.map((p: Schema) => p.properties)),
    };
  }
  return s;
}

let counter = 0;
const unique = () => `${(++counter).toString(36)}${randomBytes(3).toString('hex')}`;

interface Fixtures {
  slug: string;
  ids: Record<string, string>;
}
let fixtures: Fixtures;

/** A value the schema accepts, chosen to work against the fixtures (emails unique, URLs reachable, ids real). */
function sample(schema: Schema, name = ''): unknown {
  const s = deref(schema);
  if (s.enum) return s.enum[0];
  const type = s.type ?? (s.properties ? 'object' : 'string');
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, key);
    return out;
  }
  if (type === 'array') return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items ?? {}, name));
  if (type === 'boolean') return false;
  if (type === 'number' || type === 'integer') return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? 1);
  return sampleString(s, name);
}

function sampleString(s: Schema, name: string): string {
  const n = name.toLowerCase();
  if (s.format === 'uuid') return fixtures.ids[name] ?? randomUUID();
  if (s.format === 'date-time') return new Date(Date.now() + 7 * 86_400_000).toISOString();
  if (s.format === 'password' || n.includes('password')) return PASSWORD;
  if (n.includes('email')) return `fuzz-${unique()}@${fixtures.slug}.test`;
  if (n === 'url' || n.endsWith('uri') || n === 'issuer') return `http://127.0.0.1:9/fuzz-${unique()}`;
  if (n === 'domain') return `fz${unique()}.example.com`;
  if (n === 'cluster') return 'main';
  let text = `fz${unique()}`;
  if (s.pattern && !new RegExp(s.pattern).test(text) && typeof s.example === 'string') text = s.example;
  if (s.minLength && text.length < s.minLength) text = text.padEnd(s.minLength, 'x');
  if (s.maxLength && text.length > s.maxLength) text = text.slice(0, s.maxLength);
  return text;
}

/** A value of another JSON type than the schema's. */
function wrongType(schema: Schema): unknown {
  const s = deref(schema);
  const type = s.type ?? (s.properties ? 'object' : 'string');
  if (type === 'string') return 12345;
  if (type === 'number' || type === 'integer') return 'not-a-number';
  if (type === 'boolean') return 'yes';
  if (type === 'array') return 'not-an-array';
  return 42;
}

/** Invalid values for one property, from its constraints. */
function invalidValues(schema: Schema): { label: string; value: unknown }[] {
  const s = deref(schema);
  const out: { label: string; value: unknown }[] = [{ label: 'wrong type', value: wrongType(s) }];
  if (s.enum) out.push({ label: 'not in enum', value: 'not-in-the-enum' });
  if (s.format === 'date-time') out.push({ label: 'not a date-time', value: '31/12/2026 25:61' });
  if (s.format === 'uuid') out.push({ label: 'not a uuid', value: 'not-a-uuid' });
  if (typeof s.maxLength === 'number') out.push({ label: 'one over maxLength', value: 'x'.repeat(s.maxLength + 1) });
  if (typeof s.minLength === 'number' && s.minLength > 0)
    out.push({ label: 'one under minLength', value: 'x'.repeat(s.minLength - 1) });
  if (typeof s.minimum === 'number') out.push({ label: 'below minimum', value: s.minimum - 1 });
  if (typeof s.maximum === 'number') out.push({ label: 'above maximum', value: s.maximum + 1 });
  if (s.type === 'array' && s.items) {
    const items = deref(s.items);
    if (items.enum) out.push({ label: 'item not in enum', value: ['not-in-the-enum'] });
    out.push({ label: 'item of wrong type', value: [wrongType(items)] });
    if (items.required?.length) out.push({ label: 'item missing its required fields', value: [{}] });
    if (typeof s.maxItems === 'number')
      out.push({ label: 'one over maxItems', value: Array(s.maxItems + 1).fill(sample(items)) });
  }
  return out;
}

/** A real id for a path parameter, from the fixtures; unknown ids are random. */
function pathValue(path: string, name: string): string {
  const ids = fixtures.ids;
  if (name === 'code') return 'NOT_FOUND';
  if (name === 'role') return 'viewer';
  if (name === 'tenantSlug') return fixtures.slug;
  if (name === 'projectId') return ids.projectId;
  if (name === 'documentId') return ids.documentId;
  if (name === 'userId') return ids.userId;
  if (name === 'tenantId') return ids.victimTenantId;
  const table: [RegExp, string | undefined][] = [
    [/^\/api\/v1\/roles\//, ids.roleId],
    [/^\/api\/v1\/users\/\{id\}\/sessions\/\{sessionId\}/, ids.victimUserId],
    [/^\/api\/v1\/users\//, ids.victimUserId],
    [/^\/api\/v1\/api-keys\//, ids.apiKeyId],
    [/^\/api\/v1\/platform\/tenants\//, ids.victimTenantId],
    [/^\/api\/v1\/platform\/users\//, ids.victimPlatformUserId],
    [/^\/api\/v1\/audit-events\//, ids.auditEventId],
    [/^\/api\/v1\/platform\/audit-events\//, ids.platformAuditEventId],
    [/^\/api\/v1\/projects\//, ids.projectId],
    [/^\/api\/v1\/webhooks\/endpoints\//, ids.endpointId],
    [/^\/api\/v1\/webhooks\/messages\//, ids.messageId],
    [/^\/api\/v1\/sso\/domains\//, ids.ssoDomainId],
    [/^\/api\/v1\/platform\/impersonations\//, ids.impersonationId],
    [/^\/scim\/v2\/Users\//, ids.scimUserId],
    [/^\/scim\/v2\/Groups\//, ids.scimGroupId],
  ];
  return table.find(([re]) => re.test(path))?.[1] ?? randomUUID();
}

const isIdParam = (name: string) => name === 'id' || name.endsWith('Id');

function variants(o: Operation): Variant[] {
  const params: any[] = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const path = Object.fromEntries(pathParams.map((p) => [p.name, pathValue(o.path, p.name)]));
  const query = Object.fromEntries(
    params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema, p.name))]),
  );
  const headers = Object.fromEntries(
    params
      .filter((p) => p.in === 'header' && p.required)
      .map((p) => [p.name, p.name.toLowerCase() === 'x-tenant' ? fixtures.slug : 'Bearer not-a-metrics-token']),
  );
  const bodySchema = jsonContent(o.op.requestBody?.content)?.schema;
  const body = bodySchema ? deref(bodySchema) : undefined;
  let valid: Record<string, unknown> | undefined;
  if (body) {
    valid = sample(body) as Record<string, unknown>;
    // A PATCH needs one field; take the first plain text one.
    if (!Object.keys(valid).length && body.properties) {
      const [key, prop] =
        Object.entries<Schema>(body.properties).find(([, p]) => deref(p).type === 'string') ??
        Object.entries<Schema>(body.properties)[0];
      valid[key] = sample(prop, key);
    }
  }
  const base = (label: string, expectation: Expectation, change: Partial<Variant> = {}): Variant => ({
    label,
    expect: expectation,
    path,
    query,
    headers,
    ...(valid ? { body: structuredClone(valid) } : {}),
    ...change,
  });
  const first: Variant[] = [base('valid', 'valid')];
  /** Credentials, ids, and the shape of the body as a whole. */
  const structural: Variant[] = [];
  if (o.op.security.length && o.path !== '/metrics') {
    structural.push(base('no credentials', 'unauthenticated', { token: '' }));
    const forged = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: randomUUID(), exp: 4102444800 }),
    ).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    structural.push(base('forged token', 'unauthenticated', { token: forged }));
  }
  /** One field or query parameter at a time. */
  const rest: Variant[] = [];
  const idParams = pathParams.filter((p) => isIdParam(p.name) || p.name === 'code' || p.name === 'tenantSlug');
  if (idParams.length) {
    first.push(
      base('unknown id', 'unknown-id', {
        path: {
          ...path,
          ...Object.fromEntries(
            idParams.map((p) => [
              p.name,
              p.name === 'code' ? 'NO_SUCH_CODE' : p.name === 'tenantSlug' ? uniqueSlug('nowhere') : randomUUID(),
            ]),
          ),
        },
      }),
    );
    structural.push(
      base('malformed id', 'any', { path: { ...path, ...Object.fromEntries(idParams.map((p) => [p.name, "not-a-uuid'--"])) } }),
    );
  }
  if (body && valid) {
    if (body.required?.length) first.push(base('empty object', 'invalid', { body: {} }));
    structural.push(base('unknown property', 'invalid', { body: { ...valid, notAField: 'surprise' } }));
    structural.push(base('JSON null', 'invalid', { body: undefined, raw: 'null' }));
    structural.push(base('malformed JSON', 'invalid', { body: undefined, raw: '{"name": "unterminated' }));
    structural.push(base('as text/plain', 'invalid', { body: undefined, raw: JSON.stringify(valid), contentType: 'text/plain' }));
    structural.push(base('an array', 'invalid', { body: [valid] }));
    const text = Object.entries<Schema>(body.properties ?? {}).find(([, p]) => {
      const d = deref(p);
      return d.type === 'string' && !d.enum && !d.format && !d.pattern;
    });
    if (text) {
      const [key, prop] = text;
      const s = deref(prop);
      first.push(base(`huge ${key}`, s.maxLength ? 'invalid' : 'any', { body: { ...valid, [key]: 'x'.repeat(200_000) } }));
      first.push(
        base(`unicode ${key}`, 'any', {
          body: { ...valid, [key]: `Zoë ✓ 日本語 🚀 \u202eevil ${unique()}`.slice(0, s.maxLength ?? 100) },
        }),
      );
      if (s.maxLength) rest.push(base(`${key} at maxLength`, 'any', { body: { ...valid, [key]: 'y'.repeat(s.maxLength) } }));
    }
    for (const [key, prop] of Object.entries<Schema>(body.properties ?? {})) {
      if ((body.required ?? []).includes(key)) rest.push(base(`${key} null`, 'invalid', { body: { ...valid, [key]: null } }));
      for (const bad of invalidValues(prop))
        rest.push(base(`${key} ${bad.label}`, 'invalid', { body: { ...valid, [key]: bad.value } }));
      const nested = deref(prop);
      if (nested.type === 'object' || nested.properties) {
        for (const [inner, innerProp] of Object.entries<Schema>(nested.properties ?? {})) {
          const bad = invalidValues(innerProp)[0];
          rest.push(base(`${key}.${inner} ${bad.label}`, 'invalid', { body: { ...valid, [key]: { [inner]: bad.value } } }));
        }
      }
    }
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    const q = deref(p.schema);
    const twice = `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sample(q, p.name)))}`;
    structural.push(base(`query ${p.name} twice`, 'any', { extraQuery: `${twice}&${twice}` }));
    if (p.name === 'cursor')
      rest.push(base('query cursor forged', 'invalid', { query: { ...query, cursor: 'eyJpZCI6IjEnOy0tIn0' } }));
    if (typeof q.maximum === 'number')
      rest.push(base(`query ${p.name} at maximum`, 'any', { query: { ...query, [p.name]: String(q.maximum) } }));
    if (q.type === 'string' && !q.enum && !q.format && p.name !== 'cursor') {
      rest.push(base(`query ${p.name} unicode`, 'any', { query: { ...query, [p.name]: `Zoë ✓ 日本語 🚀 %_\\'` } }));
    }
    for (const bad of invalidValues(p.schema)) {
      const value =
        typeof bad.value === 'string' ? bad.value : Array.isArray(bad.value) ? bad.value.join(',') : String(bad.value);
      // A number's wrong type in a query string is a non-numeric string; a string's is any string (valid).
      if (bad.label === 'wrong type' && deref(p.schema).type === 'string' && !deref(p.schema).format && !deref(p.schema).enum)
        continue;
      if (bad.label === 'wrong type' && deref(p.schema).type === 'boolean') continue;
      rest.push(base(`query ${p.name} ${bad.label}`, 'invalid', { query: { ...query, [p.name]: value } }));
    }
  }
  // Interleaved, so the budget covers both the request's shape and its fields.
  const mixed = Array.from({ length: Math.max(structural.length, rest.length) }, (_, i) => [structural[i], rest[i]]).flat();
  return [...first, ...mixed.filter((v): v is Variant => !!v)].slice(0, MAX_REQUESTS_PER_OPERATION);
}

/** Compiled response schemas, refs resolved against the committed document. */
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('password', true);
ajv.addSchema({ components: toJsonSchema(doc.components) }, 'openapi.json');
const validators = new Map<string, ValidateFunction>();
/**
 * A schema as JSON Schema: refs point into the document, and OpenAPI 3.0's `nullable` reads as
 * "this, or null" (also beside allOf/$ref), as the generated TypeScript client reads it.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\//, 'openapi.json#/');
    else if (key !== 'nullable') out[key] = toJsonSchema(value);
  }
  return (schema as Schema).nullable ? { anyOf: [out, { type: 'null' }] } : out;
}
function validatorFor(schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) validators.set(key, ajv.compile(toJsonSchema(schema) as object));
  return validators.get(key)!;
}

/** Fields of a body its schema does not list (DTOs do not close their objects, so ajv lets them by). */
function undocumentedFields(value: unknown, schema: Schema | undefined, at = ''): string[] {
  if (!schema || value === null || typeof value !== 'object') return [];
  const s = deref(schema);
  if (Array.isArray(value))
    return s.items ? value.slice(0, 3).flatMap((item, i) => undocumentedFields(item, s.items, `${at}[${i}]`)) : [];
  if (!s.properties || s.additionalProperties) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key in s.properties ? undocumentedFields(child, s.properties[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

/** The JSON body an operation takes or answers: `application/json`, or SCIM's own JSON media type. */
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const jsonContent = (content: any) => content?.['application/json'] ?? content?.[SCIM_MEDIA_TYPE];

const declaredCodes = (op: any, status: number): string[] | undefined => {
  const response = op.responses[String(status)];
  if (!response) return undefined;
  const resolved = deref(response);
  const schema = resolved.content?.['application/problem+json']?.schema;
  return schema?.allOf?.[1]?.properties?.code?.enum ?? [];
};

/** Which caller to use for an operation: staff, a tenant admin, a disposable account for self-service. */
type Caller = 'none' | 'platform' | 'platformSelf' | 'tenant' | 'tenantSelf' | 'directory';
function callerOf(o: Operation): Caller {
  if (!o.op.security.length || o.path === '/metrics') return 'none';
  if (o.op.security.some((s: Record<string, unknown>) => 'scimToken' in s)) return 'directory';
  if (o.path.startsWith('/api/v1/platform/auth/')) return 'platformSelf';
  if (o.path.startsWith('/api/v1/platform/')) return 'platform';
  if (o.path.startsWith('/api/v1/auth/') || o.path.startsWith('/api/v1/users/me')) return 'tenantSelf';
  return 'tenant';
}

/** Deletions last (children before parents), so every other operation sees the fixtures. */
const ordered = [...operations].sort((a, b) => {
  const late = (o: Operation) => (o.method === 'delete' ? 1 : 0);
  return late(a) - late(b) || (late(a) ? b.path.length - a.path.length : 0);
});

describe('schema-driven fuzzing of the committed contract', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const findings: Finding[] = [];
  const undeclared = new Map<string, number>();
  let sent = 0;
  const statuses = new Map<string, number>();
  /** Requests built to be valid that were refused: not findings (state, plan, credentials), but worth a look. */
  const refusedValid: string[] = [];
  /** Valid requests the document itself would refuse: a fault of this test, not of the API. */
  const unsound: string[] = [];
  /** 2xx fields the document does not list: reported, for the document to catch up. */
  const undocumented = new Set<string>();

  const ok = (res: { status: number; body: any }, what: string) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };

  beforeAll(async () => {
    api = await startApi(webhookOverrides());
    const platform = await superAdminToken(api);
    tokens.platform = platform;
    const slug = uniqueSlug('fuzz');
    fixtures = { slug, ids: {} };
    const ids = fixtures.ids;
    const tenantBody = (s: string) => ({
      name: `Fuzz ${s}`,
      slug: s,
      plan: 'enterprise',
      admin: { email: `admin@${s}.test`, name: 'Admin', password: PASSWORD },
    });
    ids.tenantId = ok(
      await api.call('POST', '/api/v1/platform/tenants', { token: platform, body: tenantBody(slug) }),
      'tenant',
    ).id;
    ids.victimTenantId = ok(
      await api.call('POST', '/api/v1/platform/tenants', { token: platform, body: tenantBody(uniqueSlug('victim')) }),
      'victim tenant',
    ).id;
    tokens.tenant = ok(
      await api.call('POST', '/api/v1/auth/login', { tenant: slug, body: { email: `admin@${slug}.test`, password: PASSWORD } }),
      'login',
    ).accessToken;
    const t = { token: tokens.tenant };
    const user = (name: string) =>
      api.call('POST', '/api/v1/users', {
        ...t,
        body: { email: `${name}@${slug}.test`, name, password: PASSWORD, roles: ['member'] },
      });
    ids.userId = ok(await user('member'), 'member').id;
    ids.victimUserId = ok(await user('victim'), 'victim').id;
    ids.roleId = ok(
      await api.call('POST', '/api/v1/roles', { ...t, body: { key: 'fuzz_role', name: 'Fuzz', permissions: ['projects:read'] } }),
      'role',
    ).id;
    ids.projectId = ok(await api.call('POST', '/api/v1/projects', { ...t, body: { name: 'Fuzzed' } }), 'project').id;
    ids.documentId = ok(
      await api.call('POST', `/api/v1/projects/${ids.projectId}/documents`, {
        ...t,
        body: { title: 'Fuzzed doc', body: 'text' },
      }),
      'document',
    ).id;
    ids.apiKeyId = ok(
      await api.call('POST', '/api/v1/api-keys', { ...t, body: { name: 'fuzz', scopes: ['projects:read'] } }),
      'key',
    ).id;
    ids.endpointId = ok(
      await api.call('POST', '/api/v1/webhooks/endpoints', { ...t, body: { url: 'http://127.0.0.1:9/fuzz', eventTypes: ['*'] } }),
      'endpoint',
    ).id;
    ids.messageId = ok(await api.call('POST', `/api/v1/webhooks/endpoints/${ids.endpointId}/test`, t), 'message').id;
    ids.ssoDomainId = ok(
      await api.call('POST', '/api/v1/sso/domains', { ...t, body: { domain: `${slug}.example.com` } }),
      'domain',
    ).id;
    ids.auditEventId = ok(await api.call('GET', '/api/v1/audit-events?limit=1', t), 'audit').items[0].id;
    ids.platformAuditEventId = ok(
      await api.call('GET', '/api/v1/platform/audit-events?limit=1', { token: platform }),
      'audit',
    ).items[0].id;
    // Support may act in the tenant: impersonation routes get past consent to their own checks.
    ok(
      await api.call('POST', '/api/v1/tenant/support-access', {
        ...t,
        body: { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      }),
      'support access',
    );
    tokens.directory = ok(
      await api.call('POST', '/api/v1/directory-sync/tokens', { ...t, body: { name: 'Fuzzing directory' } }),
      'directory token',
    ).token;
    const scim = (path: string, body: unknown) =>
      api.call('POST', `/scim/v2${path}`, {
        token: tokens.directory,
        raw: { body: JSON.stringify(body), contentType: SCIM_MEDIA_TYPE },
      });
    ids.scimUserId = ok(
      await scim('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `scim-fixture@${slug}.test` }),
      'SCIM user',
    ).id;
    ids.scimGroupId = ok(
      await scim('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Fuzz fixture group' }),
      'SCIM group',
    ).id;
    ids.impersonationId = ok(
      await api.call('POST', '/api/v1/platform/impersonations', {
        token: platform,
        body: { tenantId: ids.tenantId, userId: ids.userId, reason: 'Fuzzing the contract: a fixture' },
      }),
      'impersonation',
    ).id;
    ids.victimPlatformUserId = ok(
      await api.call('POST', '/api/v1/platform/users', {
        token: platform,
        body: { email: `victim-staff@${slug}.test`, name: 'Victim staff', roles: ['support'], password: PASSWORD },
      }),
      'staff',
    ).id;
  });

  afterAll(() => api?.close());

  /** A fresh session of a fresh account, for self-service routes that end sessions or change credentials. */
  async function selfToken(kind: 'tenantSelf' | 'platformSelf'): Promise<string> {
    const email = `self-${unique()}@${fixtures.slug}.test`;
    const password = `self-${unique()}-Passphrase`;
    if (kind === 'tenantSelf') {
      ok(await api.call('POST', '/api/v1/users', { token: tokens.tenant, body: { email, name: 'Self', password } }), 'self user');
      return ok(await api.call('POST', '/api/v1/auth/login', { tenant: fixtures.slug, body: { email, password } }), 'self login')
        .accessToken;
    }
    ok(
      await api.call('POST', '/api/v1/platform/users', {
        token: tokens.platform,
        body: { email, name: 'Self', roles: ['support'], password },
      }),
      'self staff',
    );
    return ok(await api.call('POST', '/api/v1/platform/auth/login', { body: { email, password } }), 'self staff login')
      .accessToken;
  }

  it(`answers every operation of openapi.json within the contract (≤ ${MAX_REQUESTS_PER_OPERATION} requests each)`, async () => {
    expect(operations.length).toBeGreaterThan(100);
    for (const o of ordered) {
      const caller = callerOf(o);
      const token =
        caller === 'none'
          ? undefined
          : caller === 'tenantSelf' || caller === 'platformSelf'
            ? await selfToken(caller)
            : tokens[caller];
      const list = variants(o);
      let validStatus = 0;
      for (const v of list) {
        const url =
          o.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(v.path[name])) +
          `?${[new URLSearchParams(v.query).toString(), v.extraQuery].filter(Boolean).join('&')}`.replace(/\?$/, '');
        const res = await api.call(o.method.toUpperCase(), url, {
          token: v.token ?? token,
          headers: v.headers,
          ...(v.raw !== undefined
            ? { raw: { body: v.raw, contentType: v.contentType ?? 'application/json' } }
            : v.body !== undefined
              ? { body: v.body }
              : {}),
        });
        sent++;
        statuses.set(`${v.expect} ${res.status}`, (statuses.get(`${v.expect} ${res.status}`) ?? 0) + 1);
        if (v.expect === 'valid') {
          validStatus = res.status;
          // The cases built to be invalid change one thing of this one: it must match the document.
          const requestSchema = jsonContent(o.op.requestBody?.content)?.schema;
          if (requestSchema && !validatorFor(requestSchema)(v.body)) {
            unsound.push(`${o.id}: ${ajv.errorsText(validatorFor(requestSchema).errors)}`);
          }
        }
        const where = `${o.id} [${v.label}] → ${res.status}`;
        const finding = (kind: Finding['kind'], detail: string) => findings.push({ kind, where, detail });
        const code: string | undefined = res.body?.code;
        if (res.status >= 500 && !(code && code !== 'INTERNAL_ERROR' && code in ERROR_CODES))
          finding('5xx', JSON.stringify(res.body).slice(0, 300));
        const scim = callerOf(o) === 'directory';
        if (res.status >= 400 && scim) {
          // The SCIM service answers in the SCIM error schema (RFC 7644 §3.12), as identity providers expect.
          if (!new RegExp(`^${SCIM_MEDIA_TYPE.replace('+', '\\+')}`).test(res.headers.get('content-type') ?? ''))
            finding('not-problem-json', String(res.headers.get('content-type')));
          else if (res.body?.schemas?.[0] !== SCIM_ERROR || res.body.status !== String(res.status))
            finding('unknown-code', JSON.stringify(res.body).slice(0, 200));
          if (!o.op.responses[String(res.status)]) {
            const key = `${o.id} ${res.status}`;
            undeclared.set(key, (undeclared.get(key) ?? 0) + 1);
          }
        } else if (res.status >= 400) {
          if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? ''))
            finding('not-problem-json', String(res.headers.get('content-type')));
          else if (!code || !(code in ERROR_CODES)) finding('unknown-code', String(code));
          const declared = declaredCodes(o.op, res.status);
          if (!declared || (code && !declared.includes(code))) {
            const key = `${o.id} ${res.status} ${code}`;
            undeclared.set(key, (undeclared.get(key) ?? 0) + 1);
          }
        }
        if (res.status >= 200 && res.status < 300) {
          if (v.expect === 'invalid') finding('accepted-invalid', JSON.stringify(v.body ?? v.raw ?? v.query).slice(0, 200));
          const declared = o.op.responses[String(res.status)];
          const schema = declared && jsonContent(deref(declared).content)?.schema;
          if (!declared) undeclared.set(`${o.id} ${res.status}`, (undeclared.get(`${o.id} ${res.status}`) ?? 0) + 1);
          else if (schema && /json/.test(res.headers.get('content-type') ?? '')) {
            const validate = validatorFor(schema);
            if (!validate(res.body)) finding('response-schema', ajv.errorsText(validate.errors));
            for (const field of undocumentedFields(res.body, schema)) {
              // An answer must not carry what no client may see, declared or not.
              if (/password|hash$|secret|privateKey/i.test(field) && !/Hash$/.test(field))
                finding('response-schema', `undocumented ${field}`);
              undocumented.add(`${o.id} ${field.replace(/\[\d+\]/g, '[]')}`);
            }
          }
        }
        if (
          v.expect === 'unauthenticated' &&
          (res.status !== 401 || (!scim && !/^(UNAUTHENTICATED|INVALID_TOKEN)$/.test(code ?? '')))
        ) {
          finding('unauthenticated-not-401', `${code ?? ''}`);
        }
        if (v.expect === 'valid' && res.status >= 400)
          refusedValid.push(`${o.id} → ${res.status} ${code}: ${res.body?.detail ?? ''}`);
        if (v.expect === 'unknown-id' && res.status !== 404 && !(res.status === 400 && validStatus === 400)) {
          finding('unknown-id-not-404', `${code ?? ''} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }

    const byKind = findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.kind]: (acc[f.kind] ?? 0) + 1 }), {});
    const report = [
      `${operations.length} operations, ${sent} requests; findings: ${JSON.stringify(byKind)}`,
      `answers (expectation status: count): ${[...statuses]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ')}`,
      ...findings.map((f) => `  ${f.kind}: ${f.where}: ${f.detail}`),
      `undocumented response fields: ${undocumented.size}`,
      ...[...undocumented].sort().map((k) => `  ${k}`),
      `undeclared (operation status code): ${undeclared.size}`,
      ...[...undeclared.keys()].sort().map((k) => `  ${k}`),
    ].join('\n');
    if (process.env.FUZZ_REPORT) process.stdout.write(`${report}\nvalid requests refused:\n  ${refusedValid.join('\n  ')}\n`);
    expect(unsound).toEqual([]);
    expect(findings, report).toEqual([]);
    if (ASSERT_DECLARED_STATUSES) expect([...undeclared.keys()], report).toEqual([]);
  }, 240_000);
});
