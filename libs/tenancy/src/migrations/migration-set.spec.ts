import type { MigrationInterface, QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { instantiate, MigrationClass } from './migration-set';

/** A migration class named `name`, optionally with a `name` property that differs from the class name. */
function migration(className: string, nameProperty?: string): MigrationClass {
  const Cls = class implements MigrationInterface {
    name = nameProperty;
    async up(_qr: QueryRunner): Promise<void> {}
    async down(_qr: QueryRunner): Promise<void> {}
  };
  Object.defineProperty(Cls, 'name', { value: className });
  return Cls;
}

describe('instantiate', () => {
  it('creates one instance of each migration, in the given order, named by its name property', () => {
    const First = migration('CreateThings1700000000000', 'CreateThings1700000000000');
    const Second = migration('AddColumn1700000000001', 'AddColumn1700000000001');
    const named = instantiate([First, Second]);
    expect(named.map((m) => m.name)).toEqual(['CreateThings1700000000000', 'AddColumn1700000000001']);
    expect(named[0].migration).toBeInstanceOf(First);
    expect(named[1].migration).toBeInstanceOf(Second);
  });

  it('falls back to the class name when the migration has no name property', () => {
    expect(instantiate([migration('Unnamed1700000000000')]).map((m) => m.name)).toEqual(['Unnamed1700000000000']);
  });

  it('accepts an empty list', () => {
    expect(instantiate([])).toEqual([]);
  });

  it('refuses migrations whose timestamps do not ascend', () => {
    const older = migration('Older1700000000000', 'Older1700000000000');
    const newer = migration('Newer1700000000001', 'Newer1700000000001');
    expect(() => instantiate([newer, older])).toThrow('migration Older1700000000000 is out of order');
    // Two different migrations may not share a timestamp either.
    const twin = migration('Twin1700000000001', 'Twin1700000000001');
    expect(() => instantiate([older, newer, twin])).toThrow('migration Twin1700000000001 is out of order');
  });

  it('refuses the same migration twice, naming it as a duplicate', () => {
    const once = migration('Once1700000000000', 'Once1700000000000');
    expect(() => instantiate([once, once])).toThrow('duplicate migration Once1700000000000');
    // Two classes that carry the same migration name are the same migration.
    const copy = migration('OnceAgain1700000000000', 'Once1700000000000');
    expect(() => instantiate([once, copy])).toThrow('duplicate migration Once1700000000000');
  });

  it('refuses a migration whose name does not end with a 13-digit timestamp', () => {
    for (const name of ['AddThings', 'AddThings170000000000', '1700000000000AddThings', 'AddThings0000000000000']) {
      expect(() => instantiate([migration(name, name)]), name).toThrow(`migration ${name} must end with a 13-digit timestamp`);
    }
  });
});
