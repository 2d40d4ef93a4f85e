import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

export class GroupRoleDto {
  @ApiProperty({
    example: 'Engineering',
    description: 'A SCIM group\u2019s displayName (case-insensitive) or id',
    maxLength: 256,
  })
  group: string;

  @ApiProperty({ example: 'project_manager', description: 'The key of the role its members are given', maxLength: 100 })
  role: string;
}

export class DirectoryEventsQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    type: Date,
    description: 'Only events before this instant (the last `occurredAt` seen, for the next page)',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  before?: Date;
}

export class DirectoryEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  occurredAt: Date;

  @ApiProperty({
    example: 'user.deactivated',
    description:
      'user.provisioned, user.updated, user.deactivated, user.reactivated, user.deleted, group.created, group.updated, group.deleted, role.granted, role.revoked',
  })
  type: string;

  @ApiProperty({ enum: ['success', 'failure'], description: 'failure: refused (the last active tenant_admin, say)' })
  outcome: string;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'The directory token that made the change' })
  tokenId: string | null;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  userId: string | null;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  groupId: string | null;

  @ApiProperty({ example: 'active: false' })
  detail: string;
}
