import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, PageQueryDto, RequireAnyField } from '@stratum/common';
import {
  LIMIT_KEYS,
  PLANS,
  SLUG_PATTERN,
  TENANT_STATUSES,
  type LimitKey,
  type PlanKey,
  type TenantStatus,
} from '@stratum/tenancy';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsFQDN,
  IsIn,
  IsInt,
  Max,
  Min,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

const CLUSTER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const CIDR =
  /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?:\/(?:3[0-2]|[12]?\d))?|[0-9a-fA-F:]+(?:\/(?:12[0-8]|1[01]\d|\d?\d))?)$/;

function IsLimitOverrides() {
  return ValidateBy({
    name: 'isLimitOverrides',
    validator: {
      validate: (value: unknown) =>
        !!value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([k, v]) =>
            (LIMIT_KEYS as readonly string[]).includes(k) && (v === null || (Number.isInteger(v) && (v as number) >= 0)),
        ),
      defaultMessage: () => `limitOverrides keys must be among ${LIMIT_KEYS.join(', ')} with non-negative integer values`,
    },
  });
}

/** What each limit counts; the effective value is the plan's, or the tenant's override. */
const LIMITS: Record<LimitKey, { example: number; description: string }> = {
  seats: { example: 100, description: 'Active and invited users' },
  apiCallsPerDay: { example: 100_000, description: 'API calls per day (UTC)' },
  webhookEndpoints: { example: 10, description: 'Webhook endpoints' },
  auditRetentionDays: { example: 365, description: 'Days audit events are kept' },
  storageMb: { example: 10_000, description: 'Storage of the tenant\u2019s schema, in MB' },
  requestsPerMinute: { example: 600, description: 'Authenticated requests per minute, across the tenant' },
};

/** A tenant's effective limits: its plan's, with its overrides on top. */
export class PlanLimitsDto implements Record<LimitKey, number> {
  @ApiProperty({ type: 'integer', ...LIMITS.seats }) seats: number;
  @ApiProperty({ type: 'integer', ...LIMITS.apiCallsPerDay }) apiCallsPerDay: number;
  @ApiProperty({ type: 'integer', ...LIMITS.webhookEndpoints }) webhookEndpoints: number;
  @ApiProperty({ type: 'integer', ...LIMITS.auditRetentionDays }) auditRetentionDays: number;
  @ApiProperty({ type: 'integer', ...LIMITS.storageMb }) storageMb: number;
  @ApiProperty({ type: 'integer', ...LIMITS.requestsPerMinute }) requestsPerMinute: number;
}

/** The limits set for this tenant in place of its plan's; the others follow the plan. */
export class LimitOverridesDto implements Partial<Record<LimitKey, number>> {
  @ApiPropertyOptional({ type: 'integer', ...LIMITS.seats }) seats?: number;
  @ApiPropertyOptional({ type: 'integer', ...LIMITS.apiCallsPerDay }) apiCallsPerDay?: number;
  @ApiPropertyOptional({ type: 'integer', ...LIMITS.webhookEndpoints }) webhookEndpoints?: number;
  @ApiPropertyOptional({ type: 'integer', ...LIMITS.auditRetentionDays }) auditRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', ...LIMITS.storageMb }) storageMb?: number;
  @ApiPropertyOptional({ type: 'integer', ...LIMITS.requestsPerMinute }) requestsPerMinute?: number;
}

/** Changes to the overrides: a number sets one, null removes it (the plan's applies again). */
export class LimitOverridesChangeDto implements Partial<Record<LimitKey, number | null>> {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, ...LIMITS.seats }) seats?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, ...LIMITS.apiCallsPerDay }) apiCallsPerDay?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, ...LIMITS.webhookEndpoints }) webhookEndpoints?:
    number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, ...LIMITS.auditRetentionDays })
  auditRetentionDays?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, ...LIMITS.storageMb }) storageMb?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, ...LIMITS.requestsPerMinute })
  requestsPerMinute?: number | null;
}

export class TenantSettingsDto {
  @ApiPropertyOptional({ example: ['acme.example'], description: 'Email domains users of this tenant may have' })
  @IsOptional()
  @IsFQDN({}, { each: true })
  @ArrayMaxSize(50)
  allowedEmailDomains?: string[];

  @ApiPropertyOptional({ description: 'Refuse password login (except break-glass owners) when SSO is configured' })
  @IsOptional()
  @IsBoolean()
  ssoEnforced?: boolean;

  @ApiPropertyOptional({ description: 'Every user must enrol MFA' })
  @IsOptional()
  @IsBoolean()
  mfaRequired?: boolean;

  @ApiPropertyOptional({ enum: ['always', 'consent', 'never'], description: 'Whether platform staff may impersonate users' })
  @IsOptional()
  @IsIn(['always', 'consent', 'never'])
  supportAccess?: 'always' | 'consent' | 'never';

