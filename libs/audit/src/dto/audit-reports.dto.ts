import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { nullableObject } from '@stratum/common';
import { AuditImpersonatorDto } from './audit.dto';

const NULLABLE_TEXT = { type: String, nullable: true } as const;
const PERIOD = { type: String, format: 'date-time' } as const;

export class ReportGrantDto {
  @ApiProperty({ example: 'project' }) resourceType: string;
  @ApiProperty({ format: 'uuid' }) resourceId: string;
  @ApiProperty({ type: [String], example: ['projects:read'] }) permissions: string[];
}

export class ReportExpiringRoleDto {
  @ApiProperty({ example: 'project_manager' }) role: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: Date;
}

export class AccessControlUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ada@acme.example' }) email: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: ['invited', 'active', 'deactivated'] }) status: string;
  @ApiProperty({ type: [String], example: ['tenant_admin'], description: 'Roles held now' }) roles: string[];
  @ApiProperty({ type: [ReportGrantDto], description: 'Grants on single resources' }) grants: ReportGrantDto[];
  @ApiProperty({ type: [ReportExpiringRoleDto], description: 'Roles held until a date' }) expiringRoles: ReportExpiringRoleDto[];
}

export class AccessControlReportDto {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [AccessControlUserDto], description: 'Every user, by email' }) users: AccessControlUserDto[];
}

export class ChangesByActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'directory', 'platform_user', 'system', 'anonymous'] }) actorType: string;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'User, API key or platform user id; null for system' }) actorId: string | null;
  @ApiProperty({ ...NULLABLE_TEXT, example: 'ada@acme.example' }) actorEmail: string | null;
  @ApiProperty({ type: 'integer', example: 12 }) changes: number;
}

export class ChangesByResourceDto {
  @ApiProperty({ ...NULLABLE_TEXT, example: 'project' }) resourceType: string | null;
  @ApiProperty({ example: 'project.updated' }) action: string;
  @ApiProperty({ type: 'integer', example: 7 }) changes: number;
}

export class ChangesReportDto {
  @ApiProperty({ ...PERIOD, description: 'Start of the period (inclusive)' }) from: Date;
  @ApiProperty({ ...PERIOD, description: 'End of the period (exclusive)' }) to: Date;
  @ApiProperty({ type: [ChangesByActorDto], description: 'Most changes first' }) byActor: ChangesByActorDto[];
  @ApiProperty({ type: [ChangesByResourceDto] }) byResource: ChangesByResourceDto[];
}

export class FailedLoginsByIpDto {
  @ApiProperty({ example: '203.0.113.7', description: '`unknown` when none was recorded' }) ip: string;
  @ApiProperty({ type: 'integer', example: 14 }) failures: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'Distinct accounts tried' }) accounts: number;
}

export class LockoutDto {
  @ApiProperty(PERIOD) occurredAt: Date;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'The locked user' }) userId: string | null;
  @ApiProperty({ ...NULLABLE_TEXT, example: 'ada@acme.example' }) email: string | null;
  @ApiProperty({ ...NULLABLE_TEXT, example: '203.0.113.7', description: 'The address of the request that locked it' }) ip:
    string | null;
}

export class DenialsDto {
  @ApiProperty({ enum: ['user', 'api_key', 'directory', 'platform_user', 'system', 'anonymous'] }) actorType: string;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'User, API key or platform user id; null when anonymous' }) actorId:
    string | null;
  @ApiProperty({ ...NULLABLE_TEXT, example: 'ada@acme.example' }) actorEmail: string | null;
  @ApiProperty({ type: 'integer', example: 2 }) denials: number;
}

@ApiExtraModels(AuditImpersonatorDto)
export class ImpersonationEventDto {
  @ApiProperty(PERIOD) occurredAt: Date;
  @ApiProperty({ example: 'impersonation.started' }) action: string;
  @ApiProperty(nullableObject(AuditImpersonatorDto, 'The platform user acting, on events done while impersonating'))
  impersonator: AuditImpersonatorDto | null;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'The tenant user acted as' }) userId: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) metadata: Record<string, unknown> | null;
}

export class SecurityReportDto {
  @ApiProperty({ ...PERIOD, description: 'Start of the period (inclusive)' }) from: Date;
  @ApiProperty({ ...PERIOD, description: 'End of the period (exclusive)' }) to: Date;
  @ApiProperty({ type: [FailedLoginsByIpDto], description: 'Most failures first' }) failedLoginsByIp: FailedLoginsByIpDto[];
  @ApiProperty({ type: [LockoutDto], description: 'Newest first' }) lockouts: LockoutDto[];
  @ApiProperty({ type: [DenialsDto], description: 'Refused requests by actor, most first' }) denials: DenialsDto[];
  @ApiProperty({ type: [ImpersonationEventDto], description: 'Newest first, at most 1000' })
  impersonations: ImpersonationEventDto[];
  @ApiProperty({ type: 'integer', example: 0, description: 'Refresh tokens presented again after use (a sign of theft)' })
  refreshTokenReuse: number;
}
