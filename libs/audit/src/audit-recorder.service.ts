import { Injectable } from '@nestjs/common';
import { AuditRecorder, DirectAuditEvent } from '@stratum/common';
import type { EntityManager } from 'typeorm';
import { AuditWriter } from './audit-writer.service';

/** AuditRecorder for the libraries below: events written straight into a given transaction. */
@Injectable()
export class DirectAuditRecorder extends AuditRecorder {
  constructor(private readonly writer: AuditWriter) {
    super();
  }

  async record(em: EntityManager, scope: 'tenant' | 'platform', event: DirectAuditEvent): Promise<void> {
    await this.writer.append(em, scope, [
      {
        action: event.action,
        actor: { type: event.actor?.type ?? 'system', id: event.actor?.id ?? null, email: event.actor?.email ?? null },
        resource: event.resource ?? { type: null, id: null },
        changes: event.changes ?? null,
        metadata: event.metadata ?? null,
        outcome: event.outcome ?? 'success',
        tenantId: event.tenantId ?? null,
      },
    ]);
  }
}
