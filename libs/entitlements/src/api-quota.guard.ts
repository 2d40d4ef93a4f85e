import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { CTX_PRINCIPAL, Principal } from '@stratum/common';
import { TenantContext } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { PlanEnforcer } from './plan-enforcer.service';
import { TenantUsage } from './tenant-usage.service';

/**
 * Counts every authenticated request of a tenant against its daily API-call quota; one over
 * the plan's `apiCallsPerDay` is PLAN_LIMIT until the next UTC day.
 */
@Injectable()
export class ApiQuotaGuard implements CanActivate {
  constructor(
    private readonly usage: TenantUsage,
    private readonly plans: PlanEnforcer,
    private readonly context: TenantContext,
    private readonly cls: ClsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const tenant = this.context.find();
    if (!tenant || !this.cls.get<Principal | undefined>(CTX_PRINCIPAL)) return true;
    const count = await this.usage.countCall(tenant.id);
    this.plans.requireWithin('apiCallsPerDay', count - 1, 1, tenant);
    return true;
  }
}
