import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import type { TestApi } from './api';
import { eventually, type TestTenant } from './fixtures';
import type { ReceivedHook } from './webhook-receiver';

/** Overrides for a webhook test file: queues of its own, loopback receivers, a quick schedule. */
export function webhookOverrides(extra: Record<string, string> = {}): Record<string, string> {
  return {
    WEBHOOKS_ALLOW_LOOPBACK: 'true',
    WEBHOOK_RETRY_DELAYS_MS: '0,150,300,450',
    WEBHOOK_TIMEOUT_MS: '3000',
    ...extra,
  };
}

export interface CreatedEndpoint {
  id: string;
  secret: string;
  body: any;
}

export async function createEndpoint(
  api: TestApi,
  tenant: TestTenant,
  url: string,
  eventTypes: string[] = ['*'],
  extra: Record<string, unknown> = {},
): Promise<CreatedEndpoint> {
  const res = await api.call('POST', '/api/v1/webhooks/endpoints', { token: tenant.token, body: { url, eventTypes, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, secret: res.body.secret, body: res.body };
}

/** Verifies a received webhook with the Standard Webhooks reference library; throws when it does not verify. */
export function verify(hook: ReceivedHook, secret: string): unknown {
  return new Webhook(secret).verify(hook.body, {
    'webhook-id': String(hook.headers['webhook-id']),
    'webhook-timestamp': String(hook.headers['webhook-timestamp']),
    'webhook-signature': String(hook.headers['webhook-signature']),
  });
}

/** The message's delivery log entry at one endpoint, once `done` says it is settled. */
export async function deliveryOf(
  api: TestApi,
  tenant: TestTenant,
  messageId: string,
  endpointId: string,
  done: (d: any) => boolean = (d) => d.status === 'succeeded' || d.status === 'dead',
  ms = 20_000,
): Promise<any> {
  return eventually(async () => {
    const res = await api.call('GET', `/api/v1/webhooks/messages/${messageId}`, { token: tenant.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body.deliveries.find((x: any) => x.endpointId === endpointId);
    return d && done(d) ? d : null;
  }, ms);
}

export async function attemptsOf(api: TestApi, tenant: TestTenant, messageId: string, endpointId?: string): Promise<any[]> {
  const res = await api.call(
    'GET',
    `/api/v1/webhooks/messages/${messageId}/attempts${endpointId ? `?endpointId=${endpointId}` : ''}`,
    { token: tenant.token },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

/** Audit events of the tenant with this action (and resource id). */
export async function auditEvents(api: TestApi, tenant: TestTenant, action: string, resourceId?: string): Promise<any[]> {
  const query = new URLSearchParams({ action, limit: '100', ...(resourceId ? { resourceId } : {}) });
  const res = await api.call('GET', `/api/v1/audit-events?${query}`, { token: tenant.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
