import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { pgErrorCode } from '../errors/postgres-errors';
import { decodeCursor, encodeCursor, invalidCursor, Page } from './cursor';

export type SortDirection = 'ASC' | 'DESC';

export interface KeysetSort<T> {
  /** Entity property used in ORDER BY, e.g. `createdAt`. */
  property: keyof T & string;
  /** Its column name, e.g. `created_at` (columns are snake_case). */
  column: string;
  direction: SortDirection;
}

/**
 * Keyset (cursor) pagination over any query builder: stable under concurrent inserts and
 * as fast on page 1,000 as on page 1. The row's id breaks ties between equal sort values.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  sort: KeysetSort<T>,
  limit: number,
  cursor?: string,
): Promise<Page<T>> {
  const alias = qb.alias;
  if (cursor) {
    const pos = decodeCursor(cursor);
    const op = sort.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${alias}.${sort.column}, ${alias}.id) ${op} (:cursorValue, :cursorId)`, {
      cursorValue: pos.v,
      cursorId: pos.id,
    });
  }
  // The cursor keeps the sort value as PostgreSQL renders it: a JavaScript Date would drop the
  // microseconds of a timestamptz and make pages repeat or skip rows.
  qb.addSelect(`(${alias}.${sort.column})::text`, 'keyset_value')
    .orderBy(`${alias}.${sort.property}`, sort.direction)
    .addOrderBy(`${alias}.id`, sort.direction)
    .limit(limit + 1);
  const { entities, raw } = await qb.getRawAndEntities<{ keyset_value: string }>().catch((err: unknown) => {
    // A cursor is opaque but in the client's hands: an edited one whose values PostgreSQL cannot
    // read as the sort column or the id (a data exception, SQLSTATE class 22) is the client's error.
    if (cursor && pgErrorCode(err)?.startsWith('22')) throw invalidCursor();
    throw err;
  });
  const hasMore = entities.length > limit;
  const items = hasMore ? entities.slice(0, limit) : entities;
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor({ v: raw[items.length - 1].keyset_value, id: last.id }) : null,
  };
}

/** Parses `sort=name` / `sort=-createdAt` against an allow-list of sortable properties. */
export function parseSort<T>(sort: string | undefined, allowed: Record<string, string>, fallback: string): KeysetSort<T> {
  const raw = sort ?? fallback;
  const direction: SortDirection = raw.startsWith('-') ? 'DESC' : 'ASC';
  const property = raw.replace(/^-/, '');
  const column = allowed[property];
  if (!column) throw new Error(`unsortable property ${property}`);
  return { property: property as keyof T & string, column, direction };
}
