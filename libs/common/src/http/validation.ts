import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '../errors/domain-error';

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
