import { describe, expect, it } from 'vitest';
import { containsPattern, quoteIdent } from './identifiers';

describe('quoteIdent', () => {
  it('quotes safe lowercase identifiers', () => {
    expect(quoteIdent('t_abc')).toBe('"t_abc"');
    expect(quoteIdent('t_0b6f1f524a394c1e9a8e2f3c5d6e7f80')).toBe('"t_0b6f1f524a394c1e9a8e2f3c5d6e7f80"');
    expect(quoteIdent('platform')).toBe('"platform"');
    expect(quoteIdent('_x')).toBe('"_x"');
    expect(quoteIdent('a'.repeat(63))).toBe(`"${'a'.repeat(63)}"`);
  });

  it('refuses anything that could escape or change meaning', () => {
    for (const name of [
      '',
      't"abc',
      't_abc"; DROP SCHEMA platform; --',
      "t'abc",
      'T_ABC',
      't_Abc',
      't_abc;',
      't abc',
      't-abc',
      't.abc',
      '1abc',
      't_abc\n',
      't_\u00e4bc',
      'a'.repeat(64),
      'a'.repeat(500),
    ]) {
      expect(() => quoteIdent(name), JSON.stringify(name)).toThrow(/unsafe SQL identifier/);
    }
  });
});

describe('containsPattern', () => {
  it('lower-cases and takes LIKE wildcards and the escape character literally', () => {
    expect(containsPattern('Acme')).toBe('%acme%');
    expect(containsPattern('50%_off\\x')).toBe('%50\\%\\_off\\\\x%');
  });
});
