import type { EntityManager } from 'typeorm';

/** What a sample call may use: the scratch tenant's transaction (to prepare rows) and its schema name. */
export interface SqlSampleContext {
  em: EntityManager;
  /** The scratch tenant's schema, unquoted; written as `<tenant>` in the committed SQL. */
  schema: string;
}

export interface SqlSample {
  /** Names one of several samples of a method (a scope, a filter); the method's name alone when omitted. */
  name?: string;
  /** The arguments after the EntityManager, or a function preparing rows first and answering them. */
  params?: unknown[] | ((ctx: SqlSampleContext) => unknown[] | Promise<unknown[]>);
  /**
   * `app`: runs with the app's own privileges (platform tables, cross-schema scans, functions
   * only the app may call); by default a sample runs as the scratch tenant's role, as requests do.
   */
  role?: 'tenant' | 'app';
}

export interface SqlSampledMethod {
  target: abstract new (...args: never[]) => unknown;
  method: string;
  samples: SqlSample[];
}

const SAMPLED: SqlSampledMethod[] = [];

/**
 * Marks a repository method whose SQL is committed beside it (`queries/<file>.sql`): the SQL
 * test calls it with each sample, against a scratch tenant, records what it runs and compares it
 * with the committed file (`npm run sql` rewrites them). Repository methods take the
 * EntityManager first, then the sample's params.
 */
export function GenerateSql(...samples: SqlSample[]): MethodDecorator {
  return (target, key) => {
    SAMPLED.push({
      target: target.constructor as SqlSampledMethod['target'],
      method: String(key),
      samples: samples.length ? samples : [{}],
    });
  };
}

/** The decorated methods of the repositories loaded so far. */
export function sqlSampledMethods(): readonly SqlSampledMethod[] {
  return SAMPLED;
}

/** Fixed sample values, so the committed SQL does not change from run to run. */
export const SAMPLE = {
  uuid: '00000000-0000-4000-8000-000000000001',
  uuid2: '00000000-0000-4000-8000-000000000002',
  date: new Date('2026-01-01T00:00:00.000Z'),
} as const;
