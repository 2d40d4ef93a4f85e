import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { from, lastValueFrom, Observable } from 'rxjs';
import { CHANGES_AUTHORITY } from '../policy/policy.decorators';
import { CTX_AUTHORITY_CHECKED } from './authority.service';

/**
 * Fails closed: a route marked `@ChangesAuthority()` whose handler finished without passing the
 * AuthorityService's dominance check answers 500 and its unit of work rolls back, so a change of
 * who may do what can never commit unchecked.
 */
@Injectable()
export class ChangesAuthorityInterceptor implements NestInterceptor {
  private readonly logger = new Logger(ChangesAuthorityInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const marked = this.reflector.getAllAndOverride<boolean>(CHANGES_AUTHORITY, [ctx.getHandler(), ctx.getClass()]);
    if (!marked) return next.handle();
    return from(
      (async () => {
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        if (!this.cls.get<boolean>(CTX_AUTHORITY_CHECKED)) {
          const route = `${ctx.getClass().name}.${ctx.getHandler().name}`;
          this.logger.error(`${route} changes authority but made no dominance check; refused and rolled back`);
          throw new Error(`${route} changed authority without a dominance check`);
        }
        return result;
      })(),
    );
  }
}
