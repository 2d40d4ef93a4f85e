import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '../errors/domain-error';

/** Where @nestjs/swagger keeps each property's documented shape (`nullable`, `type`). */
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
const REQUIRE_ANY_FIELD = 'stratum:requireAnyField';

/** Dates a request may carry: from the Unix epoch to the end of year 9999. */
export const EARLIEST_DATE = Date.UTC(1970, 0, 1);
export const LATEST_DATE = Date.UTC(10000, 0, 1) - 1;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A change request (PATCH body) must name at least one field: an empty one is refused with 400. */
export const RequireAnyField = (): ClassDecorator => (target) => Reflect.defineMetadata(REQUIRE_ANY_FIELD, true, target);

interface DocumentedProperty {
  nullable?: boolean;
  type?: unknown;
}

const documented = (cls: Type, key: string): DocumentedProperty | undefined =>
  Reflect.getMetadata(SWAGGER_PROPERTY, cls.prototype, key) as DocumentedProperty | undefined;

const hasDocumentedProperties = (cls: Type): boolean =>
  (Reflect.getMetadata('swagger/apiModelPropertiesArray', cls.prototype) as unknown[] | undefined)?.length !== undefined;

const isDto = (t: unknown): t is Type =>
  typeof t === 'function' && t !== Date && t !== String && t !== Number && t !== Boolean && t !== Object && t !== Array;

/**
 * What the document says a field cannot be, checked on the raw input: `null` where the field is
 * not nullable (optional means "may be left out", not "may be null"), and a date that is not an
 * ISO 8601 string between 1970 and 9999 (a number would otherwise become a date in 1970).
 */
export function undocumentedInput(cls: Type, value: unknown, root = ''): FieldError | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const [key, raw] of Object.entries(value)) {
    const prop = documented(cls, key);
    if (!prop) continue;
    const field = root ? `${root}.${key}` : key;
    const designType = Reflect.getMetadata('design:type', cls.prototype, key);
    if (raw === null) {
      if (!prop.nullable) return { field, message: `${field} must not be null` };
      continue;
    }
    if (prop.type === Date || designType === Date) {
      for (const item of Array.isArray(raw) ? raw : [raw]) {
        const at = typeof item === 'string' && ISO_DATE.test(item) ? Date.parse(item) : NaN;
        if (Number.isNaN(at)) return { field, message: `${field} must be an ISO 8601 date-time string` };
        if (at < EARLIEST_DATE || at > LATEST_DATE) return { field, message: `${field} must be between 1970 and 9999` };
      }
      continue;
    }
    const nested = [prop.type, designType].find((t): t is Type => isDto(t) && hasDocumentedProperties(t));
    if (nested && typeof raw === 'object') {
      for (const [i, item] of (Array.isArray(raw) ? raw : [raw]).entries()) {
        const problem = undocumentedInput(nested, item, Array.isArray(raw) ? `${field}.${i}` : field);
        if (problem) return problem;
      }
    }
  }
  return null;
}

/** Deepest nesting of objects and arrays a request may send; no DTO comes close. */
export const MAX_INPUT_DEPTH = 32;

/** An unpaired UTF-16 surrogate: JSON can carry one (`"\\ud800"`), PostgreSQL text and jsonb cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * What no DTO can accept, found before validation: text PostgreSQL cannot store (a NUL
 * character or an unpaired surrogate, in a value or a key), or nesting deeper than
 * MAX_INPUT_DEPTH (the transformer and validator recurse, and would exhaust the stack). Walks
 * iteratively for the same reason.
 */
export function unacceptableInput(value: unknown, root: string): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof v === 'string') {
      if (unstorable(v)) return { field, message: `${field} must be text without NUL characters or unpaired surrogates` };
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { field, message: `${field} is nested too deeply` };
    for (const [key, child] of Object.entries(v)) {
      if (unstorable(key)) return { field, message: `${field} has a key with a NUL character or an unpaired surrogate` };
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

/** The global ValidationPipe, refusing unacceptable input (see `unacceptableInput`) first. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = unacceptableInput(value, metadata.data ?? '');
      if (problem) throw new DomainError('VALIDATION_FAILED', problem.message, {}, [problem]);
    }
    const dto = metadata.metatype;
    if ((metadata.type === 'body' || metadata.type === 'query') && isDto(dto) && !metadata.data) {
      const problem = undocumentedInput(dto, value);
      if (problem) throw new DomainError('VALIDATION_FAILED', problem.message, {}, [problem]);
      if (metadata.type === 'body' && Reflect.getMetadata(REQUIRE_ANY_FIELD, dto)) {
        if (!value || typeof value !== 'object' || !Object.keys(value).length) {
          throw new DomainError('VALIDATION_FAILED', 'Send at least one field to change', {}, [
            { field: 'body', message: 'send at least one field to change' },
          ]);
        }
      }
    }
    return super.transform(value, metadata);
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message:
        message.startsWith('property ') && message.endsWith(' should not exist') ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Strict validation: unknown fields are refused, types converted, every problem listed by field. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new DomainError('VALIDATION_FAILED', fields.map((f) => f.message).join('; ') || 'Invalid request', {}, fields);
    },
  });
}
