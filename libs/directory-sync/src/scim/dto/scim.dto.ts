import { ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from '../scim-resources';

/** The query of a SCIM resource read: which attributes to answer (RFC 7644 §3.4.2.5). */
export class ScimAttributesQueryDto {
  @ApiPropertyOptional({ description: 'Only these attributes (id and schemas always), e.g. `userName,active`' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  attributes?: string;

  @ApiPropertyOptional({ description: 'Every attribute but these, e.g. `emails`' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  excludedAttributes?: string;
}

/** The query of a SCIM list (RFC 7644 §3.4.2). */
export class ScimListQueryDto extends ScimAttributesQueryDto {
  @ApiPropertyOptional({ description: 'A SCIM filter (RFC 7644 §3.4.2.2), e.g. `userName eq "ada@example.com"`' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  filter?: string;

  @ApiPropertyOptional({ description: '1-based index of the first result (default 1)' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  startIndex?: string;

  @ApiPropertyOptional({ description: 'Results per page, at most 200 (0: only totalResults)' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  count?: string;

  @ApiPropertyOptional({ description: 'The attribute to sort by, e.g. `userName`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sortBy?: string;

  @ApiPropertyOptional({ enum: ['ascending', 'descending'] })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  sortOrder?: string;
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

const schemasAttribute = (urn: string): SchemaObject => ({ type: 'array', items: { type: 'string' }, example: [urn] });

/**
 * A resource as a request body: `id` and `meta` are read-only, their values ignored (RFC 7644
 * §3.5.1; the path names the resource), though they must have their types.
 */
function requestBody(
  description: string,
  urn: string,
  required: string[],
  attributes: Record<string, SchemaObject>,
): SchemaObject {
  return {
    type: 'object',
    description,
    required,
    properties: {
      schemas: schemasAttribute(urn),
      id: { type: 'string', readOnly: true, description: 'Read-only: ignored' },
      ...attributes,
      meta: { type: 'object', readOnly: true, additionalProperties: true, description: 'Read-only: ignored' },
    },
  };
}

/** A resource as answered: `schemas` and `id` always, the rest as `required` says. */
function answered(description: string, urn: string, required: string[], attributes: Record<string, SchemaObject>): SchemaObject {
  return {
    type: 'object',
    description,
    required: ['schemas', 'id', ...required],
    properties: {
      schemas: schemasAttribute(urn),
      id: { type: 'string', format: 'uuid', readOnly: true },
      ...attributes,
      meta: { ...meta, readOnly: true },
    },
  };
}

const userAttributes: Record<string, SchemaObject> = {
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
};

const USER = `A SCIM User (${USER_SCHEMA}, with ${ENTERPRISE_SCHEMA})`;

/** A User sent by the directory; attributes this service does not keep are accepted and ignored. */
export const SCIM_USER_SCHEMA: SchemaObject = {
  ...requestBody(`${USER}; other attributes are ignored`, USER_SCHEMA, ['userName'], userAttributes),
  additionalProperties: true,
};

/** A User as a write answers it: whole. */
export const SCIM_USER_RESOURCE: SchemaObject = answered(USER, USER_SCHEMA, ['userName', 'meta'], userAttributes);

/** A User as a read answers it: `attributes` / `excludedAttributes` choose all but `schemas` and `id` (RFC 7644 §3.9). */
export const SCIM_USER_READ: SchemaObject = answered(
  `${USER}: \`attributes\` and \`excludedAttributes\` choose which attributes but schemas and id`,
  USER_SCHEMA,
  [],
  userAttributes,
);

const groupAttributes = (members: SchemaObject): Record<string, SchemaObject> => ({
  externalId: { type: 'string' },
  displayName: { type: 'string', example: 'Engineering' },
  members: { type: 'array', items: members },
});

const GROUP = `A SCIM Group (${GROUP_SCHEMA}); mapped groups grant roles`;

/** A Group sent by the directory: attributes of other schemas than the Group's are refused unless URN-qualified. */
export const SCIM_GROUP_SCHEMA: SchemaObject = requestBody(
  `${GROUP}. Other attributes are refused, but for URN-qualified extension ones (ignored)`,
  GROUP_SCHEMA,
  ['displayName'],
  groupAttributes({
    type: 'object',
    required: ['value'],
    properties: { value: { type: 'string', format: 'uuid', description: 'The id of a SCIM User' }, display: { type: 'string' } },
  }),
);

const answeredMember: SchemaObject = {
  type: 'object',
  properties: {
    value: { type: 'string', format: 'uuid' },
    display: { type: 'string' },
    $ref: { type: 'string', description: 'The URL of the member' },
    type: { type: 'string', example: 'User' },
  },
};

/** A Group as a write answers it: whole. */
export const SCIM_GROUP_RESOURCE: SchemaObject = answered(
  GROUP,
  GROUP_SCHEMA,
  ['displayName', 'members', 'meta'],
  groupAttributes(answeredMember),
);

/** A Group as a read answers it: `attributes` / `excludedAttributes` choose all but `schemas` and `id` (RFC 7644 §3.9). */
export const SCIM_GROUP_READ: SchemaObject = answered(
  `${GROUP}: \`attributes\` and \`excludedAttributes\` choose which attributes but schemas and id`,
  GROUP_SCHEMA,
  [],
  groupAttributes(answeredMember),
);

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
