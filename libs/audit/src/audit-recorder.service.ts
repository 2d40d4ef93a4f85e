import { Injectable } from '@nestjs/common';
import { AuditRecorder, DirectAuditEvent } from '@stratum/common';
import type { EntityManager } from 'typeorm';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditDraft, AuditWriter } from './audit-writer.service';

/** AuditRecorder for the libraries below: events written straight into a given transaction. */
@Injectable()
export class DirectAuditRecorder extends AuditRecorder {
  constructor(
    private readonly writer: AuditWriter,
    private readonly events: AuditEventsRepository,
  ) {
    super();
  }

  async record(em: EntityManager, scope: 'tenant' | 'platform', event: DirectAuditEvent): Promise<void> {
    await this.writer.append(em, scope, [this.draft(event)]);
  }

  async recordInTenant(em: EntityManager, schemaName: string, event: DirectAuditEvent): Promise<void> {
    const previous = await this.events.searchPath(em);
    await this.events.setSearchPath(em, schemaName);
    const restore = () => this.events.setSearchPath(em, previous);
    try {
      await this.writer.append(em, 'tenant', [this.draft(event)]);
    } catch (err) {
      // An aborted transaction refuses the restore too; it can only roll back.
      await restore().catch(() => undefined);
      throw err;
    }
    await restore();
  }

  private draft(event: DirectAuditEvent): AuditDraft {
    return {
      ...this.writer.requestMeta(),
      action: event.action,
      actor: { type: event.actor?.type ?? 'system', id: event.actor?.id ?? null, email: event.actor?.email ?? null },
      impersonator: event.impersonator ?? null,
      resource: event.resource ?? { type: null, id: null },
      changes: event.changes ?? null,
      metadata: event.metadata ?? null,
      outcome: event.outcome ?? 'success',
      tenantId: event.tenantId ?? null,
    };
  }
}
