import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext } from '@stratum/tenancy';
import type { Feature } from './plans';
import { PlanEnforcer } from './plan-enforcer.service';
import { REQUIRED_FEATURE } from './require-feature.decorator';

/** Checks @RequireFeature against the tenant in context (runs after tenant resolution). */
@Injectable()
export class PlanFeatureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly plans: PlanEnforcer,
    private readonly context: TenantContext,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const feature = this.reflector.getAllAndOverride<Feature | undefined>(REQUIRED_FEATURE, [ctx.getHandler(), ctx.getClass()]);
    if (!feature) return true;
    this.plans.requireFeature(feature, this.context.get());
    return true;
  }
}
