import { auditAction, defineAuditActions, defineDomainEvents, DomainEventsOf, payload } from '@stratum/common';

/** The audit actions the webhooks library records, with their category and severity. */
export const WEBHOOK_AUDIT_ACTIONS = defineAuditActions({
  'webhook_endpoint.created': auditAction('admin', 'warning', 'Webhook endpoint created'),
  'webhook_endpoint.updated': auditAction(
    'admin',
    'warning',
    'Webhook endpoint changed (URL, event types, description, enabled)',
  ),
  'webhook_endpoint.deleted': auditAction('admin', 'warning', 'Webhook endpoint deleted'),
  'webhook_endpoint.secret_rotated': auditAction(
    'admin',
    'warning',
    'Webhook signing secret rotated (the old one signs for 24 hours more)',
  ),
  'webhook_endpoint.tested': auditAction('admin', 'info', 'Test event sent to a webhook endpoint'),
  'webhook_endpoint.recovered': auditAction('admin', 'info', 'Failed webhook messages sent again to an endpoint'),
  'webhook_endpoint.disabled': auditAction(
    'admin',
    'warning',
    'Webhook endpoint disabled by the system (410 Gone, or failing for too long)',
  ),
  'webhook_message.retried': auditAction('admin', 'info', 'Webhook message sent again'),
});

/** The domain events (webhook event types) the webhooks library emits, with the JSON Schema of their data. */
export const WEBHOOK_EVENTS = defineDomainEvents({
  'webhook.test': {
    description: 'A test event, sent on request to one endpoint only',
    schema: payload.object({ endpointId: payload.string({ format: 'uuid' }), message: payload.string() }),
  },
});

type WebhookAuditActions = typeof WEBHOOK_AUDIT_ACTIONS;
type WebhookEvents = DomainEventsOf<typeof WEBHOOK_EVENTS>;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends WebhookAuditActions {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEventMap extends WebhookEvents {}
}
