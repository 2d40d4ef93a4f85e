import { expect } from 'vitest';
import type { Reply, TestApi } from '../support/api';
import type { TestTenant } from '../support/fixtures';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A directory-sync token of the tenant, made by its admin through the API. */
export async function scimToken(
  api: TestApi,
  t: TestTenant,
  name = 'Entra ID',
): Promise<{ id: string; token: string; scimBaseUrl: string }> {
  const res = await api.call('POST', '/api/v1/directory-sync/tokens', { token: t.token, body: { name } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A SCIM request as an identity provider makes it: bearer token, `application/scim+json` body. */
export function scim(api: TestApi, token: string) {
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    api.call(method, `/scim/v2${path}`, {
      token,
      headers,
      ...(body === undefined ? {} : { raw: { body: JSON.stringify(body), contentType: 'application/scim+json' } }),
    });
}

/** A SCIM error document, exactly. */
export function expectScimError(res: Reply, status: number, scimType?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(status));
  if (scimType) expect(res.body.scimType).toBe(scimType);
  else expect(res.body.scimType).toBeUndefined();
  expect(typeof res.body.detail).toBe('string');
}
