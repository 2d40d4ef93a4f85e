import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@stratum/common';
import { MailService } from '@stratum/mail';
import { Tenant, TenantDatabase } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { rows } from '../sql';

/** Active users holding tenant_admin now: who hears that an endpoint was disabled. */
const TENANT_ADMINS = `
  SELECT DISTINCT u.id, u.email FROM users u
    JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
    JOIN roles r ON r.id = ur.role_id AND r.key = 'tenant_admin'
   WHERE u.status = 'active'`;

/** Dead-letters the open deliveries of a disabled endpoint (recoverable once it is enabled again). */
export async function closeOpenDeliveries(em: EntityManager, endpointId: string, reason: string): Promise<void> {
  await em.query(
    `UPDATE webhook_deliveries SET status = 'dead', completed_at = now(), locked_until = NULL, last_error = $2
      WHERE endpoint_id = $1 AND status IN ('pending', 'retrying')`,
    [endpointId, reason],
  );
}

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
  ) {}

  /** Answers false when the endpoint was already disabled (or is gone). */
  async disable(em: EntityManager, tenant: Tenant, endpointId: string, reason: string): Promise<boolean> {
    const [endpoint] = await rows<{ url: string; disabled_at: Date }>(
      em,
      `UPDATE webhook_endpoints SET enabled = false, disabled_at = now(), disabled_reason = $2, updated_at = now()
        WHERE id = $1 AND enabled RETURNING url, disabled_at`,
      [endpointId, reason],
    );
    if (!endpoint) return false;
    await closeOpenDeliveries(em, endpointId, `the endpoint was disabled: ${reason}`);
    await this.audit.record(em, 'tenant', {
      action: 'webhook_endpoint.disabled',
      actor: { type: 'system', id: null },
      resource: { type: 'webhook_endpoint', id: endpointId },
      metadata: { reason, url: endpoint.url },
      tenantId: tenant.id,
    });
    const admins: { id: string; email: string }[] = await em.query(TENANT_ADMINS);
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
