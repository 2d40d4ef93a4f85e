import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { DirectoryEvent, DirectoryEventsRepository } from './directory-events.repository';

/** Records what the directory changed, and keeps a record of what it was refused. */
@Injectable()
export class DirectoryEventLog {
  constructor(
    private readonly events: DirectoryEventsRepository,
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
  ) {}

  /** In the request's transaction: the events commit with the change or not at all. */
  async record(events: DirectoryEvent[]): Promise<void> {
    for (const event of events) await this.events.insert(await this.db.manager(), event);
  }

  /**
   * Runs a change; when it would leave the tenant without an active tenant_admin (LAST_ADMIN),
   * rolls the change back and records the refusal in a transaction of its own, so the event
   * outlives the refused request. The error then answers the directory (409).
   */
  async refusing<T>(event: Omit<DirectoryEvent, 'outcome' | 'detail'>, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'LAST_ADMIN') {
        const tenant = this.tenant.get();
        await this.db.rollback();
        await this.db.run(tenant, (em) =>
          this.events.insert(em, { ...event, outcome: 'failure', detail: `Refused: ${err.message}` }),
        );
      }
      throw err;
    }
  }
}
