import { DomainError } from '@stratum/common';
import { describe, expect, it } from 'vitest';
import { filterToSql, parseFilter } from './scim-filter';
import { USER_FILTER } from './scim-resources';

const sql = (filter: string) => filterToSql(parseFilter(filter), USER_FILTER);

describe('SCIM filter to SQL', () => {
  it('compares case-insensitively where RFC 7643 says caseExact is false, exactly where it is true', () => {
    expect(sql('userName eq "Ada@Example.com"')).toEqual({
      where: 'lower(r."userName") = lower($1)',
      params: ['Ada@Example.com'],
    });
    expect(sql('externalId eq "X1"')).toEqual({ where: 'r."externalId" = $1', params: ['X1'] });
  });

  it('escapes LIKE wildcards in co, sw and ew', () => {
    expect(sql('userName co "50%_off"').params).toEqual(['%50\\%\\_off%']);
    expect(sql('userName sw "a"').params).toEqual(['a%']);
    expect(sql('userName ew "@x.org"').params).toEqual(['%@x.org']);
  });

  it('combines and / or / not with parentheses, numbering parameters in order', () => {
    expect(sql('not (active eq false) and (name.givenName eq "a" or name.familyName pr)')).toEqual({
      where: `(NOT coalesce((r."status" <> 'deactivated') = $1::boolean, false) AND (lower(r."givenName") = lower($2) OR nullif(r."familyName", '') IS NOT NULL))`,
      params: [false, 'a'],
    });
  });

  it('filters multi-valued attributes through their elements, and URN-qualified attributes', () => {
    expect(sql('emails[type eq "work" and value ew "@x.org"]').where).toBe(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(r."emails") e WHERE ((lower((e->>'type')) = lower($1) AND lower((e->>'value')) LIKE lower($2))))`,
    );
    expect(sql('emails.value eq "a@x.org"').where).toContain('jsonb_array_elements');
    expect(sql('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Eng"').where).toBe(
      'lower(r."department") = lower($1)',
    );
  });

  it('compares dates as timestamps and refuses what is not one', () => {
    expect(sql('meta.lastModified ge "2026-01-01T00:00:00Z"')).toEqual({
      where: 'r."lastModified" >= $1::timestamptz',
      params: ['2026-01-01T00:00:00.000Z'],
    });
    for (const bad of ['meta.created gt "soon"', 'meta.created co "2026"', 'active gt true', 'nosuch eq "x"', 'userName eq']) {
      expect(() => sql(bad), bad).toThrow(DomainError);
    }
  });
});
