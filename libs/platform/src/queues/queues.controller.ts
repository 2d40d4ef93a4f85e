import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Audited, pageResponse } from '@stratum/common';
import { QUEUES } from '@stratum/database';
import { PlatformRoles } from '@stratum/rbac';
import { ListQueueJobsQueryDto, QueueJobDto, QueueListDto } from './queues.dto';
import { QueuesService } from './queues.service';

const QueueJobPageDto = pageResponse(QueueJobDto);
const queueParam = { name: 'queue', enum: Object.values(QUEUES) };
const MAX_JOB_ID = 200;

@ApiTags('Platform queues')
@Controller('platform/queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get()
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Background queues', description: 'Jobs per queue and state: `email`, `webhooks`, `maintenance`.' })
  @ApiOkResponse({ type: QueueListDto })
  list(): Promise<QueueListDto> {
    return this.queues.list();
  }

  @Get(':queue/jobs')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({
    summary: 'Jobs of a queue in one state',
    description:
      'Newest first, `failed` unless `state` says otherwise. Shows the job\u2019s id, kind, tenant, attempts, last error and times, never its content (email bodies and links, webhook payloads, addresses).',
  })
  @ApiParam(queueParam)
  @ApiOkResponse({ type: QueueJobPageDto })
  @ApiErrors('NOT_FOUND')
  jobs(@Param('queue') queue: string, @Query() query: ListQueueJobsQueryDto) {
    return this.queues.jobs(queue, query.state ?? 'failed', query.limit ?? 20, query.cursor);
  }

  @Post(':queue/jobs/:id/retry')
  @Audited('queue_job.retried', { resource: 'queue_job', idParam: 'id' })
  @PlatformRoles('super_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry a failed job',
    description:
      'Sends it round again with all its attempts. A webhook job redelivers only what its delivery still owes; a dead-lettered message is sent again by the tenant with `POST /webhooks/messages/:id/retry`.',
  })
  @ApiParam(queueParam)
  @ApiParam({ name: 'id', description: 'The job id from the job list', schema: { type: 'string', maxLength: MAX_JOB_ID } })
  @ApiOkResponse({ type: QueueJobDto })
  @ApiErrors('NOT_FOUND', 'INVALID_STATE')
  retry(@Param('queue') queue: string, @Param('id') id: string): Promise<QueueJobDto> {
    return this.queues.retry(queue, id.slice(0, MAX_JOB_ID));
  }
}
