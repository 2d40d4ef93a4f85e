import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** Every error body (RFC 9457 problem+json); branch on `code`. */
export type Problem = components['schemas']['Problem'];
export type ErrorCode = Problem['code'];

/** A client whose every call is typed by the OpenAPI document: paths, parameters, bodies and errors. */
export type StratumClient = Client<paths>;

export interface StratumClientOptions {
  /** Where the API answers, e.g. https://api.example.com (no trailing /api/v1). */
  baseUrl: string;
  /** An access token from a login route, sent as `Authorization: Bearer`. */
  token?: string;
  /** A tenant API key (sk_live_…), sent as `X-API-Key`. */
  apiKey?: string;
  /** The tenant's slug, sent as `X-Tenant` (tenant sign-in routes need it). */
  tenant?: string;
  /** Another fetch implementation, or extra headers, passed to openapi-fetch. */
  fetch?: ClientOptions['fetch'];
  headers?: Record<string, string>;
}

export function createStratumClient(options: StratumClientOptions): StratumClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  if (options.tenant) headers['x-tenant'] = options.tenant;
  return createClient<paths>({ baseUrl: options.baseUrl, headers, ...(options.fetch ? { fetch: options.fetch } : {}) });
}
