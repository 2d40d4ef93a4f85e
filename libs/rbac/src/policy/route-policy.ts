import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { POLICY, RoutePolicy } from './policy.decorators';

/** The policy of the route being called; the handler's own wins over its controller's. */
export function routePolicy(reflector: Reflector, ctx: ExecutionContext): RoutePolicy | undefined {
  return reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY, [ctx.getHandler(), ctx.getClass()]);
}
