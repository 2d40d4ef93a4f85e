import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, FreeText, nullableObject, PageQueryDto, RequireAnyField } from '@stratum/common';
import { SYSTEM_ROLES, SystemRoleKey } from '@stratum/rbac';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const email = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const ROLE_KEYS = Object.keys(SYSTEM_ROLES);
export const USER_SORTS = ['createdAt', '-createdAt', 'email', '-email', 'name', '-name'] as const;

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ada@acme.example' })
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ enum: ['invited', 'active', 'deactivated'] })
  status: string;

  @ApiProperty({ type: [String], example: ['tenant_admin'], description: 'Keys of the roles held now' })
  roles: string[];

  @ApiProperty()
  emailVerified: boolean;

  @ApiProperty()
  mfaEnabled: boolean;

  @ApiProperty({ description: 'Locked by failed logins right now' })
  locked: boolean;

  @ApiProperty({ description: 'May sign in with a password when SSO is enforced' })
  isBreakGlass: boolean;

  @ApiProperty({ nullable: true, type: Date })
  lastLoginAt: Date | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class MeTenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'acme' }) slug: string;
  @ApiProperty({ example: 'Acme Corp' }) name: string;
}

export class ImpersonatedByDto {
  @ApiProperty({ format: 'uuid', description: 'The platform user acting' }) platformUserId: string;
  @ApiProperty({ type: String, nullable: true, example: 'support@stratum.example' }) email: string | null;
  @ApiProperty({ format: 'uuid' }) impersonationId: string;
}

@ApiExtraModels(ImpersonatedByDto)
export class MeDto extends UserDto {
  @ApiProperty({ type: [String], example: ['projects:read'], description: 'Effective permissions of the caller' })
  permissions: string[];

  @ApiProperty({ type: MeTenantDto })
  tenant: MeTenantDto;

  @ApiProperty(
    nullableObject(ImpersonatedByDto, 'Set when platform staff are acting as this user: who, and the impersonation id'),
  )
  impersonatedBy: ImpersonatedByDto | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['invited', 'active', 'deactivated'] })
  @IsOptional()
  @IsIn(['invited', 'active', 'deactivated'])
  status?: 'invited' | 'active' | 'deactivated';

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only break-glass accounts; `false`: none of them' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  breakGlass?: boolean;

  @ApiPropertyOptional({ description: 'Key of a role the user holds now, e.g. `project_manager`' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  role?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of email or name, e.g. `ada`' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: USER_SORTS, description: 'Default `-createdAt`' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'grace@acme.example' })
  @Transform(email)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ example: 'Grace Hopper' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ format: 'password', description: 'Initial password; without one the user is invited by email' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ enum: ROLE_KEYS, isArray: true, example: ['member'], description: 'System roles; default member' })
  @IsOptional()
  @IsIn(ROLE_KEYS, { each: true })
  @ArrayMaxSize(5)
  roles?: SystemRoleKey[];
}

@RequireAnyField()
export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;
}

export class UpdateUserDto extends UpdateMeDto {
  @ApiPropertyOptional({
    description:
      'Break-glass account: may sign in with a password even when the tenant enforces SSO. Set by tenant admins only; at most 3 per tenant (BREAK_GLASS_LIMIT).',
  })
  @IsOptional()
  @IsBoolean()
  isBreakGlass?: boolean;
}

export class BulkInviteRowDto {
  @ApiProperty({ example: 'grace@acme.example' })
  @Transform(email)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ example: 'Grace Hopper' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ enum: ROLE_KEYS, isArray: true })
  @IsOptional()
  @IsIn(ROLE_KEYS, { each: true })
  @ArrayMaxSize(5)
  roles?: SystemRoleKey[];
}

export class BulkInviteDto {
  @ApiProperty({ type: BulkInviteRowDto, isArray: true, maxItems: 500 })
  @ValidateNested({ each: true })
  @Type(() => BulkInviteRowDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  users: BulkInviteRowDto[];
}

export class BulkRowErrorDto {
  @ApiProperty({ enum: Object.keys(ERROR_CODES), example: 'CONFLICT' }) code: string;
  @ApiProperty({ example: 'A user with email … already exists' }) detail: string;
}

export class BulkRowResultDto {
  @ApiProperty({ type: 'integer', example: 0, description: 'Position of the row in the request' })
  index: number;

  @ApiProperty({ example: 'grace@acme.example' })
  email: string;

  @ApiProperty({ enum: ['invited', 'failed'] })
  status: 'invited' | 'failed';

  @ApiPropertyOptional({ format: 'uuid' })
  userId?: string;

  @ApiPropertyOptional({ type: BulkRowErrorDto, description: 'Why the row failed' })
  error?: BulkRowErrorDto;
}

export class BulkInviteResultDto {
  @ApiProperty({ type: 'integer', example: 498 })
  invited: number;

  @ApiProperty({ type: 'integer', example: 2 })
  failed: number;

  @ApiProperty({ type: BulkRowResultDto, isArray: true })
  results: BulkRowResultDto[];
}

export class UserCountsByStatusDto {
  @ApiProperty({ type: 'integer', example: 38 }) active: number;
  @ApiProperty({ type: 'integer', example: 3 }) invited: number;
  @ApiProperty({ type: 'integer', example: 1 }) deactivated: number;
}

export class SeatsDto {
  @ApiProperty({ type: 'integer', example: 41, description: 'Active and invited users' }) used: number;
  @ApiProperty({ type: 'integer', example: 100, description: 'The tenant\u2019s seat limit' }) limit: number;
}

export class UserStatsDto {
  @ApiProperty({ type: 'integer', example: 42 })
  total: number;

  @ApiProperty({ type: UserCountsByStatusDto })
  byStatus: UserCountsByStatusDto;

  @ApiProperty({ type: 'integer', example: 2 })
  locked: number;

  @ApiProperty({ type: 'integer', example: 30 })
  mfaEnabled: number;

  @ApiProperty({ type: 'integer', example: 25 })
  activeLast30Days: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { tenant_admin: 2, member: 30 },
    description: 'Users per role key',
  })
  byRole: Record<string, number>;

  @ApiProperty({ type: SeatsDto })
  seats: SeatsDto;
}
