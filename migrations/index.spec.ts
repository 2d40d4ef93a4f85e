import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';

const FILE = /^(\d{13})-([A-Za-z0-9]+)\.ts$/;

/** The migration files of a directory, in filename (= timestamp) order. */
function files(dir: 'platform' | 'tenant'): string[] {
  return readdirSync(join(__dirname, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .sort();
}

describe('MIGRATIONS', () => {
  for (const dir of ['platform', 'tenant'] as const) {
    it(`lists every file under migrations/${dir} exactly once, in filename order`, async () => {
      const found = files(dir);
      expect(found.length).toBeGreaterThan(0);
      const expected = [];
      for (const file of found) {
        const match = FILE.exec(file);
        expect(match, `${dir}/${file} must be named <13-digit timestamp>-<Name>.ts`).not.toBeNull();
        const [, timestamp, title] = match!;
        const module: Record<string, unknown> = await import(/* @vite-ignore */ join(__dirname, dir, file));
        const exported = Object.values(module).filter((value) => typeof value === 'function');
        expect(exported, `${dir}/${file} must export exactly one migration class`).toHaveLength(1);
        const Cls = exported[0] as new () => { name?: string };
        // The class and its recorded name follow the file name, so a record names its file.
        expect(Cls.name).toBe(`${title}${timestamp}`);
        expect(new Cls().name).toBe(`${title}${timestamp}`);
        expected.push(Cls);
      }
      expect(MIGRATIONS[dir]).toEqual(expected);
      expect(new Set(MIGRATIONS[dir]).size).toBe(MIGRATIONS[dir].length);
    });
  }

  it('never adds a column with a default in one ALTER TABLE in a tenant migration', async () => {
    const offending: string[] = [];
    for (const Cls of MIGRATIONS.tenant) {
      const statements: string[] = [];
      const recorder = {
        query: async (sql: string) => {
          statements.push(sql);
          return [];
        },
      } as unknown as QueryRunner;
      await new Cls().up(recorder);
      for (const sql of statements) offending.push(...columnsAddedWithDefault(sql).map((c) => `${Cls.name}: ${c}`));
    }
    expect(offending).toEqual([]);
  });

  it('tells the one-statement form from the steps', () => {
    expect(columnsAddedWithDefault('ALTER TABLE projects ADD COLUMN archived boolean NOT NULL DEFAULT false')).toHaveLength(1);
    expect(columnsAddedWithDefault('alter table "projects" add "x" int default 0, add column y text')).toHaveLength(1);
    expect(
      columnsAddedWithDefault(
        `ALTER TABLE projects ADD COLUMN archived boolean;
         ALTER TABLE projects ALTER COLUMN archived SET DEFAULT false;
         UPDATE projects SET archived = false;
         ALTER TABLE projects ALTER COLUMN archived SET NOT NULL`,
      ),
    ).toEqual([]);
    expect(columnsAddedWithDefault('CREATE TABLE t (id int, flag boolean NOT NULL DEFAULT false)')).toEqual([]);
    expect(columnsAddedWithDefault("ALTER TABLE t ADD CONSTRAINT c CHECK (x IN ('DEFAULT'))")).toEqual([]);
  });
});

/**
 * The ADD COLUMN clauses of `sql` that give the new column a DEFAULT. PostgreSQL checks the
 * table's row type against every index of the database (a scan of the whole of pg_index) for
 * each ALTER TABLE … ADD COLUMN … DEFAULT: about 200 ms per schema at 10,000 tenants, against
 * about 10 ms for the same change in steps (add the column, SET DEFAULT, backfill, SET NOT NULL).
 */
function columnsAddedWithDefault(sql: string): string[] {
  const found: string[] = [];
  for (const statement of sql.split(';').filter((st) => /^\s*ALTER\s+TABLE\b/i.test(st))) {
    for (const clause of statement.split(/,(?![^(]*\))/)) {
      if (/\bADD\s+CONSTRAINT\b/i.test(clause)) continue;
      if (/\bADD\s+(COLUMN\s+)?[\w"]+\s[^]*\bDEFAULT\b/i.test(clause)) found.push(clause.trim());
    }
  }
  return found;
}
