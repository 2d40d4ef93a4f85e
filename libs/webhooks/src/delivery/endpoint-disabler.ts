import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@stratum/common';
import { MailService } from '@stratum/mail';
import { Tenant, TenantDatabase } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { EndpointsRepository } from '../endpoints/endpoints.repository';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/**
 * Disables an endpoint on the system's initiative (410 Gone, or failing for too long): its open
 * deliveries are dead-lettered, the tenant's audit trail records it, and once that commits the
 * tenant admins are emailed.
 */
@Injectable()
export class EndpointDisabler {
  constructor(
    private readonly audit: AuditRecorder,
    private readonly mail: MailService,
    private readonly db: TenantDatabase,
    private readonly endpoints: EndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  /** Answers false when the endpoint was already disabled (or is gone). */
  async disable(em: EntityManager, tenant: Tenant, endpointId: string, reason: string): Promise<boolean> {
    const endpoint = await this.endpoints.disable(em, endpointId, reason);
    if (!endpoint) return false;
    await this.deliveries.closeOpenOfEndpoint(em, endpointId, `the endpoint was disabled: ${reason}`);
    await this.audit.record(em, 'tenant', {
      action: 'webhook_endpoint.disabled',
      actor: { type: 'system', id: null },
      resource: { type: 'webhook_endpoint', id: endpointId },
      metadata: { reason, url: endpoint.url },
      tenantId: tenant.id,
    });
    const admins = await this.endpoints.tenantAdmins(em);
    const disabledAt = endpoint.disabled_at;
    this.db.afterCommit(() =>
      Promise.all(
        admins.map((admin) =>
          this.mail.send(`webhook-endpoint-disabled:${endpointId}:${disabledAt.getTime()}:${admin.id}`, {
            template: 'webhook-endpoint-disabled',
            to: admin.email,
            tenantName: tenant.name,
            data: { endpointId, url: endpoint.url, reason, disabledAt: disabledAt.toISOString() },
          }),
        ),
      ),
    );
    return true;
  }
}
