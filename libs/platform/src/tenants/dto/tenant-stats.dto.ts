import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMIT_KEYS, METERED_LIMIT_KEYS, PLANS, TENANT_STATUSES, type PlanKey } from '@stratum/tenancy';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class UserCountsDto {
  @ApiProperty({ example: 12 }) total: number;
  @ApiProperty({ example: 10 }) active: number;
  @ApiProperty({ example: 1 }) invited: number;
  @ApiProperty({ example: 1 }) deactivated: number;
}

export class TenantStatsDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ enum: PLANS }) plan: PlanKey;
  @ApiProperty({ type: UserCountsDto }) users: UserCountsDto;
  @ApiProperty({ example: 7, description: 'Users who signed in during the last 30 days' }) activeUsers30d: number;
  @ApiProperty({ example: 4 }) projects: number;
  @ApiProperty({ example: 31 }) documents: number;
  @ApiProperty({ example: 1520, description: 'API calls counted today (UTC)' }) apiCallsToday: number;
  @ApiProperty({ example: 1843200, description: 'Size of the tenant\u2019s schema on disk, in bytes' }) storageBytes: number;
  @ApiProperty({ example: 1.76 }) storageMb: number;
  @ApiProperty({ example: 2 }) webhookEndpoints: number;
  @ApiProperty({ nullable: true, type: Date, description: 'Latest sign-in or audited action' }) lastActivityAt: Date | null;
  @ApiProperty({ example: { seats: 100, apiCallsPerDay: 100000 }, description: `Effective limits (${LIMIT_KEYS.join(', ')})` })
  limits: Record<string, number>;
}

export class CountByKeyDto {
  @ApiProperty({ example: 'active' }) key: string;
  @ApiProperty({ example: 42 }) count: number;
}

export class WeeklySignupsDto {
  @ApiProperty({ example: '2026-11-23', description: 'Monday of the week (UTC)' }) week: string;
  @ApiProperty({ example: 3 }) count: number;
}

export class DashboardDto {
  @ApiProperty({ example: 120 }) tenants: number;
  @ApiProperty({ type: [CountByKeyDto], description: `By status (${TENANT_STATUSES.join(', ')})` }) byStatus: CountByKeyDto[];
  @ApiProperty({ type: [CountByKeyDto], description: `By plan (${PLANS.join(', ')})` }) byPlan: CountByKeyDto[];
  @ApiProperty({ type: [WeeklySignupsDto], description: 'Tenants created per week, the last 12 weeks, oldest first' })
  signupsPerWeek: WeeklySignupsDto[];
  @ApiProperty({ example: 5400, description: 'Users of active tenants' }) users: number;
  @ApiProperty({ example: 2100, description: 'Users of active tenants who signed in during the last 30 days' })
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
  @ApiProperty({ example: 3 }) used: number;
  @ApiProperty({ example: 25 }) max: number;
  @ApiProperty({ example: 88, description: 'Headroom left (never below 0)' }) remaining: number;
}

export class TenantUsageDto {
  @ApiProperty({ enum: PLANS }) plan: PlanKey;
  @ApiProperty({ type: [String], example: ['webhooks', 'custom_roles'] }) features: string[];
  @ApiProperty({ type: [UsageItemDto] }) usage: UsageItemDto[];
}
