import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImpersonationController } from './impersonation/impersonation.controller';
import { Impersonation } from './impersonation/impersonation.entity';
import { ImpersonationService } from './impersonation/impersonation.service';
import { PlatformStaffController } from './staff/platform-staff.controller';
import { PlatformStaffService } from './staff/platform-staff.service';
import { TenantProfileController } from './tenant-profile/tenant-profile.controller';
import { TenantProfileService } from './tenant-profile/tenant-profile.service';
import { TenantMetrics } from './tenants/tenant-metrics.service';
import { TenantPurgeService } from './tenants/tenant-purge.service';
import { DashboardController, TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Impersonation])],
  controllers: [
    TenantsController,
    DashboardController,
    PlatformStaffController,
    ImpersonationController,
    TenantProfileController,
  ],
  providers: [
    TenantsService,
    TenantPurgeService,
    TenantMetrics,
    PlatformStaffService,
    ImpersonationService,
    TenantProfileService,
  ],
  exports: [TenantsService, TenantPurgeService],
})
export class PlatformModule {}
