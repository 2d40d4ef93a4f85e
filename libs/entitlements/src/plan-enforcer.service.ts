import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { TenantContext } from '@stratum/tenancy';
import { LIMIT_KEYS, LimitKey, Tenant } from '@stratum/tenancy';
import { Feature, PLAN_CATALOGUE } from './plans';

/**
 * The one place plan limits and features are enforced: over a limit is PLAN_LIMIT, a missing
 * feature FEATURE_NOT_IN_PLAN, both naming what was hit.
 */
@Injectable()
export class PlanEnforcer {
  constructor(private readonly context: TenantContext) {}

  limits(tenant: Tenant = this.context.get()): Record<LimitKey, number> {
    const base = PLAN_CATALOGUE[tenant.plan].limits;
    const limits = { ...base };
    for (const key of LIMIT_KEYS) {
      const override = tenant.limitOverrides?.[key];
      if (typeof override === 'number') limits[key] = override;
    }
    return limits;
  }

  features(tenant: Tenant = this.context.get()): readonly Feature[] {
    return PLAN_CATALOGUE[tenant.plan].features;
  }

  hasFeature(feature: Feature, tenant: Tenant = this.context.get()): boolean {
    return this.features(tenant).includes(feature);
  }

  requireFeature(feature: Feature, tenant: Tenant = this.context.get()): void {
    if (!this.hasFeature(feature, tenant)) {
      throw new DomainError('FEATURE_NOT_IN_PLAN', `The ${tenant.plan} plan does not include ${feature}`, {
        feature,
        plan: tenant.plan,
      });
    }
  }

  /** Refuses when `current + adding` would exceed the limit. */
  requireWithin(limit: LimitKey, current: number, adding = 1, tenant: Tenant = this.context.get()): void {
    const max = this.limits(tenant)[limit];
    if (current + adding > max) {
      throw new DomainError('PLAN_LIMIT', `The ${tenant.plan} plan allows ${max} ${limit}; this would make ${current + adding}`, {
        limit,
        max,
        current,
        plan: tenant.plan,
      });
    }
  }
}
