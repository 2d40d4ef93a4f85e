import { DomainError } from '@stratum/common';
import { Filter, parse } from 'scim2-parse-filter';
import { scimError } from './scim-error';

/** How an attribute is compared: case-insensitive text (RFC 7643 caseExact false), exact text, boolean, timestamp. */
export type ColumnKind = 'text' | 'exact' | 'boolean' | 'date';

export interface Column {
  sql: string;
  kind: ColumnKind;
}

/** A multi-valued attribute: its elements as a FROM item (alias `e`) and their sub-attributes. */
export interface MultiValued {
  from: string;
  /** What ties an element to the resource, when `from` does not. */
  where?: string;
  sub: Record<string, Column>;
}

/** The attributes a resource type can be filtered and sorted on, by lower-cased path. */
export interface FilterSchema {
  columns: Record<string, Column>;
  multi: Record<string, MultiValued>;
  /** Schema URNs whose attributes may be named with the URN as a prefix. */
  urns: string[];
}

/** SQL of a filter (RFC 7644 §3.4.2.2) with its parameters numbered from `$<first>`. */
export interface SqlFilter {
  where: string;
  params: unknown[];
}

const LIKE_ESCAPE = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Parses a SCIM filter with scim2-parse-filter; a malformed one is 400 `invalidFilter`. */
export function parseFilter(text: string): Filter {
  try {
    return parse(text);
  } catch (err) {
    throw scimError('VALIDATION_FAILED', `The filter is not valid SCIM: ${(err as Error).message}`, 'invalidFilter');
  }
}

/** The attribute path without a schema URN prefix, lower-cased (`name.givenname`). */
export function attributePath(path: string, urns: string[]): string {
  const lower = path.toLowerCase();
  for (const urn of urns) {
    const prefix = `${urn.toLowerCase()}:`;
    if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  }
  return lower;
}

/**
 * Translates a parsed filter into a WHERE clause over the columns a schema names, so listing
 * pages in SQL and `totalResults` is an exact count. Unknown attributes are `invalidFilter`.
 */
export function filterToSql(filter: Filter, schema: FilterSchema, firstParam = 1): SqlFilter {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const invalid = (detail: string): DomainError => scimError('VALIDATION_FAILED', detail, 'invalidFilter');

  const compare = (column: Column, op: string, value: unknown): string => {
    if (op === 'pr')
      return column.kind === 'text' || column.kind === 'exact'
        ? `nullif(${column.sql}, '') IS NOT NULL`
        : `${column.sql} IS NOT NULL`;
    if (value === null) {
      if (op === 'eq') return `${column.sql} IS NULL`;
      if (op === 'ne') return `${column.sql} IS NOT NULL`;
      throw invalid(`${op} cannot compare with null`);
    }
    if (column.kind === 'boolean') {
      if (typeof value !== 'boolean' || (op !== 'eq' && op !== 'ne'))
        throw invalid('A boolean attribute takes eq or ne with true or false');
      return op === 'eq' ? `${column.sql} = ${param(value)}::boolean` : `${column.sql} IS DISTINCT FROM ${param(value)}::boolean`;
    }
    if (column.kind === 'date') {
      const when = typeof value === 'string' ? new Date(value) : null;
      if (!when || Number.isNaN(when.getTime())) throw invalid('A date attribute compares with an RFC 3339 date-time string');
      const ops: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
      if (!ops[op]) throw invalid(`${op} does not apply to a date`);
      return `${column.sql} ${ops[op]} ${param(when.toISOString())}::timestamptz`;
    }
    const text = String(value);
    const exact = column.kind === 'exact';
    const col = exact ? column.sql : `lower(${column.sql})`;
    const val = (v: string) => (exact ? param(v) : `lower(${param(v)})`);
    switch (op) {
      case 'eq':
        return `${col} = ${val(text)}`;
      case 'ne':
        return `(${column.sql} IS NULL OR ${col} <> ${val(text)})`;
      case 'co':
        return `${col} LIKE ${val(`%${LIKE_ESCAPE(text)}%`)}`;
      case 'sw':
        return `${col} LIKE ${val(`${LIKE_ESCAPE(text)}%`)}`;
      case 'ew':
        return `${col} LIKE ${val(`%${LIKE_ESCAPE(text)}`)}`;
      case 'gt':
        return `${col} > ${val(text)}`;
      case 'ge':
        return `${col} >= ${val(text)}`;
      case 'lt':
        return `${col} < ${val(text)}`;
      case 'le':
        return `${col} <= ${val(text)}`;
      default:
        throw invalid(`Unknown operator ${op}`);
    }
  };

  const within = (multi: MultiValued, condition: string) =>
    `EXISTS (SELECT 1 FROM ${multi.from} WHERE ${multi.where ? `${multi.where} AND ` : ''}(${condition}))`;

  const translate = (f: Filter, scope?: MultiValued): string => {
    switch (f.op) {
      case 'and':
      case 'or':
        return `(${f.filters.map((x) => translate(x, scope)).join(f.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `NOT coalesce(${translate(f.filter, scope)}, false)`;
      case '[]': {
        const multi = schema.multi[attributePath(f.attrPath, schema.urns)];
        if (!multi || scope) throw invalid(`${f.attrPath} is not a multi-valued attribute that can be filtered`);
        return within(multi, translate(f.valFilter, multi));
      }
      default: {
        const path = attributePath(f.attrPath, schema.urns);
        const value = f.op === 'pr' ? undefined : f.compValue;
        if (scope) {
          const column = scope.sub[path];
          if (!column) throw invalid(`Unknown sub-attribute ${f.attrPath}`);
          return compare(column, f.op, value);
        }
        const column = schema.columns[path];
        if (column) return compare(column, f.op, value);
        // `emails.value eq "…"`, or `emails eq "…"` (its `value`): any element matches.
        const [head, sub = 'value'] = path.split(/\.(.*)/s);
        const multi = schema.multi[head];
        const subColumn = multi?.sub[sub];
        if (multi && subColumn) return within(multi, compare(subColumn, f.op, value));
        throw invalid(`Unknown or unfilterable attribute ${f.attrPath}`);
      }
    }
  };

  return { where: translate(filter), params };
}

/** The column to sort on (`sortBy`), or an `invalidValue` error for an unknown attribute. */
export function sortColumn(sortBy: string, schema: FilterSchema): Column {
  const column = schema.columns[attributePath(sortBy, schema.urns)];
  if (!column) throw scimError('VALIDATION_FAILED', `Cannot sort by ${sortBy}`, 'invalidValue');
  return column;
}
