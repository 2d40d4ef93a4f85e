import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FreeText, IMPERSONATION_MODES, ImpersonationMode, PageQueryDto } from '@stratum/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class StartImpersonationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tenantId: string;

  @ApiProperty({ format: 'uuid', description: 'The tenant user to act as' })
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'Ticket #4711: user cannot see their project', minLength: 10, maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  @FreeText()
  reason: string;

  @ApiPropertyOptional({
    enum: IMPERSONATION_MODES,
    default: 'read',
    description:
      '`read`: look only, every write is refused (support staff may start only these); `write` (super admins): also the few writes support needs (project and document edits, webhook delivery retries). Creating users, invitations, roles, API keys, webhook endpoints, SSO settings and support-access changes are refused in both.',
  })
  @IsOptional()
  @IsIn(IMPERSONATION_MODES)
  mode?: ImpersonationMode;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    default: 15,
    description: 'Lifetime of the access token, in minutes',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  durationMinutes?: number;
}

export class ListImpersonationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '`true`: running now; `false`: ended or expired' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

export class ImpersonationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The platform user acting' }) platformUserId: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'jo@acme.example' }) userEmail: string;
  @ApiProperty({ example: 'Ticket #4711: user cannot see their project' }) reason: string;
  @ApiProperty({ enum: IMPERSONATION_MODES }) mode: ImpersonationMode;
  @ApiProperty() startedAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ nullable: true, type: Date }) endedAt: Date | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The platform user who ended it; null while it runs or once it expired',
  })
  endedBy: string | null;
  @ApiProperty({ description: 'Running now: not ended and not expired' }) active: boolean;
}

export class StartedImpersonationDto extends ImpersonationDto {
  @ApiProperty({
    description: 'Access token for the tenant API: `sub` is the user, `act.sub` the platform user. No refresh token.',
  })
  accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', example: 900, description: 'Seconds until the token expires' }) expiresIn: number;
}
