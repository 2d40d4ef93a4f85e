import { scimPatch, ScimError as PatchError, ScimPatchOperation, ScimResource } from 'scim-patch';
import { scimError } from './scim-error';
import { DirectoryAttributes, ENTERPRISE_SCHEMA, PATCH_SCHEMA } from './scim-resources';

type Doc = Record<string, unknown>;

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
function get(doc: unknown, name: string): unknown {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const key = Object.keys(doc).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (doc as Doc)[key];
}

const invalid = (detail: string) => scimError('VALIDATION_FAILED', detail, 'invalidValue');

/**
 * A string attribute, trimmed; null when absent or empty. Numbers are taken as their text for the
 * user's free-text attributes (directories map numeric fields, an employee number say, as they
 * are), never for identifiers and names (`lenient: false`).
 */
function text(value: unknown, field: string, max = 512, lenient = true): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (lenient && typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  if (value.length > max) throw invalid(`${field} must be at most ${max} characters`);
  return value.trim() || null;
}

/** `active` as a boolean; Entra ID sends `"True"` / `"False"` strings. */
export function readActive(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalid('active must be a boolean');
}

const isObject = (value: unknown): value is Doc => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The attributes every resource has (RFC 7643 §3.1), checked for their types: `schemas` lists URIs;
 * `id` and `meta` are read-only, so their values are ignored (RFC 7644 §3.5.1), but not any type.
 * Answers the `externalId`.
 */
function readCommon(doc: Doc): string | null {
  const schemas = get(doc, 'schemas');
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.every((u) => typeof u === 'string')))
    throw invalid('schemas must be an array of schema URIs');
  const id = get(doc, 'id');
  if (id !== undefined && id !== null && typeof id !== 'string') throw invalid('id must be a string');
  const meta = get(doc, 'meta');
  if (meta !== undefined && meta !== null && !isObject(meta)) throw invalid('meta must be an object');
  return text(get(doc, 'externalId'), 'externalId', 512, false);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UserInput extends DirectoryAttributes {
  userName: string;
  formatted: string | null;
  active: boolean | undefined;
}

/** The user a SCIM document describes (POST, PUT, or a PATCH's result), validated. */
export function readUser(doc: unknown): UserInput {
  if (!isObject(doc)) throw scimError('BAD_REQUEST', 'The body must be a SCIM User', 'invalidSyntax');
  const externalId = readCommon(doc);
  const userName = text(get(doc, 'userName'), 'userName', 320);
  if (!userName) throw invalid('userName is required');
  if (!EMAIL.test(userName)) throw invalid('userName must be the user\u2019s email address');
  const name = get(doc, 'name');
  const emailsRaw = get(doc, 'emails') ?? [];
  if (!Array.isArray(emailsRaw) || emailsRaw.length > 20) throw invalid('emails must be an array (at most 20)');
  const emails = emailsRaw.map((e, i) => {
    const value = text(get(e, 'value'), `emails[${i}].value`, 320);
    if (!value) throw invalid(`emails[${i}].value is required`);
    const type = text(get(e, 'type'), `emails[${i}].type`, 64);
    const primary = readActive(get(e, 'primary'));
    return { value, ...(type ? { type } : {}), ...(primary !== undefined ? { primary } : {}) };
  });
  const enterprise = get(doc, ENTERPRISE_SCHEMA);
  const manager = get(enterprise, 'manager');
  return {
    userName: userName.toLowerCase(),
    externalId,
    givenName: text(get(name, 'givenName'), 'name.givenName', 200),
    familyName: text(get(name, 'familyName'), 'name.familyName', 200),
    formatted: text(get(name, 'formatted'), 'name.formatted', 200),
    displayName: text(get(doc, 'displayName'), 'displayName', 200),
    emails,
    active: readActive(get(doc, 'active')),
    employeeNumber: text(get(enterprise, 'employeeNumber'), 'employeeNumber', 200),
    department: text(get(enterprise, 'department'), 'department', 200),
    // Entra ID sends the manager as a bare id string; RFC 7643 as `{ value }`.
    managerId: text(typeof manager === 'object' && manager !== null ? get(manager, 'value') : manager, 'manager.value', 200),
  };
}

