import type { Type } from '@nestjs/common';
import { getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A property that is either the given object or `null`. In OpenAPI 3.0 `nullable` only widens a
 * `type` of the same schema, so `nullable` beside an `allOf` reference still refuses `null` in
 * strict validators: the `null` is offered as an alternative of its own instead.
 */
export function nullableObject(type: Type, description?: string): ApiPropertyOptions {
  return {
    oneOf: [{ $ref: getSchemaPath(type) }, { type: 'object', nullable: true, enum: [null] }],
    ...(description ? { description } : {}),
  } as ApiPropertyOptions;
}
