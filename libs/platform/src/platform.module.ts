import { Module } from '@nestjs/common';
import { TenantPurgeService } from './tenants/tenant-purge.service';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';

@Module({
  controllers: [TenantsController],
  providers: [TenantsService, TenantPurgeService],
  exports: [TenantsService, TenantPurgeService],
})
export class PlatformModule {}
