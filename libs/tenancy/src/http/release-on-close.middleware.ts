import { Injectable, NestMiddleware } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { UnitOfWork } from '../context/unit-of-work';

/** Rolls back a unit of work still open when the response ends (errors raised in guards, aborted requests). */
@Injectable()
export class ReleaseOnCloseMiddleware implements NestMiddleware {
  constructor(private readonly work: UnitOfWork) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    // Bound to this request's async context: 'close' fires from another one.
    res.once(
      'close',
      AsyncResource.bind(() => {
        if (this.work.isOpen) void this.work.rollback();
      }),
    );
    next();
  }
}
