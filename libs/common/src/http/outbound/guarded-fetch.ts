import type { Agent } from 'node:http';
import { sendTo } from './outbound-request';
import { OutboundPolicy, Resolver, resolveTarget, systemResolver } from './url-guard';

const NO_BODY = new Set([101, 204, 205, 304]);

export interface GuardedFetchInit {
  method?: string;
  headers?: Record<string, string> | Headers;
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal | null;
}

export interface GuardedFetchOptions {
  policy: OutboundPolicy;
  timeoutMs: number;
  /** Larger answers fail. */
  maxResponseBytes: number;
  /** The connection pool; the process's default agents (and their certificate authorities) without one. */
  agent?: Agent;
  resolve?: Resolver;
}

export type GuardedFetch = (url: string | URL, init?: GuardedFetchInit) => Promise<Response>;

/**
 * A `fetch` for libraries that take one (openid-client's customFetch): each request's URL is
 * checked by the URL guard (UrlRefused, before any connection) and sent by `sendTo` to the checked
 * addresses. Redirects are answered as they are, never followed; larger answers than
 * `maxResponseBytes` fail with OutboundFailure.
 */
export function guardedFetch(options: GuardedFetchOptions): GuardedFetch {
  return async (url, init = {}) => {
    const target = await resolveTarget(String(url), options.policy, options.resolve ?? systemResolver);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const response = await sendTo(target, {
      method: init.method ?? 'GET',
      headers,
      body: await bodyBytes(init.body),
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      oversize: 'fail',
      agent: options.agent,
      signal: init.signal ?? undefined,
    });
    const answered = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) answered.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return new Response(NO_BODY.has(response.status) ? null : response.body, { status: response.status, headers: answered });
  };
}

async function bodyBytes(body: GuardedFetchInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(await new Response(body).arrayBuffer());
}
