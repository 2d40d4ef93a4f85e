import { request } from 'node:http';
import { Client } from 'pg';
import { expect, inject } from 'vitest';
import { observe, type TestApi } from '../support/api';
import { eventually } from '../support/fixtures';

export interface AuditEvent {
  id: string;
  seq: number;
  occurredAt: string;
  actor: { type: string; id: string | null; email: string | null };
  impersonator: Record<string, unknown> | null;
  action: string;
  category: string;
  severity: string;
  resource: { type: string | null; id: string | null };
  changes: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null } | null;
  metadata: Record<string, unknown> | null;
  outcome: 'success' | 'failure';
  errorCode: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  hash: string;
  previousHash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface VerifyResult {
  valid: boolean;
  checked: number;
  firstInvalidId: string | null;
  reason?: string;
  headSeq: number;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tenant's schema, which is also the name of its database role. */
export const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;

export function query(params: Record<string, string | number | Date | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    q.set(k, v instanceof Date ? v.toISOString() : String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** One page of the tenant's trail (or the platform's, with `platform`), asserting a 200. */
export async function listEvents(
  api: TestApi,
  token: string,
  params: Record<string, string | number | Date | undefined> = {},
  platform = false,
): Promise<AuditPage> {
  const res = await api.call<AuditPage>('GET', `/api/v1/${platform ? 'platform/' : ''}audit-events${query(params)}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Every event matching the filter, following the cursor to the end. */
export async function allEvents(
  api: TestApi,
  token: string,
  params: Record<string, string | number | Date | undefined> = {},
  platform = false,
): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listEvents(api, token, { ...params, limit: 200, cursor }, platform);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

/** The events of one request (by the X-Request-Id the test sent). */
export async function eventsOfRequest(api: TestApi, token: string, requestId: string, platform = false): Promise<AuditEvent[]> {
  return (await allEvents(api, token, {}, platform)).filter((e) => e.requestId === requestId);
}

/**
 * Waits for an event a failed request records after its response (in a transaction of its own),
 * polling the API with a deadline.
 */
export async function waitForEvent(
  api: TestApi,
  token: string,
  params: Record<string, string | number | Date | undefined>,
  match: (e: AuditEvent) => boolean,
  platform = false,
): Promise<AuditEvent> {
  return eventually(async () => (await listEvents(api, token, { ...params, limit: 200 }, platform)).items.find(match));
}

export async function verify(api: TestApi, token: string, platform = false): Promise<VerifyResult> {
  const res = await api.call<VerifyResult>('GET', `/api/v1/${platform ? 'platform/' : ''}audit-events/verify`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A superuser connection to the test database (the tests' view behind the API's back). */
export async function superuser(): Promise<Client> {
  const pg = new Client({ connectionString: inject('databaseUrl') });
  await pg.connect();
  return pg;
}

/** A fresh request id, sent as X-Request-Id so a test can find the events of its own request. */
export const requestId = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export interface Download {
  status: number;
  headers: Headers;
  body: string;
}

/** A GET whose body is kept as text whatever its type (the test API helper parses anything JSON-like). */
export async function download(
  api: TestApi,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, api.url), { headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        const body = Buffer.concat(chunks).toString('utf8');
        const problem = /problem\+json/.test(h.get('content-type') ?? '') ? JSON.parse(body) : undefined;
        observe('GET', new URL(path, api.url), res.statusCode ?? 0, problem);
        resolve({ status: res.statusCode ?? 0, headers: h, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
