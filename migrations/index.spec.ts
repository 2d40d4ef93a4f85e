import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
});
