import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@stratum/common';
import { IsIn, IsOptional } from 'class-validator';

/** The states a support person asks about; BullMQ's own names. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;
export type JobStateName = (typeof JOB_STATES)[number];

export class QueueCountsDto {
  @ApiProperty({ type: 'integer', example: 0 }) waiting: number;
  @ApiProperty({ type: 'integer', example: 1 }) active: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'Waiting for their next attempt (or a scheduled time)' })
  delayed: number;
  @ApiProperty({ type: 'integer', example: 0 }) prioritized: number;
  @ApiProperty({ type: 'integer', example: 0 }) 'waiting-children': number;
  @ApiProperty({ type: 'integer', example: 2, description: 'Out of attempts (kept a week for email)' }) failed: number;
  @ApiProperty({ type: 'integer', example: 40, description: 'Kept only where the queue keeps finished jobs' })
  completed: number;
}

export class QueueSummaryDto {
  @ApiProperty({ example: 'email' }) name: string;
  @ApiProperty({ example: false, description: 'A paused queue hands no jobs to workers (they stay waiting)' }) paused: boolean;
  @ApiProperty({ type: QueueCountsDto }) counts: QueueCountsDto;
}

export class QueueListDto {
  @ApiProperty({ type: [QueueSummaryDto] }) items: QueueSummaryDto[];
}

export class ListQueueJobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATES, default: 'failed' })
  @IsOptional()
  @IsIn(JOB_STATES)
  state?: JobStateName;
}

/**
 * What support may see of a job: never its payload (email bodies and one-time links, webhook
 * payloads, addresses), only where it belongs and how it went.
 */
export class QueueJobDto {
  @ApiProperty({ example: 'invitation.5f0c3d1e-2b9a-4c77-8e1f-0a2b3c4d5e6f' }) id: string;
  @ApiProperty({ example: 'email' }) queue: string;
  @ApiProperty({ example: 'invitation', description: 'The job\u2019s kind: an email template, `deliver`, a scheduled task' })
  type: string;
  @ApiProperty({ enum: [...JOB_STATES, 'unknown'] }) state: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The tenant the job works for, when it names one' })
  tenantId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Acme Corp', description: 'The tenant\u2019s name, for emails' })
  tenantName: string | null;
  @ApiProperty({ type: 'integer', example: 8, description: 'Attempts made' }) attempts: number;
  @ApiProperty({ type: 'integer', example: 8, description: 'Attempts allowed' }) maxAttempts: number;
  @ApiProperty({ type: String, nullable: true, example: 'connect ECONNREFUSED 10.0.0.5:25' }) lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'Start of the latest attempt' }) processedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When it completed or failed for good' }) finishedAt: Date | null;
}
