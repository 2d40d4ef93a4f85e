import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** Validates a uuid path parameter; a malformed one is a VALIDATION_FAILED naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainError('VALIDATION_FAILED', `${name} must be a UUID`, {}, [{ field: name, message: `${name} must be a UUID` }]),
  });
}
