import type { FilterSchema } from './scim-filter';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Largest page a list answers (`count` above it is capped, as ServiceProviderConfig says). */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 100;

/** What the directory says of a user beyond the account's email and name. */
export interface DirectoryAttributes {
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  emails: { value: string; type?: string; primary?: boolean }[];
  employeeNumber: string | null;
  department: string | null;
  managerId: string | null;
}

/** A user as the directory sees it: the account and the directory's own attributes (one row of `scim_users`). */
export interface ScimUserRow extends DirectoryAttributes {
  id: string;
  userName: string;
  name: string;
  status: string;
  created: Date;
  lastModified: Date;
  version: string;
}

export interface ScimGroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  members: { value: string; display: string }[];
  created: Date;
  lastModified: Date;
  version: string;
}

/** Filterable and sortable user attributes, as columns of the `scim_users` query (alias `r`). */
export const USER_FILTER: FilterSchema = {
  urns: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  columns: {
    id: { sql: 'r."id"::text', kind: 'exact' },
    username: { sql: 'r."userName"', kind: 'text' },
    externalid: { sql: 'r."externalId"', kind: 'exact' },
    displayname: { sql: 'r."displayName"', kind: 'text' },
    'name.givenname': { sql: 'r."givenName"', kind: 'text' },
    'name.familyname': { sql: 'r."familyName"', kind: 'text' },
    'name.formatted': { sql: 'r."name"', kind: 'text' },
    active: { sql: `(r."status" <> 'deactivated')`, kind: 'boolean' },
    'meta.created': { sql: 'r."created"', kind: 'date' },
    'meta.lastmodified': { sql: 'r."lastModified"', kind: 'date' },
    employeenumber: { sql: 'r."employeeNumber"', kind: 'exact' },
    department: { sql: 'r."department"', kind: 'text' },
    'manager.value': { sql: 'r."managerId"', kind: 'exact' },
  },
  multi: {
    emails: {
      from: 'jsonb_array_elements(r."emails") e',
      sub: {
        value: { sql: `(e->>'value')`, kind: 'text' },
        type: { sql: `(e->>'type')`, kind: 'text' },
        primary: { sql: `(e->>'primary')::boolean`, kind: 'boolean' },
      },
    },
  },
};

export const GROUP_FILTER: FilterSchema = {
  urns: [GROUP_SCHEMA],
  columns: {
    id: { sql: 'r."id"::text', kind: 'exact' },
    displayname: { sql: 'r."displayName"', kind: 'text' },
    externalid: { sql: 'r."externalId"', kind: 'exact' },
    'meta.created': { sql: 'r."created"', kind: 'date' },
    'meta.lastmodified': { sql: 'r."lastModified"', kind: 'date' },
  },
  multi: {
    members: {
      from: 'directory_group_members e',
      where: 'e.group_id = r."id"',
      sub: { value: { sql: 'e.user_id::text', kind: 'exact' } },
    },
  },
};

const weak = (version: string) => `W/"${version}"`;

const compact = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Partial<T>;

/** The SCIM User resource (RFC 7643 §4.1, with the enterprise extension). */
export function userResource(u: ScimUserRow, baseUrl: string): Record<string, unknown> {
  const enterprise = compact({
    employeeNumber: u.employeeNumber,
    department: u.department,
    manager: u.managerId ? { value: u.managerId } : null,
  });
  const name = compact({ givenName: u.givenName, familyName: u.familyName, formatted: u.name });
  return {
    schemas: Object.keys(enterprise).length ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: u.id,
    ...compact({ externalId: u.externalId }),
    userName: u.userName,
    ...(Object.keys(name).length ? { name } : {}),
    displayName: u.displayName ?? u.name ?? u.userName,
    emails: u.emails,
    active: u.status !== 'deactivated',
    ...(Object.keys(enterprise).length ? { [ENTERPRISE_SCHEMA]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: new Date(u.created).toISOString(),
      lastModified: new Date(u.lastModified).toISOString(),
      location: `${baseUrl}/Users/${u.id}`,
      version: weak(u.version),
    },
  };
}

export function groupResource(g: ScimGroupRow, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...compact({ externalId: g.externalId }),
    displayName: g.displayName,
    members: g.members.map((m) => ({ value: m.value, display: m.display, $ref: `${baseUrl}/Users/${m.value}`, type: 'User' })),
    meta: {
      resourceType: 'Group',
      created: new Date(g.created).toISOString(),
      lastModified: new Date(g.lastModified).toISOString(),
      location: `${baseUrl}/Groups/${g.id}`,
      version: weak(g.version),
    },
  };
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5): top-level attributes, one level of
 * sub-attributes (`name.givenName`) and URN-qualified ones; `id` and `schemas` always stay.
 */
