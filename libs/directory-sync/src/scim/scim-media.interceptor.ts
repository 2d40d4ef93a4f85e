import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { SCIM_MEDIA_TYPE } from './scim-error';

/** Answers SCIM routes as `application/scim+json` (RFC 7644 §3.1); clients may send either media type. */
@Injectable()
export class ScimMediaType implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = ctx.switchToHttp().getResponse<Response>();
    res.type(SCIM_MEDIA_TYPE);
    res.setHeader('Cache-Control', 'no-store');
    return next.handle();
  }
}
