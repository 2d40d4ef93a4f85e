import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, TenantUserPrincipal } from '@stratum/common';
import { CurrentPrincipal } from '@stratum/identity';
import { NotWhileImpersonating, RequirePermissions } from '@stratum/rbac';
import { TenantScoped } from '@stratum/tenancy';
import { TenantUsageDto } from '../tenants/dto/tenant-stats.dto';
import {
  GrantSupportAccessDto,
  SupportAccessDto,
  SupportAccessWindowDto,
  TenantProfileDto,
  UpdateTenantProfileDto,
} from './tenant-profile.dto';
import { TenantProfileService } from './tenant-profile.service';

@ApiTags('Tenant')
@TenantScoped()
@Controller('tenant')
export class TenantProfileController {
  constructor(private readonly profile: TenantProfileService) {}

  @Get()
  @RequirePermissions('settings:read')
  @ApiOperation({
    summary: 'The tenant\u2019s profile and settings',
    description: 'Plan, features, effective limits and settings.',
  })
  @ApiOkResponse({ type: TenantProfileDto })
  get(): TenantProfileDto {
    return this.profile.profile();
  }

  @Patch()
  @NotWhileImpersonating()
  @Audited('tenant.settings.updated', { resource: 'tenant' })
  @RequirePermissions('settings:manage')
  @ApiOperation({
    summary: 'Change the tenant\u2019s settings',
    description: 'Merged into the current settings; plan, limits and name are changed by platform staff.',
  })
  @ApiOkResponse({ type: TenantProfileDto })
  @ApiErrors('FEATURE_NOT_IN_PLAN')
  update(@Body() dto: UpdateTenantProfileDto): Promise<TenantProfileDto> {
    return this.profile.updateSettings(dto);
  }

  @Get('usage')
  @RequirePermissions('tenant:read')
  @ApiOperation({
    summary: 'Usage against each plan limit',
    description: 'Seats, API calls today (UTC), webhook endpoints, audit history kept, storage.',
  })
  @ApiOkResponse({ type: TenantUsageDto })
  usage(): Promise<TenantUsageDto> {
    return this.profile.usage();
  }

  @Get('support-access')
  @RequirePermissions('settings:read')
  @ApiOperation({ summary: 'Support access policy and windows' })
  @ApiOkResponse({ type: SupportAccessDto })
  supportAccess(): Promise<SupportAccessDto> {
    return this.profile.supportAccess();
  }

  @Post('support-access')
  @NotWhileImpersonating()
  @Audited('support_access.granted', { resource: 'support_access_window' })
  @RequirePermissions('settings:manage')
  @ApiOperation({
    summary: 'Let platform support act as users until a time',
    description:
      'For the `consent` policy: platform staff may impersonate users of this tenant until `expiresAt` (at most 30 days). Replaces an open window.',
  })
  @ApiCreatedResponse({ type: SupportAccessWindowDto })
  @ApiErrors('INVALID_STATE')
  grant(
    @CurrentPrincipal('tenant_user') me: TenantUserPrincipal,
    @Body() dto: GrantSupportAccessDto,
  ): Promise<SupportAccessWindowDto> {
    return this.profile.grantSupportAccess(me.userId, dto.expiresAt);
  }

  @Delete('support-access')
  @NotWhileImpersonating()
  @Audited('support_access.revoked', { resource: 'support_access_window' })
  @RequirePermissions('settings:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close the open support access window now' })
  @ApiNoContentResponse()
  async revoke(@CurrentPrincipal('tenant_user') me: TenantUserPrincipal): Promise<void> {
    await this.profile.revokeSupportAccess(me.userId);
  }
}
