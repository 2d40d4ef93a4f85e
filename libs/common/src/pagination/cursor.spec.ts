import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './cursor';

const id = '0b6f1f52-4a39-4c1e-9a8e-2f3c5d6e7f80';

function rejection(cursor: string): DomainError {
  try {
    decodeCursor(cursor);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error(`cursor ${JSON.stringify(cursor)} was accepted`);
}

describe('cursor', () => {
  it('round-trips a position with a string or a number sort value', () => {
    for (const pos of [
      { v: '2024-05-01 10:11:12.123456+00', id },
      { v: 'Name with "quotes", commas and ünïcödé', id },
      { v: 42, id },
      { v: 0, id },
    ]) {
      const cursor = encodeCursor(pos);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding
      expect(decodeCursor(cursor)).toEqual(pos);
    }
  });

  it('refuses garbage with VALIDATION_FAILED naming the cursor field', () => {
    const garbage = [
      'garbage!!',
      '',
      Buffer.from('not json').toString('base64url'),
      Buffer.from('null').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
      Buffer.from('"just a string"').toString('base64url'),
      Buffer.from(JSON.stringify({ v: 'x' })).toString('base64url'),
      Buffer.from(JSON.stringify({ v: 'x', id: 7 })).toString('base64url'),
      Buffer.from(JSON.stringify({ v: { $gt: '' }, id })).toString('base64url'),
      Buffer.from(JSON.stringify({ id })).toString('base64url'),
    ];
    for (const cursor of garbage) {
      const err = rejection(cursor);
      expect(err.code, cursor).toBe('VALIDATION_FAILED');
      expect(err.status).toBe(400);
      expect(err.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });
});
