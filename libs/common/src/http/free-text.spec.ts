import { validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { FreeText, isFreeText } from './free-text';

class Named {
  @FreeText()
  name: string;

  @FreeText({ multiline: true })
  description?: string;
}

const named = (name: string, description?: string) => Object.assign(new Named(), { name, description });

describe('FreeText', () => {
  it('accepts what people type, in any script', () => {
    for (const text of ['Ada Lovelace', 'Zoë Ørsted-Łukasz', '山田 太郎', 'שלום עולם', 'O\u2019Brien (ops) #1', '']) {
      expect(isFreeText(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('refuses controls, line breaks, DEL, C1 controls, separators and bidi overrides on one line', () => {
    for (const ch of ['\r', '\n', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029']) {
      expect(isFreeText(`a${ch}b`), JSON.stringify(ch)).toBe(false);
    }
    for (let c = 0x202a; c <= 0x202e; c++) expect(isFreeText(`a${String.fromCharCode(c)}b`)).toBe(false);
    for (let c = 0x2066; c <= 0x2069; c++) expect(isFreeText(`a${String.fromCharCode(c)}b`)).toBe(false);
  });

  it('lets line breaks and tabs into multiline text, and nothing else', () => {
    expect(isFreeText('line one\r\nline two\tend', true)).toBe(true);
    expect(isFreeText('a\u202Eb', true)).toBe(false);
    expect(isFreeText('a\u0000b', true)).toBe(false);
    expect(isFreeText('a\u000bb', true)).toBe(false);
  });

  it('names the field in the validation error', async () => {
    const errors = await validate(named('Eve\r\nhttps://evil.example', 'fine\nlines'));
    expect(errors.map((e) => e.property)).toEqual(['name']);
    expect(Object.values(errors[0].constraints!)[0]).toMatch(/^name must not contain control characters/);
    expect(await validate(named('Eve', 'a\u202Eb'))).toHaveLength(1);
    expect(await validate(named('Eve', 'two\nlines'))).toEqual([]);
  });
});