  @ApiPropertyOptional({ example: ['203.0.113.0/24'], description: 'CIDR ranges allowed to call the API for this tenant' })
  @IsOptional()
  @Matches(CIDR, { each: true, message: 'each ipAllowlist entry must be an IP address or CIDR range' })
  @ArrayMaxSize(100)
  ipAllowlist?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    example: 5,
    description: 'Consecutive failed logins that lock an account',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  lockoutThreshold?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1440,
    example: 30,
    description: 'Minutes a locked account stays locked',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  lockoutMinutes?: number;
}

export class TenantAdminDto {
  @ApiProperty({ example: 'admin@acme.example' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Ada Admin' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name: string;

  @ApiPropertyOptional({
    example: 'a-long-initial-password',
    minLength: 12,
    description: 'Initial password of the first tenant admin; without one, the admin is invited by email',
  })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password?: string;
}

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Corp' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name: string;

  @ApiProperty({
    example: 'acme',
    pattern: SLUG_PATTERN.source,
    description: 'Lowercase letters, digits and dashes; starts with a letter; 3\u201363 characters',
  })
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must match ^[a-z][a-z0-9-]{2,62}$' })
  slug: string;

  @ApiProperty({ enum: PLANS, example: 'starter' })
  @IsIn(PLANS)
  plan: PlanKey;

  @ApiProperty({ type: TenantAdminDto, description: 'The first tenant admin' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantAdminDto)
  admin: TenantAdminDto;

  @ApiPropertyOptional({ type: TenantSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantSettingsDto)
  settings?: TenantSettingsDto;

  @ApiPropertyOptional({
    example: 'eu2',
    description:
      'The database cluster to place the tenant on: `main` or a name of DATABASE_CLUSTERS. Default: the cluster with the fewest live tenants',
  })
  @IsOptional()
  @IsString()
  @Matches(CLUSTER_NAME, { message: 'cluster must be a cluster name such as main or eu2' })
  cluster?: string;
}

export class MoveTenantDto {
  @ApiProperty({
    example: 'eu2',
    description: 'The database cluster to move the tenant to: `main` or a name of DATABASE_CLUSTERS',
  })
  @IsString()
  @Matches(CLUSTER_NAME, { message: 'cluster must be a cluster name such as main or eu2' })
  cluster: string;
}

@RequireAnyField()
export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Acme Corporation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ enum: PLANS })
  @IsOptional()
  @IsIn(PLANS)
  plan?: PlanKey;

  @ApiPropertyOptional({ type: TenantSettingsDto, description: 'Merged into the current settings' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantSettingsDto)
  settings?: TenantSettingsDto;

  @ApiPropertyOptional({
    type: LimitOverridesChangeDto,
    example: { seats: 50 },
    description: 'Per-tenant limit overrides, merged into the current ones; null removes one',
  })
  @IsOptional()
  @IsLimitOverrides()
  limitOverrides?: Record<string, number | null>;
}

export class ListTenantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  @ApiPropertyOptional({ enum: PLANS })
  @IsOptional()
  @IsIn(PLANS)
  plan?: PlanKey;

  @ApiPropertyOptional({ description: 'Matches name or slug (case-insensitive substring), e.g. `acme`' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: ['createdAt', '-createdAt', 'name', '-name', 'slug', '-slug'],
    description: 'Sort field; a leading `-` sorts descending. Default `-createdAt`',
  })
  @IsOptional()
  @IsIn(['createdAt', '-createdAt', 'name', '-name', 'slug', '-slug'])
  sort?: string;
}

export class TenantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'acme' })
  slug: string;

  @ApiProperty({ example: 'Acme Corp' })
  name: string;

  @ApiProperty({ enum: TENANT_STATUSES })
  status: TenantStatus;

  @ApiProperty({ enum: PLANS })
  plan: PlanKey;

  @ApiProperty({ example: 'main', description: 'The database cluster holding the tenant\u2019s schema' })
  cluster: string;

  @ApiProperty({ type: TenantSettingsDto })
  settings: TenantSettingsDto;

  @ApiProperty({ type: LimitOverridesDto, example: { seats: 50 } })
  limitOverrides: LimitOverridesDto;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  suspendedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  deletedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date, description: 'When a deleted tenant\u2019s schema and role are dropped' })
  purgeAfter: Date | null;
}

export class TenantMoveDto {
  @ApiProperty({ type: TenantDto, description: 'The tenant after the move' })
  tenant: TenantDto;

  @ApiProperty({ example: 'main' })
  from: string;

  @ApiProperty({ example: 'eu2' })
  to: string;

  @ApiProperty({
    type: 'integer',
    example: 840,
    description: 'How long the tenant was suspended for the move, in milliseconds (0 if it was suspended already)',
  })
  downtimeMs: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { users: 12, projects: 40 },
    description: 'Rows copied per table (equal on both clusters)',
  })
  rows: Record<string, number>;
}
