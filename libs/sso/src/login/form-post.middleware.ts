import { Injectable, NestMiddleware } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';

type Parser = ReturnType<typeof urlencoded>;

function parseForm(parse: Parser, binding: string, req: Request, res: Response, next: NextFunction): void {
  if (!req.is('application/x-www-form-urlencoded')) {
    next(new DomainError('UNSUPPORTED_MEDIA_TYPE', `This route takes application/x-www-form-urlencoded (${binding})`));
    return;
  }
  parse(req, res, (err?: unknown) => next(err ? new DomainError('BAD_REQUEST', 'The form post could not be read') : undefined));
}

const oidcForm = urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });
// A signed SAML response carries certificates and, from ADFS or Entra ID, possibly many groups.
const samlForm = urlencoded({ extended: false, limit: '1mb', parameterLimit: 10 });

/**
 * The POST callback receives the identity provider's answer as an HTML form post
 * (`response_mode=form_post`): one of the two routes whose body is form-encoded rather than JSON.
 */
@Injectable()
export class FormPostMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    parseForm(oidcForm, 'form_post', req, res, next);
  }
}

/** The SAML Assertion Consumer Service receives responses through the HTTP-POST binding, form-encoded. */
@Injectable()
export class SamlFormPostMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    parseForm(samlForm, 'SAML HTTP-POST binding', req, res, next);
  }
}
