import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SUBSCRIPTIONS } from '../../event-types/event-types';
import { FreeText, RequireAnyField } from '@stratum/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const unique = ({ value }: { value: unknown }) => (Array.isArray(value) ? [...new Set(value)] : value);

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://hooks.example.com/stratum',
    maxLength: 2048,
    description:
      'HTTPS in production. Its host must resolve to public addresses only: loopback, private, link-local, multicast and unspecified addresses are refused.',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({
    isArray: true,
    enum: SUBSCRIPTIONS as string[],
    example: ['project.*', 'user.created'],
    description: 'Event types (see GET /webhooks/event-types), whole groups (`project.*`) or `*` for everything',
  })
  @Transform(unique)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn(SUBSCRIPTIONS as string[], { each: true })
  eventTypes: string[];

  @ApiPropertyOptional({ example: 'Sync to the CRM', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @FreeText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({ default: true, description: 'A disabled endpoint receives nothing' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

@RequireAnyField()
export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/stratum-v2', maxLength: 2048 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ isArray: true, enum: SUBSCRIPTIONS as string[], example: ['*'] })
  @IsOptional()
  @Transform(unique)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn(SUBSCRIPTIONS as string[], { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ example: 'Sync to the CRM', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @FreeText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({
    description: 'false stops deliveries (open ones are dead-lettered); true enables it again, also after the system disabled it',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class RecoverWebhookEndpointDto {
  @ApiProperty({ type: Date, example: '2026-01-01T00:00:00Z', description: 'Send again every dead-lettered message since then' })
  @Type(() => Date)
  @IsDate()
  since: Date;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://hooks.example.com/stratum' })
  url: string;

  @ApiProperty({ example: 'Sync to the CRM' })
  description: string;

  @ApiProperty({ type: [String], example: ['project.*', 'user.created'] })
  eventTypes: string[];

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: Date, nullable: true, description: 'When it was disabled (by a user or the system)' })
  disabledAt: Date | null;

  @ApiProperty({ type: String, nullable: true, example: 'the receiver answered 410 Gone' })
  disabledReason: string | null;

  @ApiProperty({ type: Date, nullable: true, description: 'Start of the current run of failed attempts; null after a success' })
  failingSince: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  secretRotatedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: 'Until then the previous secret signs too' })
  previousSecretExpiresAt: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret (Standard Webhooks). Shown this once; store it now.',
  })
  secret: string;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: WebhookEndpointDto, isArray: true })
  items: WebhookEndpointDto[];
}

export class RecoveredDto {
  @ApiProperty({ type: 'integer', example: 12, description: 'Dead-lettered deliveries queued again' })
  recovered: number;
}
