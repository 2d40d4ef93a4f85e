import { Global, Module } from '@nestjs/common';
import { ApiQuotaGuard } from './api-quota.guard';
import { PlanEnforcer } from './plan-enforcer.service';
import { PlanFeatureGuard } from './plan-feature.guard';
import { TenantUsage } from './tenant-usage.service';

const providers = [PlanEnforcer, PlanFeatureGuard, TenantUsage, ApiQuotaGuard];

/**
 * What a tenant's plan entitles it to: features, limits and the monthly API quota. Global
 * because every feature that creates something checks a limit; the app registers
 * PlanFeatureGuard and ApiQuotaGuard as global guards.
 */
@Global()
@Module({ providers, exports: providers })
export class EntitlementsModule {}
