import { Injectable } from '@nestjs/common';
import { CTX_PRINCIPAL, DirectoryPrincipal, DomainError, Principal } from '@stratum/common';
import { AppConfig } from '@stratum/config';
import { ClsService } from 'nestjs-cls';
import { SCIM_PATH } from '../tokens/directory-tokens.service';
import { scimError } from './scim-error';
import { filterToSql, FilterSchema, parseFilter, sortColumn } from './scim-filter';
import { DEFAULT_PAGE, MAX_PAGE } from './scim-resources';
import type { ListQuery } from './directory.repository';

/** The query of a SCIM list request (RFC 7644 §3.4.2). */
export interface ScimListParams {
  filter?: string;
  startIndex?: string;
  count?: string;
  sortBy?: string;
  sortOrder?: string;
  attributes?: string;
  excludedAttributes?: string;
}

const integer = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw scimError('VALIDATION_FAILED', 'startIndex and count must be integers', 'invalidValue');
  return n;
};

/** What every SCIM request needs: the calling directory, the base URL, versions and list paging. */
@Injectable()
export class ScimContext {
  constructor(
    private readonly cls: ClsService,
    private readonly config: AppConfig,
  ) {}

  get baseUrl(): string {
    return `${this.config.PUBLIC_API_URL}/${SCIM_PATH}`;
  }

  directory(): DirectoryPrincipal {
    const principal = this.cls.get<Principal | undefined>(CTX_PRINCIPAL);
    if (principal?.kind !== 'directory' || !principal.createdBy) throw new DomainError('UNAUTHENTICATED');
    return principal;
  }

  /** `If-Match` (RFC 7232) against the current `meta.version`: 412 when it names another. */
  checkVersion(ifMatch: string | undefined, current: string): void {
    if (!ifMatch) return;
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (tags.includes('*') || tags.some((t) => t.replace(/^W\//, '') === `"${current}"`)) return;
    throw new DomainError('PRECONDITION_FAILED', `The resource is at version W/"${current}", not ${ifMatch}`);
  }

  /** Filter, sort and page of a list request; `count` is capped at MAX_PAGE, `startIndex` below 1 is 1. */
  listQuery(params: ScimListParams, schema: FilterSchema): ListQuery & { startIndex: number } {
    const startIndex = Math.max(1, integer(params.startIndex, 1));
    const count = Math.min(MAX_PAGE, Math.max(0, integer(params.count, DEFAULT_PAGE)));
    const order = params.sortOrder?.toLowerCase();
    if (order && order !== 'ascending' && order !== 'descending') {
      throw scimError('VALIDATION_FAILED', 'sortOrder is ascending or descending', 'invalidValue');
    }
    return {
      filter: params.filter ? filterToSql(parseFilter(params.filter), schema) : null,
      sort: params.sortBy ? sortColumn(params.sortBy, schema).sql : null,
      descending: order === 'descending',
      offset: startIndex - 1,
      limit: count,
      startIndex,
    };
  }
}
