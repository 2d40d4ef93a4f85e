import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableObject } from '@stratum/common';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinDate } from 'class-validator';

/** JavaScript dates reach back further than PostgreSQL timestamps (4713 BC); nothing is older than this anyway. */
const EARLIEST = new Date('0001-01-01T00:00:00Z');

export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'User, API key or platform user id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @ApiPropertyOptional({ enum: ['user', 'api_key', 'directory', 'platform_user', 'system', 'anonymous'] })
  @IsOptional()
  @IsIn(['user', 'api_key', 'directory', 'platform_user', 'system', 'anonymous'])
  actorType?: string;

  @ApiPropertyOptional({ description: 'Exact action (e.g. `project.created`), or a prefix ending in `.*` (e.g. `auth.*`)' })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/)
  action?: string;

  @ApiPropertyOptional({ enum: ['auth', 'access', 'data', 'admin', 'audit', 'platform'] })
  @IsOptional()
  @IsIn(['auth', 'access', 'data', 'admin', 'audit', 'platform'])
  category?: string;

  @ApiPropertyOptional({ description: 'Kind of resource, e.g. `project`' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  resourceType?: string;

  @ApiPropertyOptional({ description: 'Id of the resource the event is about (a project id, a user id…)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  resourceId?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: string;

  @ApiPropertyOptional({ type: Date, description: 'From this moment (inclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST, { message: '$property must not be before the year 1' })
  from?: Date;

  @ApiPropertyOptional({ type: Date, description: 'Until this moment (exclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST, { message: '$property must not be before the year 1' })
  to?: Date;

  @ApiPropertyOptional({ description: 'Text searched in actor email, action, resource id, IP and details' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AuditListQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  cursor?: string;
}

export class AuditExportQueryDto extends AuditFilterDto {
  @ApiProperty({ enum: ['csv', 'jsonl'] })
  @IsIn(['csv', 'jsonl'])
  format: 'csv' | 'jsonl';
}

export class ReportRangeDto {
  @ApiPropertyOptional({ type: Date })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST, { message: '$property must not be before the year 1' })
  from?: Date;

  @ApiPropertyOptional({ type: Date })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST, { message: '$property must not be before the year 1' })
  to?: Date;
}

export class AuditActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'directory', 'platform_user', 'system', 'anonymous'] })
  type: string;

  @ApiProperty({ nullable: true, type: String, description: 'User, API key or platform user id; null for system and anonymous' })
  id: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'ada@acme.example' })
  email: string | null;
}

export class AuditImpersonatorDto {
  @ApiProperty({ enum: ['platform_user'] }) type: string;
  @ApiProperty({ format: 'uuid', description: 'The platform user' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'support@stratum.example' }) email?: string | null;
  @ApiProperty({ format: 'uuid' }) impersonationId: string;
  @ApiPropertyOptional({ enum: ['read', 'write'] }) mode?: string;
}

export class AuditResourceDto {
  @ApiProperty({ type: String, nullable: true, example: 'project' }) type: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10' }) id: string | null;
}

const FIELDS = { type: 'object', nullable: true, additionalProperties: true } as const;

export class AuditChangesDto {
  @ApiProperty({ ...FIELDS, example: { name: 'Old' }, description: 'The changed fields before; null on creation' })
  before: Record<string, unknown> | null;
  @ApiProperty({ ...FIELDS, example: { name: 'New' }, description: 'The changed fields after; null on deletion' })
  after: Record<string, unknown> | null;
}

@ApiExtraModels(AuditImpersonatorDto, AuditChangesDto)
export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', example: 42, description: 'Position in the tenant\u2019s chain' })
  seq: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-01T09:30:00.000Z' })
  occurredAt: string;

  @ApiProperty({ type: AuditActorDto })
  actor: AuditActorDto;

  @ApiProperty(nullableObject(AuditImpersonatorDto, 'The platform user acting as the actor, when impersonating'))
  impersonator: Record<string, unknown> | null;

  @ApiProperty({ example: 'project.updated' })
  action: string;

  @ApiProperty({ example: 'data' })
  category: string;

  @ApiProperty({ enum: ['info', 'warning', 'critical'] })
  severity: string;

  @ApiProperty({ type: AuditResourceDto })
  resource: AuditResourceDto;

  @ApiProperty(
    nullableObject(
      AuditChangesDto,
      'The fields changed, before and after (secrets redacted); null for events that change nothing',
    ),
  )
  changes: Record<string, unknown> | null;

  @ApiProperty({ ...FIELDS, example: { projectId: '0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10' }, description: 'Details of the event' })
  metadata: Record<string, unknown> | null;

  @ApiProperty({ enum: ['success', 'failure'] })
  outcome: string;

  @ApiProperty({ nullable: true, type: String, example: 'FORBIDDEN' })
  errorCode: string | null;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 …' })
  userAgent: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The `X-Request-Id` of the request that caused it' })
  requestId: string | null;

  @ApiProperty({ description: 'HMAC-SHA256 (hex) over `previousHash` and the event\u2019s content' })
  hash: string;

  @ApiProperty({ description: 'The `hash` of the event before it in the chain (`genesis` before the first)' })
  previousHash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: AuditEventDto, isArray: true })
  items: AuditEventDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` to get the next page; null on the last page' })
  nextCursor: string | null;
}

export class VerifyResultDto {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ type: 'integer', example: 1204, description: 'Events checked' })
  checked: number;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The first event that does not verify' })
  firstInvalidId: string | null;

  @ApiPropertyOptional({ example: 'hash mismatch' })
  reason?: string;

  @ApiProperty({ type: 'integer', example: 1204, description: 'The last position recorded in the chain head' })
  headSeq: number;
}
