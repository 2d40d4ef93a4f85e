import type { EntityManager } from 'typeorm';

/**
 * The rows of a statement, whatever it is: TypeORM answers UPDATE and DELETE with
 * `[rows, affected]` and every other statement with the rows.
 */
export async function rows<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await em.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** How many rows an UPDATE or DELETE touched. */
export async function affected(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result: unknown = await em.query(sql, params);
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