export function project(
  resource: Record<string, unknown>,
  attributes: string | undefined,
  excluded: string | undefined,
  urns: string[],
): Record<string, unknown> {
  const list = (s?: string) =>
    (s ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .map((a) => {
        const whole = urns.find((u) => a.toLowerCase() === u.toLowerCase());
        if (whole) return { top: whole, sub: undefined };
        const urn = urns.find((u) => a.toLowerCase().startsWith(`${u.toLowerCase()}:`));
        return urn && a.length > urn.length + 1
          ? { top: urn, sub: a.slice(urn.length + 1).toLowerCase() }
          : { top: a.split('.')[0], sub: a.includes('.') ? a.split('.').slice(1).join('.').toLowerCase() : undefined };
      });
  const keyOf = (top: string) => Object.keys(resource).find((k) => k.toLowerCase() === top.toLowerCase());
  const wanted = list(attributes);
  if (wanted.length) {
    const out: Record<string, unknown> = { schemas: resource.schemas, id: resource.id };
    for (const { top, sub } of wanted) {
      const key = keyOf(top);
      if (!key) continue;
      const value = resource[key];
      if (!sub || typeof value !== 'object' || value === null || Array.isArray(value)) {
        out[key] = value;
        continue;
      }
      const subKey = Object.keys(value).find((k) => k.toLowerCase() === sub.split('.')[0]);
      if (subKey) out[key] = { ...((out[key] as object) ?? {}), [subKey]: (value as Record<string, unknown>)[subKey] };
    }
    return out;
  }
  const out = { ...resource };
  for (const { top, sub } of list(excluded)) {
    const key = keyOf(top);
    if (!key || key === 'id' || key === 'schemas') continue;
    const value = out[key];
    if (sub && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).filter(([k]) => k.toLowerCase() !== sub));
    } else {
      delete out[key];
    }
  }
  return out;
}

/** ServiceProviderConfig (RFC 7643 §5): what this service supports, which IdPs read before syncing. */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/stratum/stratum#directory-sync-scim-20',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A directory-sync token (scim_…) created at POST /api/v1/directory-sync/tokens',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A user of the tenant',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A directory group; mapped groups grant roles',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

type Attr = Record<string, unknown>;
const attr = (name: string, type: string, extra: Attr = {}): Attr => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

export function schemas(baseUrl: string): Record<string, unknown>[] {
  const meta = (id: string) => ({ resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` });
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: USER_SCHEMA,
      name: 'User',
      description: 'A user of the tenant; userName is their email',
      attributes: [
        attr('userName', 'string', { required: true, uniqueness: 'server' }),
        attr('name', 'complex', {
          subAttributes: [attr('givenName', 'string'), attr('familyName', 'string'), attr('formatted', 'string')],
        }),
        attr('displayName', 'string'),
        attr('active', 'boolean'),
        attr('emails', 'complex', {
          multiValued: true,
          subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')],
        }),
        attr('externalId', 'string', { caseExact: true }),
      ],
      meta: meta(USER_SCHEMA),
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: ENTERPRISE_SCHEMA,
      name: 'EnterpriseUser',
      description: 'Enterprise attributes stored and returned as given',
      attributes: [
        attr('employeeNumber', 'string'),
        attr('department', 'string'),
        attr('manager', 'complex', { subAttributes: [attr('value', 'string')] }),
      ],
      meta: meta(ENTERPRISE_SCHEMA),
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: GROUP_SCHEMA,
      name: 'Group',
      description: 'A directory group',
      attributes: [
        attr('displayName', 'string', { required: true, uniqueness: 'server' }),
        attr('members', 'complex', {
          multiValued: true,
          subAttributes: [
            attr('value', 'string', { mutability: 'immutable' }),
            attr('display', 'string', { mutability: 'readOnly' }),
          ],
        }),
        attr('externalId', 'string', { caseExact: true }),
      ],
      meta: meta(GROUP_SCHEMA),
    },
  ];
}

/** A ListResponse (RFC 7644 §3.4.2). */
export function listResponse(resources: unknown[], totalResults: number, startIndex: number): Record<string, unknown> {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
