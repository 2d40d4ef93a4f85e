import type { MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/** The product's migrations, in order: platform schema and per-tenant schema. */
export interface MigrationSet {
  platform: MigrationClass[];
  tenant: MigrationClass[];
}

export const MIGRATION_SET = Symbol('MIGRATION_SET');

export interface NamedMigration {
  name: string;
  migration: MigrationInterface;
}

/** Instantiates migrations and checks names are unique and timestamps ascend. */
export function instantiate(classes: MigrationClass[]): NamedMigration[] {
  const seen = new Set<string>();
  let lastTimestamp = 0;
  return classes.map((Cls) => {
    const migration = new Cls();
    const name = migration.name ?? Cls.name;
    const timestamp = Number(/(\d{13})$/.exec(name)?.[1]);
    if (!timestamp) throw new Error(`migration ${name} must end with a 13-digit timestamp`);
    if (seen.has(name)) throw new Error(`duplicate migration ${name}`);
    if (timestamp <= lastTimestamp) throw new Error(`migration ${name} is out of order`);
    seen.add(name);
    lastTimestamp = timestamp;
    return { name, migration };
  });
}
