import { describe, expect, it } from 'vitest';
import { canonical, chainHash, ChainedFields } from './chain';

const event = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  id: '00000000-0000-4000-8000-000000000001',
  seq: 1,
  occurredAt: '2026-11-23T10:00:00.000Z',
  actor: { type: 'user', id: 'u1', email: 'ada@acme.test' },
  impersonator: null,
  action: 'project.created',
  category: 'data',
  severity: 'info',
  resource: { type: 'project', id: 'p1' },
  changes: { after: { name: 'X', tags: ['a', 'b'] } },
  metadata: null,
  outcome: 'success',
  errorCode: null,
  ip: '203.0.113.7',
  userAgent: 'curl',
  requestId: 'r1',
  tenantId: 't1',
  previousHash: 'genesis',
  ...over,
});

describe('audit hash chain', () => {
  it('writes objects the same way whatever the key order', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('gives a different hash when any field, the previous hash or the key changes', () => {
    const base = chainHash('secret-1', event());
    expect(chainHash('secret-1', event())).toBe(base);
    expect(chainHash('secret-2', event())).not.toBe(base);
    expect(chainHash('secret-1', event({ previousHash: 'other' }))).not.toBe(base);
    expect(chainHash('secret-1', event({ outcome: 'failure' }))).not.toBe(base);
    expect(chainHash('secret-1', event({ changes: { after: { name: 'Y', tags: ['a', 'b'] } } }))).not.toBe(base);
    expect(chainHash('secret-1', event({ seq: 2 }))).not.toBe(base);
  });
});
