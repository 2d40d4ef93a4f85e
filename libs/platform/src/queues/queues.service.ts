import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { AuditNotes, decodeCursor, DomainError, encodeCursor, invalidCursor, Page } from '@stratum/common';
import { QUEUES } from '@stratum/database';
import type { Job, Queue } from 'bullmq';
import { JOB_STATES, JobStateName, QueueCountsDto, QueueJobDto, QueueListDto, QueueSummaryDto } from './queues.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A failure reason is the error's message; long ones (a stack, a body quoted by a server) are cut. */
const MAX_ERROR_LENGTH = 1_000;

/** The product's BullMQ queues as support staff see them: counts, jobs by state, retrying a failed one. */
@Injectable()
export class QueuesService {
  private readonly logger = new Logger(QueuesService.name);
  private readonly queues: Map<string, Queue>;

  constructor(
    @InjectQueue(QUEUES.email) email: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    private readonly notes: AuditNotes,
  ) {
    this.queues = new Map([email, maintenance, webhooks].map((q) => [q.name, q]));
    // Without a listener, BullMQ prints a connection's errors (a timed-out command) as bare stacks.
    for (const q of this.queues.values()) q.on('error', (err) => this.logger.warn(`${q.name} queue: ${err.message}`));
  }

  /** The queues themselves, for the dashboard. */
  all(): Queue[] {
    return [...this.queues.values()];
  }

  async list(): Promise<QueueListDto> {
    const items: QueueSummaryDto[] = [];
    for (const q of this.queues.values()) {
      const [counts, paused] = await Promise.all([q.getJobCounts(...JOB_STATES), q.isPaused()]);
      items.push({ name: q.name, paused, counts: counts as unknown as QueueCountsDto });
    }
    return { items };
  }

  async jobs(name: string, state: JobStateName, limit: number, cursor?: string): Promise<Page<QueueJobDto>> {
    const q = this.queue(name);
    let start = 0;
    if (cursor) {
      const pos = decodeCursor(cursor);
      if (typeof pos.v !== 'number' || !Number.isInteger(pos.v) || pos.v < 0) throw invalidCursor();
      start = pos.v;
    }
    // Newest first; one more than asked says whether there is a next page.
    const found = (await q.getJobs([state], start, start + limit, false)).filter((j): j is Job => !!j);
    const page = found.slice(0, limit);
    const items = page.map((j) => view(j, state));
    const last = page.at(-1);
    return {
      items,
      nextCursor: found.length > limit && last ? encodeCursor({ v: start + limit, id: String(last.id) }) : null,
    };
  }

  /** Sends a failed job round again with all its attempts; only failed jobs (a running one would run twice). */
  async retry(name: string, id: string): Promise<QueueJobDto> {
    const q = this.queue(name);
    const job = await q.getJob(id);
    if (!job) throw DomainError.notFound('Job');
    // Job ids may repeat across queues: the event names the queue, and the tenant the job worked for.
    const seen = view(job, 'failed');
    this.notes.describe({
      metadata: { queue: name, type: seen.type, tenantId: seen.tenantId, attempts: seen.attempts, lastError: seen.lastError },
    });
    const state = await job.getState();
    if (state !== 'failed') throw new DomainError('INVALID_STATE', `Only failed jobs are retried; this one is ${state}`);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    const after = (await q.getJob(id)) ?? job;
    return view(after, await after.getState());
  }

  private queue(name: string): Queue {
    const q = this.queues.get(name);
    if (!q) throw DomainError.notFound('Queue');
    return q;
  }
}

/** Where the job belongs and how it went; its data stays out (see QueueJobDto). */
function view(job: Job, state: string): QueueJobDto {
  const data: Record<string, unknown> = job.data && typeof job.data === 'object' ? (job.data as Record<string, unknown>) : {};
  const tenantId = typeof data.tenantId === 'string' && UUID.test(data.tenantId) ? data.tenantId : null;
  const tenantName = typeof data.tenantName === 'string' ? data.tenantName : null;
  const error = job.failedReason ? job.failedReason.slice(0, MAX_ERROR_LENGTH) : null;
  return {
    id: String(job.id),
    queue: job.queueName,
    type: job.name,
    state,
    tenantId,
    tenantName,
    attempts: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    lastError: error,
    createdAt: new Date(job.timestamp),
    processedAt: job.processedOn ? new Date(job.processedOn) : null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}
