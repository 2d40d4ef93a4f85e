import { auditAction, defineAuditActions, defineDomainEvents, DomainEventsOf, payload } from '@stratum/common';

/** The audit actions the RBAC library records, with their category and severity. */
export const RBAC_AUDIT_ACTIONS = defineAuditActions({
  'role.created': auditAction('access', 'warning', 'Custom role created'),
  'role.updated': auditAction('access', 'warning', 'Custom role changed'),
  'role.deleted': auditAction('access', 'warning', 'Custom role deleted'),
  'role.assigned': auditAction('access', 'warning', 'Role assigned to a user'),
  'role.unassigned': auditAction('access', 'warning', 'Role taken from a user'),
});

/** A role as events describe it. */
const role = payload.object({
  id: payload.string({ format: 'uuid' }),
  key: payload.string(),
  name: payload.string(),
  permissions: payload.array(payload.string()),
});

/** The domain events (webhook event types) the RBAC library emits, with the JSON Schema of their data. */
export const RBAC_EVENTS = defineDomainEvents({
  'role.created': { description: 'A custom role was created', schema: role },
  'role.updated': { description: 'A custom role was changed', schema: role },
  'role.deleted': { description: 'A custom role was deleted', schema: role },
  'role.assigned': {
    description: 'A role was assigned to a user',
    schema: payload.object({
      userId: payload.string({ format: 'uuid' }),
      role: payload.string({ description: 'The role\u2019s key' }),
      roleId: payload.string({ format: 'uuid' }),
      expiresAt: payload.nullable(payload.dateTime()),
    }),
  },
  'role.unassigned': {
    description: 'A role was taken from a user',
    schema: payload.object({
      userId: payload.string({ format: 'uuid' }),
      role: payload.string({ description: 'The role\u2019s key' }),
      roleId: payload.string({ format: 'uuid' }),
    }),
  },
});

type RbacAuditActions = typeof RBAC_AUDIT_ACTIONS;
type RbacEvents = DomainEventsOf<typeof RBAC_EVENTS>;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends RbacAuditActions {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEventMap extends RbacEvents {}
}
