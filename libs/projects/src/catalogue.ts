import { auditAction, defineAuditActions, defineDomainEvents, DomainEventsOf, payload } from '@stratum/common';

/** The audit actions the projects library records, with their category and severity. */
export const PROJECT_AUDIT_ACTIONS = defineAuditActions({
  'grant.set': auditAction('access', 'warning', 'Permissions granted on a resource'),
  'grant.revoked': auditAction('access', 'warning', 'Grant on a resource removed'),
  'project.created': auditAction('data', 'info', 'Project created'),
  'project.updated': auditAction('data', 'info', 'Project changed'),
  'project.deleted': auditAction('data', 'warning', 'Project deleted'),
  'document.created': auditAction('data', 'info', 'Document created'),
  'document.updated': auditAction('data', 'info', 'Document changed'),
  'document.deleted': auditAction('data', 'warning', 'Document deleted'),
});

/** A project as events describe it. */
const project = payload.object({
  id: payload.string({ format: 'uuid' }),
  name: payload.string(),
  description: payload.string(),
  createdBy: payload.nullable(payload.string({ format: 'uuid' })),
});

/** A document as events describe it: without its body. */
const document = payload.object({
  id: payload.string({ format: 'uuid' }),
  projectId: payload.string({ format: 'uuid' }),
  title: payload.string(),
  createdBy: payload.nullable(payload.string({ format: 'uuid' })),
});

/** The domain events (webhook event types) the projects library emits, with the JSON Schema of their data. */
export const PROJECT_EVENTS = defineDomainEvents({
  'project.created': { description: 'A project was created', schema: project },
  'project.updated': { description: 'A project was changed', schema: project },
  'project.deleted': { description: 'A project was deleted', schema: payload.object({ id: payload.string({ format: 'uuid' }) }) },
  'document.created': { description: 'A document was created', schema: document },
  'document.updated': { description: 'A document was changed', schema: document },
  'document.deleted': {
    description: 'A document was deleted',
    schema: payload.object({ id: payload.string({ format: 'uuid' }), projectId: payload.string({ format: 'uuid' }) }),
  },
});

type ProjectAuditActions = typeof PROJECT_AUDIT_ACTIONS;
type ProjectEvents = DomainEventsOf<typeof PROJECT_EVENTS>;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends ProjectAuditActions {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEventMap extends ProjectEvents {}
}
