import { ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from '../scim-resources';

/** The query of a SCIM list (RFC 7644 §3.4.2). */
export class ScimListQueryDto {
  @ApiPropertyOptional({ example: 'userName eq "ada@example.com"', description: 'A SCIM filter (RFC 7644 §3.4.2.2)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  filter?: string;

  @ApiPropertyOptional({ example: '1', description: '1-based index of the first result' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  startIndex?: string;

  @ApiPropertyOptional({ example: '100', description: 'Results per page, at most 200 (0: only totalResults)' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  count?: string;

  @ApiPropertyOptional({ example: 'userName' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sortBy?: string;

  @ApiPropertyOptional({ enum: ['ascending', 'descending'] })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  sortOrder?: string;

  @ApiPropertyOptional({ example: 'userName,active', description: 'Only these attributes (id and schemas always)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  attributes?: string;

  @ApiPropertyOptional({ example: 'emails', description: 'Every attribute but these' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  excludedAttributes?: string;
}

const meta: SchemaObject = {
  type: 'object',
  properties: {
    resourceType: { type: 'string' },
    created: { type: 'string', format: 'date-time' },
    lastModified: { type: 'string', format: 'date-time' },
    location: { type: 'string' },
    version: { type: 'string', example: 'W/"1796590000123456"', description: 'The ETag; send it as If-Match' },
  },
};

export const SCIM_USER_SCHEMA: SchemaObject = {
  type: 'object',
  description: `A SCIM User (${USER_SCHEMA}, with ${ENTERPRISE_SCHEMA})`,
  required: ['userName'],
  properties: {
    schemas: { type: 'array', items: { type: 'string' }, example: [USER_SCHEMA] },
    id: { type: 'string', format: 'uuid', readOnly: true },
    externalId: { type: 'string' },
    userName: { type: 'string', example: 'ada@example.com', description: 'The email; unique per tenant, case-insensitive' },
    name: {
      type: 'object',
      properties: { givenName: { type: 'string' }, familyName: { type: 'string' }, formatted: { type: 'string' } },
    },
    displayName: { type: 'string' },
    emails: {
      type: 'array',
      items: {
        type: 'object',
        properties: { value: { type: 'string' }, type: { type: 'string' }, primary: { type: 'boolean' } },
      },
    },
    active: { type: 'boolean' },
    [ENTERPRISE_SCHEMA]: {
      type: 'object',
      properties: {
        employeeNumber: { type: 'string' },
        department: { type: 'string' },
        manager: { type: 'object', properties: { value: { type: 'string' } } },
      },
    },
    meta: { ...meta, readOnly: true },
  },
  additionalProperties: true,
};

export const SCIM_GROUP_SCHEMA: SchemaObject = {
  type: 'object',
  description: `A SCIM Group (${GROUP_SCHEMA}); mapped groups grant roles`,
  required: ['displayName'],
  properties: {
    schemas: { type: 'array', items: { type: 'string' }, example: [GROUP_SCHEMA] },
    id: { type: 'string', format: 'uuid', readOnly: true },
    externalId: { type: 'string' },
    displayName: { type: 'string', example: 'Engineering' },
    members: {
      type: 'array',
      items: { type: 'object', properties: { value: { type: 'string', format: 'uuid' }, display: { type: 'string' } } },
    },
    meta: { ...meta, readOnly: true },
  },
  additionalProperties: true,
};

export const SCIM_PATCH_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'A SCIM PATCH request (RFC 7644 §3.5.2)',
  required: ['schemas', 'Operations'],
  properties: {
    schemas: { type: 'array', items: { type: 'string' }, example: [PATCH_SCHEMA] },
    Operations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['op'],
        properties: {
          op: { type: 'string', example: 'replace', description: 'add, replace or remove (any case)' },
          path: { type: 'string', example: 'emails[type eq "work"].value' },
          value: {},
        },
      },
    },
  },
};

export const scimList = (item: SchemaObject): SchemaObject => ({
  type: 'object',
  description: `A ListResponse (${LIST_SCHEMA})`,
  properties: {
    schemas: { type: 'array', items: { type: 'string' }, example: [LIST_SCHEMA] },
    totalResults: { type: 'integer' },
    startIndex: { type: 'integer' },
    itemsPerPage: { type: 'integer' },
    Resources: { type: 'array', items: item },
  },
});

export const SCIM_ANY_SCHEMA: SchemaObject = { type: 'object', additionalProperties: true };
