import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@stratum/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EVENT_TYPES } from '../../event-types/event-types';
import { DELIVERY_STATUSES } from '../webhook-message.entity';

export class ListWebhookMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only messages for this endpoint' })
  @IsOptional()
  @IsUUID()
  endpointId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'Only messages with a delivery in this status' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  eventType?: string;
}

export class AttemptsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only attempts to this endpoint' })
  @IsOptional()
  @IsUUID()
  endpointId?: string;
}

export class RetryWebhookMessageDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Send again to this endpoint (also after a success); without it, to every endpoint whose delivery was dead-lettered',
  })
  @IsOptional()
  @IsUUID()
  endpointId?: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  endpointId: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'pending → (retrying) → succeeded or dead (dead-lettered)' })
  status: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'Attempts of the current run (a manual retry starts a new run)' })
  attempts: number;

  @ApiProperty({ type: Date, nullable: true, description: 'When the next attempt is due; null once finished' })
  nextAttemptAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  lastAttemptAt: Date | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 200 })
  lastStatusCode: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' })
  lastError: string | null;

  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;
}

export class WebhookMessageDto {
  @ApiProperty({ format: 'uuid', description: 'The `webhook-id` receivers get, the same on every attempt' })
  id: string;

  @ApiProperty({ example: 'project.created' })
  eventType: string;

  @ApiProperty({ description: 'The `timestamp` of the payload' })
  occurredAt: Date;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { id: '0b6f…', name: 'Website relaunch' } })
  data: Record<string, unknown>;

  @ApiProperty({ type: WebhookDeliveryDto, isArray: true, description: 'Its status at each endpoint' })
  deliveries: WebhookDeliveryDto[];
}

export class WebhookAttemptDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  endpointId: string;

  @ApiProperty({ type: 'integer', example: 1 })
  run: number;

  @ApiProperty({ type: 'integer', example: 2, description: 'Attempt number within the run' })
  attempt: number;

  @ApiProperty()
  attemptedAt: Date;

  @ApiProperty({ enum: ['succeeded', 'failed', 'refused'], description: 'refused: the target failed the address check' })
  outcome: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 503 })
  statusCode: number | null;

  @ApiProperty({ type: 'integer', example: 84 })
  latencyMs: number;

  @ApiProperty({ type: String, nullable: true, example: 'timed out after 10000 ms' })
  error: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The first 1,024 characters of the response body' })
  responseExcerpt: string | null;
}

export class WebhookAttemptListDto {
  @ApiProperty({ type: WebhookAttemptDto, isArray: true })
  items: WebhookAttemptDto[];
}

export class EventTypeDto {
  @ApiProperty({ example: 'project.created' })
  type: string;

  @ApiProperty({ example: 'project' })
  group: string;

  @ApiProperty({ example: 'A project was created' })
  description: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The JSON Schema (draft 2020-12) of the `data` this event carries',
    example: {
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
      required: ['id', 'name'],
      additionalProperties: false,
    },
  })
  schema: Record<string, unknown>;
}

export class EventTypeListDto {
  @ApiProperty({ type: EventTypeDto, isArray: true })
  items: EventTypeDto[];
}
