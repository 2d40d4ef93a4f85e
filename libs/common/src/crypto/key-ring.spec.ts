import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRing, KeyRingError } from './key-ring';

const k = () => randomBytes(32).toString('base64');

describe('KeyRing', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const ring = KeyRing.parse(`a:${k()}`);
    const one = ring.encrypt('JBSWY3DPEHPK3PXP', 'totp:t1:u1');
    const two = ring.encrypt('JBSWY3DPEHPK3PXP', 'totp:t1:u1');
    expect(one).not.toBe(two);
    expect(one).not.toContain('JBSWY3DPEHPK3PXP');
    expect(ring.decrypt(one, 'totp:t1:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('keeps decrypting with an old key after rotation, and encrypts with the current one', () => {
    const oldKey = k();
    const before = KeyRing.parse(`old:${oldKey}`);
    const secret = before.encrypt('s3cret', 'ctx');
    const after = KeyRing.parse(`new:${k()},old:${oldKey}`);
    expect(after.decrypt(secret, 'ctx')).toBe('s3cret');
    expect(KeyRing.keyIdOf(after.encrypt('x', 'ctx'))).toBe('new');
    expect(KeyRing.keyIdOf(secret)).toBe('old');
  });

  it('refuses another context, a tampered ciphertext and an unknown key', () => {
    const ring = KeyRing.parse(`a:${k()}`);
    const c = ring.encrypt('value', 'totp:t1:u1');
    expect(() => ring.decrypt(c, 'totp:t1:u2')).toThrow(KeyRingError);
    const tampered = c.slice(0, -2) + (c.endsWith('A') ? 'B' : 'A') + c.slice(-1);
    expect(() => ring.decrypt(tampered, 'totp:t1:u1')).toThrow(KeyRingError);
    expect(() => KeyRing.parse(`b:${k()}`).decrypt(c, 'totp:t1:u1')).toThrow(/unknown key id a/);
  });

  it('validates its keys', () => {
    expect(() => KeyRing.parse('a:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => KeyRing.parse(`a:${k()},a:${k()}`)).toThrow(/duplicate/);
    expect(() => KeyRing.parse(`a:${k()}`, 'b')).toThrow(/current key b/);
    expect(() => KeyRing.parse('')).toThrow(/no keys/);
  });
});
