import { createHmac } from 'node:crypto';

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What is chained of an event: everything but its own hash. */
export interface ChainedFields {
  id: string;
  seq: number;
  occurredAt: string;
  actor: { type: string; id: string | null; email: string | null };
  impersonator: unknown;
  action: string;
  category: string;
  severity: string;
  resource: { type: string | null; id: string | null };
  changes: unknown;
  metadata: unknown;
  outcome: string;
  errorCode: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  tenantId: string | null;
  previousHash: string;
}

/** HMAC-SHA256 over the previous hash and the event's canonical content. */
export function chainHash(secret: string, fields: ChainedFields): string {
  return createHmac('sha256', secret)
    .update(`${fields.previousHash}\n${canonical(fields)}`)
    .digest('hex');
}
