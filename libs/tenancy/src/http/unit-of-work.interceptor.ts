import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, Observable } from 'rxjs';
import { UnitOfWork } from '../context/unit-of-work';

/**
 * Finishes the request's unit of work: commit after the handler succeeds (before the
 * response is written, so the client never sees data that is not committed), rollback when it
 * throws. Requests that fail before reaching the handler are rolled back by the middleware
 * registered in TenancyModule when the response closes.
 */
@Injectable()
export class UnitOfWorkInterceptor implements NestInterceptor {
  constructor(private readonly work: UnitOfWork) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(
      (async () => {
        try {
          const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
          await this.work.commit();
          return result;
        } catch (err) {
          await this.work.rollback();
          throw err;
        }
      })(),
    );
  }
}
