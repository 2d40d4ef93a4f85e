import { auditAction, defineAuditActions, defineDomainEvents, DomainEventsOf, payload } from '@stratum/common';
import { PLANS } from '@stratum/tenancy';

/** The audit actions the platform library records, with their category and severity. */
export const PLATFORM_AUDIT_ACTIONS = defineAuditActions({
  'tenant.provisioned': auditAction('platform', 'warning', 'Tenant provisioned'),
  'tenant.updated': auditAction('platform', 'warning', 'Tenant name, plan, settings or limits changed'),
  'tenant.suspended': auditAction('platform', 'critical', 'Tenant suspended'),
  'tenant.reactivated': auditAction('platform', 'warning', 'Tenant reactivated'),
  'tenant.moved': auditAction('platform', 'critical', 'Tenant schema moved to another database cluster'),
  'tenant.deleted': auditAction('platform', 'critical', 'Tenant deleted (purged after the grace period)'),
  'tenant.purged': auditAction('platform', 'critical', 'Tenant schema and role dropped'),
  'tenant.settings.updated': auditAction('admin', 'warning', 'A tenant admin changed the tenant\u2019s settings'),
  'support_access.granted': auditAction(
    'admin',
    'warning',
    'A tenant admin opened a window for platform support to act as users',
  ),
  'support_access.revoked': auditAction('admin', 'warning', 'A tenant admin closed a support access window'),
  'impersonation.started': auditAction('platform', 'critical', 'Platform staff started acting as a tenant user'),
  'impersonation.ended': auditAction('platform', 'warning', 'An impersonation was ended'),
  'platform_user.created': auditAction('platform', 'warning', 'Platform staff account created'),
  'platform_user.updated': auditAction('platform', 'warning', 'Platform staff account changed (name, roles)'),
  'platform_user.deactivated': auditAction('platform', 'critical', 'Platform staff account deactivated'),
  'platform_user.reactivated': auditAction('platform', 'warning', 'Platform staff account reactivated'),
  'queue_job.retried': auditAction(
    'platform',
    'warning',
    'A failed background job (email, webhook delivery, maintenance) sent round again',
  ),
});

/** The domain events (webhook event types) the platform library emits, with the JSON Schema of their data. */
export const PLATFORM_EVENTS = defineDomainEvents({
  'tenant.updated': {
    description: 'The tenant\u2019s name, plan, settings or limits changed',
    schema: payload.object({
      id: payload.string({ format: 'uuid' }),
      slug: payload.string(),
      name: payload.string(),
      plan: payload.enum(PLANS),
    }),
  },
});

type PlatformAuditActions = typeof PLATFORM_AUDIT_ACTIONS;
type PlatformEvents = DomainEventsOf<typeof PLATFORM_EVENTS>;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends PlatformAuditActions {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEventMap extends PlatformEvents {}
}
