import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditedRoute, AUDITED } from '@stratum/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { CTX_ROUTE_PARAMS } from './audit-writer.service';
import { CTX_AUDIT_ROUTE, RouteInfo } from './audited-request';

/** Runs first on every route: remembers which audit action (if any) the route declares. */
@Injectable()
export class AuditRouteGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http' || !this.cls.isActive()) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const audited = this.reflector.getAllAndOverride<AuditedRoute | undefined>(AUDITED, [ctx.getHandler(), ctx.getClass()]);
    this.cls.set(CTX_AUDIT_ROUTE, {
      audited,
      method: req.method,
      path: req.path,
      platform: req.path.startsWith('/api/v1/platform/'),
    } satisfies RouteInfo);
    this.cls.set(CTX_ROUTE_PARAMS, req.params);
    return true;
  }
}
