import { Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import { ACCOUNT_PAGE_HEADERS } from './account-page';

const form = urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

/** The account pages' own headers, and their forms' bodies (form-encoded, as browsers post them). */
@Injectable()
export class AccountPageMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    for (const [name, value] of Object.entries(ACCOUNT_PAGE_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'POST') return next();
    if (!req.is('application/x-www-form-urlencoded')) {
      return next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This page takes its own form (application/x-www-form-urlencoded)'));
    }
    form(req, res, (err?: unknown) => next(err ? new DomainError('BAD_REQUEST', 'The form could not be read') : undefined));
  }
}
