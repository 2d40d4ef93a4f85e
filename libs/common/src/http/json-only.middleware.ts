import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';

/**
 * Refuses request bodies that are not JSON. Without it a form-encoded or text body would be
 * silently ignored and the request validated as if it were empty.
 */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json') && !req.is('application/*+json')) {
      next(
        new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Type ${req.headers['content-type'] ?? '(none)'} is not supported; send application/json`,
        ),
      );
      return;
    }
    next();
  }
}
