import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ALL_PERMISSIONS } from '../../catalogue/permissions';
import { FreeText, RequireAnyField } from '@stratum/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRoleDto {
  @ApiProperty({ example: 'billing_viewer', pattern: '^[a-z][a-z0-9_]{1,62}$' })
  @Matches(/^[a-z][a-z0-9_]{1,62}$/, { message: 'key must be lowercase letters, digits and _ (2-63), starting with a letter' })
  key: string;

  @ApiProperty({ example: 'Billing viewer' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @FreeText()
  name: string;

  @ApiPropertyOptional({ example: 'Reads the plan and usage' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @FreeText({ multiline: true })
  description?: string;

  @ApiProperty({ isArray: true, enum: ALL_PERMISSIONS, example: ['tenant:read'] })
  @IsString({ each: true })
  @ArrayMaxSize(100)
  permissions: string[];
}

@RequireAnyField()
export class UpdateRoleDto {
  @ApiPropertyOptional({ example: 'Billing viewer' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ example: 'Reads the plan and usage' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @FreeText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({ isArray: true, enum: ALL_PERMISSIONS })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(100)
  permissions?: string[];
}

export class RoleDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'project_manager' })
  key: string;

  @ApiProperty({ example: 'Project manager' })
  name: string;

  @ApiProperty({ example: 'Manages projects and documents; reads users' })
  description: string;

  @ApiProperty({ isArray: true, enum: ALL_PERMISSIONS })
  permissions: string[];

  @ApiProperty({ description: 'System roles come with every tenant and cannot be changed or deleted' })
  isSystem: boolean;

  @ApiProperty({ type: 'integer', example: 3, description: 'Users holding it now (unexpired assignments)' })
  userCount: number;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class RoleListDto {
  @ApiProperty({ type: RoleDto, isArray: true })
  items: RoleDto[];
}

export class AssignRoleDto {
  @ApiProperty({ example: 'project_manager', description: 'Role id or key' })
  @IsString()
  @MinLength(2)
  @MaxLength(63)
  role: string;

  @ApiPropertyOptional({ type: Date, description: 'The assignment stops granting at this moment' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' })
  roleId: string;

  @ApiProperty({ example: 'project_manager' })
  roleKey: string;

  @ApiProperty({ example: 'Project manager' })
  roleName: string;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  grantedBy: string | null;

  @ApiProperty()
  createdAt: Date;
}

export class AssignmentListDto {
  @ApiProperty({ type: AssignmentDto, isArray: true })
  items: AssignmentDto[];
}
