import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METERED_LIMIT_KEYS, PLANS, TENANT_STATUSES, type PlanKey } from '@stratum/tenancy';
import { PlanLimitsDto } from './tenant.dto';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class UserCountsDto {
  @ApiProperty({ type: 'integer', example: 12 }) total: number;
  @ApiProperty({ type: 'integer', example: 10 }) active: number;
  @ApiProperty({ type: 'integer', example: 1 }) invited: number;
  @ApiProperty({ type: 'integer', example: 1 }) deactivated: number;
}

export class TenantStatsDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ enum: PLANS }) plan: PlanKey;
  @ApiProperty({ type: UserCountsDto }) users: UserCountsDto;
  @ApiProperty({ type: 'integer', example: 7, description: 'Users who signed in during the last 30 days' })
  activeUsers30d: number;
  @ApiProperty({ type: 'integer', example: 4 }) projects: number;
  @ApiProperty({ type: 'integer', example: 31 }) documents: number;
  @ApiProperty({ type: 'integer', example: 1520, description: 'API calls counted today (UTC)' }) apiCallsToday: number;
  @ApiProperty({ type: 'integer', example: 1843200, description: 'Size of the tenant\u2019s schema on disk, in bytes' })
  storageBytes: number;
  @ApiProperty({ example: 1.76, description: 'The same in MB, to two decimals' }) storageMb: number;
  @ApiProperty({ type: 'integer', example: 2 }) webhookEndpoints: number;
  @ApiProperty({ nullable: true, type: Date, description: 'Latest sign-in or audited action' }) lastActivityAt: Date | null;
  @ApiProperty({ type: PlanLimitsDto, description: 'Effective limits (plan with overrides)' })
  limits: PlanLimitsDto;
}

export class CountByKeyDto {
  @ApiProperty({ example: 'active' }) key: string;
  @ApiProperty({ type: 'integer', example: 42 }) count: number;
}

export class WeeklySignupsDto {
  @ApiProperty({ example: '2026-11-23', description: 'Monday of the week (UTC)' }) week: string;
  @ApiProperty({ type: 'integer', example: 3 }) count: number;
}

export class DashboardDto {
  @ApiProperty({ type: 'integer', example: 120 }) tenants: number;
  @ApiProperty({ type: [CountByKeyDto], description: `By status (${TENANT_STATUSES.join(', ')})` }) byStatus: CountByKeyDto[];
  @ApiProperty({ type: [CountByKeyDto], description: `By plan (${PLANS.join(', ')})` }) byPlan: CountByKeyDto[];
  @ApiProperty({ type: [WeeklySignupsDto], description: 'Tenants created per week, the last 12 weeks, oldest first' })
  signupsPerWeek: WeeklySignupsDto[];
  @ApiProperty({ type: 'integer', example: 5400, description: 'Users of active tenants' }) users: number;
  @ApiProperty({ type: 'integer', example: 2100, description: 'Users of active tenants who signed in during the last 30 days' })
  activeUsers30d: number;
}

export class DeleteTenantQueryDto {
  @ApiPropertyOptional({ description: 'Drop the schema and role now instead of after the grace period' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  purge?: boolean;

  @ApiPropertyOptional({ description: 'With `purge=true`: the tenant\u2019s slug, typed out to confirm' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  confirm?: string;
}

export class UsageItemDto {
  @ApiProperty({ enum: METERED_LIMIT_KEYS }) limit: string;
  @ApiProperty({ example: 3, description: 'Used now (storageMb to two decimals)' }) used: number;
  @ApiProperty({ type: 'integer', example: 25 }) max: number;
  @ApiProperty({ example: 88, description: 'Headroom left (never below 0)' }) remaining: number;
}

export class TenantUsageDto {
  @ApiProperty({ enum: PLANS }) plan: PlanKey;
  @ApiProperty({ type: [String], example: ['webhooks', 'custom_roles'] }) features: string[];
  @ApiProperty({ type: [UsageItemDto] }) usage: UsageItemDto[];
}
