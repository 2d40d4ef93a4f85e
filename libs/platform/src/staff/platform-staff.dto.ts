import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, PageQueryDto, PLATFORM_ROLES, type PlatformRole, RequireAnyField } from '@stratum/common';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreatePlatformUserDto {
  @ApiProperty({ example: 'sam@stratum.example' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Sam Support' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name: string;

  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true, example: ['support'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PLATFORM_ROLES, { each: true })
  roles: PlatformRole[];

  @ApiProperty({ minLength: 12, description: 'Initial password (policy: 12+ characters, not common, not containing the email)' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;
}

@RequireAnyField()
export class UpdatePlatformUserDto {
  @ApiPropertyOptional({ example: 'Sam Support' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @FreeText()
  name?: string;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PLATFORM_ROLES, { each: true })
  roles?: PlatformRole[];
}

export class ListPlatformUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'deactivated'] })
  @IsOptional()
  @IsIn(['active', 'deactivated'])
  status?: 'active' | 'deactivated';

  @ApiPropertyOptional({ enum: PLATFORM_ROLES })
  @IsOptional()
  @IsIn(PLATFORM_ROLES)
  role?: PlatformRole;

  @ApiPropertyOptional({ description: 'Matches email or name (case-insensitive substring)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class PlatformUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'sam@stratum.example' }) email: string;
  @ApiProperty({ example: 'Sam Support' }) name: string;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) roles: PlatformRole[];
  @ApiProperty({ enum: ['active', 'deactivated'] }) status: string;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty() locked: boolean;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