/** The name an account shows: the directory's displayName, else the formatted or given and family names. */
export function accountName(u: UserInput, fallback: string): string {
  const joined = [u.givenName, u.familyName].filter(Boolean).join(' ');
  return (u.displayName ?? u.formatted ?? (joined || null) ?? fallback).slice(0, 200);
}

export interface GroupInput {
  displayName: string;
  externalId: string | null;
  members: string[] | undefined;
}

/** The attributes of a SCIM Group (RFC 7643 §4.2) and those every resource has; extensions are URNs. */
const GROUP_ATTRIBUTES = new Set(['schemas', 'id', 'externalid', 'meta', 'displayname', 'members']);

/** The group a SCIM document describes (POST, PUT, or a PATCH's result), validated. */
export function readGroup(doc: unknown): GroupInput {
  if (!isObject(doc)) throw scimError('BAD_REQUEST', 'The body must be a SCIM Group', 'invalidSyntax');
  const unknown = Object.keys(doc).filter((k) => !GROUP_ATTRIBUTES.has(k.toLowerCase()) && !/^urn:/i.test(k));
  if (unknown.length)
    throw scimError('BAD_REQUEST', `${unknown.slice(0, 5).join(', ')}: no such attribute of a SCIM Group`, 'invalidSyntax');
  const externalId = readCommon(doc);
  const displayName = text(get(doc, 'displayName'), 'displayName', 256, false);
  if (!displayName) throw invalid('displayName is required');
  const members = get(doc, 'members');
  if (members !== undefined && members !== null && !Array.isArray(members)) throw invalid('members must be an array');
  return {
    displayName,
    externalId,
    members: Array.isArray(members)
      ? [
          ...new Set(
            members.map((m, i) => {
              const value = isObject(m) ? text(get(m, 'value'), `members[${i}].value`, 64, false) : null;
              if (!value) throw invalid(`members[${i}].value is required`);
              return value;
            }),
          ),
        ]
      : undefined,
  };
}

/**
 * Entra ID removes members by listing them (`"path": "members", "value": [{ "value": "<id>" }]`):
 * each becomes a removal by value filter, which matches the member whatever else it carries.
 */
function byValue(op: ScimPatchOperation): ScimPatchOperation[] {
  if (op.op !== 'remove' || !op.path || op.path.includes('[') || !Array.isArray(op.value)) return [op];
  const values = op.value.map((v: unknown) => get(v, 'value'));
  if (!values.every((v): v is string => typeof v === 'string')) return [op];
  return values.map((v) => ({ op: 'remove', path: `${op.path}[value eq ${JSON.stringify(v)}]` }));
}

/**
 * Applies a PATCH request (RFC 7644 §3.5.2) to a resource's current document with scim-patch,
 * accepting what identity providers send: Entra ID's capitalised `"op": "Replace"` and boolean
 * strings, Okta's full-value `replace` without a path. Answers the patched document.
 */
export function applyPatch(resource: Doc, body: unknown): Doc {
  const schemas = get(body, 'schemas');
  const operations = get(body, 'Operations');
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA) || !Array.isArray(operations) || !operations.length) {
    throw scimError('BAD_REQUEST', `A PATCH body names ${PATCH_SCHEMA} and lists its Operations`, 'invalidSyntax');
  }
  const ops = operations
    .map((o, i) => {
      const op = get(o, 'op');
      if (typeof op !== 'string' || !/^(add|replace|remove)$/i.test(op))
        throw scimError('BAD_REQUEST', `Operations[${i}].op must be add, replace or remove`, 'invalidSyntax');
      const path = get(o, 'path');
      if (path !== undefined && typeof path !== 'string')
        throw scimError('BAD_REQUEST', `Operations[${i}].path must be a string`, 'invalidPath');
      const value = get(o, 'value');
      return { op: op.toLowerCase(), ...(path ? { path } : {}), ...(value !== undefined ? { value } : {}) } as ScimPatchOperation;
    })
    .flatMap(byValue);
  try {
    return scimPatch(structuredClone(resource) as unknown as ScimResource, ops, { mutateDocument: false }) as unknown as Doc;
  } catch (err) {
    if (err instanceof PatchError) {
      const scimType = (err.scimCode ?? 'invalidValue') as 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidSyntax';
      throw scimError('VALIDATION_FAILED', err.message, scimType);
    }
    throw err;
  }
}
