import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, unacceptableInput } from './validation';

const nested = (depth: number) => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('unacceptableInput', () => {
  it('accepts ordinary input, emoji (paired surrogates) included', () => {
    expect(unacceptableInput({ name: 'Ada 𝕏 🎉', tags: ['a', 'b'], n: 1, deep: nested(MAX_INPUT_DEPTH - 1) }, '')).toBeNull();
  });

  it('names a NUL character or an unpaired surrogate in a value or a key, with its path', () => {
    expect(unacceptableInput({ user: { name: 'a\u0000b' } }, '')?.field).toBe('user.name');
    expect(unacceptableInput({ list: ['ok', '\ud800x'] }, '')?.field).toBe('list.1');
    expect(unacceptableInput({ x: 'tail\udc00' }, '')?.field).toBe('x');
    expect(unacceptableInput({ ['k\u0000']: 1 }, '')?.message).toMatch(/key/);
    expect(unacceptableInput('\u0000', 'id')?.field).toBe('id');
  });

  it('refuses nesting deeper than MAX_INPUT_DEPTH without recursing', () => {
    expect(unacceptableInput({ deep: nested(MAX_INPUT_DEPTH) }, '')?.message).toMatch(/nested too deeply/);
    let arr: unknown = [];
    for (let i = 0; i < 200_000; i++) arr = [arr];
    expect(unacceptableInput(arr, '')?.message).toMatch(/nested too deeply/);
  });
});
