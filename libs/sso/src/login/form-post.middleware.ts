import { Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';

const parse = urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });

/**
 * The POST callback receives the identity provider's answer as an HTML form post
 * (`response_mode=form_post`): the one route whose body is form-encoded rather than JSON.
 */
@Injectable()
export class FormPostMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (!req.is('application/x-www-form-urlencoded')) {
      next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'The callback takes application/x-www-form-urlencoded (form_post)'));
      return;
    }
    parse(req, res, (err?: unknown) => next(err ? new DomainError('BAD_REQUEST', 'The form post could not be read') : undefined));
  }
}
