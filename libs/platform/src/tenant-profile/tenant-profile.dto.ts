import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { PLANS, TENANT_STATUSES, type PlanKey, type TenantStatus } from '@stratum/tenancy';
import { Type } from 'class-transformer';
import { IsDate, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { PlanLimitsDto, TenantSettingsDto } from '../tenants/dto/tenant.dto';
import { nullableObject, RequireAnyField } from '@stratum/common';

export class TenantProfileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'acme' }) slug: string;
  @ApiProperty({ example: 'Acme Corp' }) name: string;
  @ApiProperty({ enum: TENANT_STATUSES }) status: TenantStatus;
  @ApiProperty({ enum: PLANS }) plan: PlanKey;
  @ApiProperty({ type: [String], example: ['webhooks', 'custom_roles'] }) features: string[];
  @ApiProperty({ type: PlanLimitsDto, description: 'Effective limits (plan with overrides)' })
  limits: PlanLimitsDto;
  @ApiProperty({ type: TenantSettingsDto }) settings: TenantSettingsDto;
  @ApiProperty() createdAt: Date;
}

@RequireAnyField()
export class UpdateTenantProfileDto {
  @ApiProperty({
    type: TenantSettingsDto,
    description:
      'Merged into the current settings. `ssoEnforced` needs the `sso` feature, `ipAllowlist` the `ip_allowlist` feature.',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantSettingsDto)
  settings: TenantSettingsDto;
}

export class GrantSupportAccessDto {
  @ApiProperty({
    example: '2026-12-01T18:00:00Z',
    description: 'Until when platform support may act as users of this tenant (at most 30 days ahead)',
  })
  @Type(() => Date)
  @IsDate()
  expiresAt: Date;
}

export class SupportAccessWindowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The tenant user who granted it' })
  grantedBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @ApiProperty({ description: 'Open now: not revoked and not expired' }) active: boolean;
}

@ApiExtraModels(SupportAccessWindowDto)
export class SupportAccessDto {
  @ApiProperty({ enum: ['always', 'consent', 'never'], description: 'The tenant\u2019s supportAccess setting' })
  policy: 'always' | 'consent' | 'never';
  @ApiProperty(nullableObject(SupportAccessWindowDto, 'The open window, if any'))
  current: SupportAccessWindowDto | null;
  @ApiProperty({ type: [SupportAccessWindowDto], description: 'The last 20 windows, newest first' })
  windows: SupportAccessWindowDto[];
}
