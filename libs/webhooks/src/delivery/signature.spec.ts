import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { isSigningSecret, newSigningSecret, signatureHeader } from './signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ type: 'project.created', timestamp: '2026-01-01T00:00:00.000Z', data: { id: 'p1' } });

  it('makes secrets the reference library accepts', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(isSigningSecret(secret)).toBe(true);
    expect(newSigningSecret()).not.toBe(secret);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it('signs exactly as the Standard Webhooks reference library does', () => {
    const secret = newSigningSecret();
    const at = new Date(1_767_225_600_000);
    const ours = signatureHeader([secret], 'msg-1', Math.floor(at.getTime() / 1000), body);
    expect(ours).toBe(new Webhook(secret).sign('msg-1', at, body));
  });

  it('verifies with the reference library, and fails with another secret or a changed body', () => {
    const secret = newSigningSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg-2', 'webhook-timestamp': String(timestamp), 'webhook-signature': '' };
    headers['webhook-signature'] = signatureHeader([secret], 'msg-2', timestamp, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body.replace('p1', 'p2'), headers)).toThrow(WebhookVerificationError);
  });

  it('signs with every secret given, so a receiver holding either verifies during a rotation', () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signatureHeader([current, previous], 'msg-3', timestamp, body);
    expect(signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg-3', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });
});
