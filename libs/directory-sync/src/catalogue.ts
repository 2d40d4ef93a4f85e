import { auditAction, defineAuditActions, defineDomainEvents, DomainEventsOf, payload } from '@stratum/common';

/** The audit actions directory sync records, with their category and severity. */
export const DIRECTORY_AUDIT_ACTIONS = defineAuditActions({
  'directory_token.created': auditAction('admin', 'warning', 'Directory-sync (SCIM) token created'),
  'directory_token.revoked': auditAction('admin', 'warning', 'Directory-sync (SCIM) token revoked'),
  'directory.group_roles.updated': auditAction('access', 'warning', 'Which directory groups grant which roles changed'),
  'directory.user.provisioned': auditAction('access', 'info', 'The directory created or adopted a user'),
  'directory.user.updated': auditAction('access', 'info', 'The directory changed a user (attributes, active state)'),
  'directory.user.deleted': auditAction(
    'access',
    'warning',
    'The directory deleted a user: deactivated and detached, history kept',
  ),
  'directory.group.created': auditAction('access', 'info', 'The directory created a group'),
  'directory.group.updated': auditAction(
    'access',
    'warning',
    'The directory changed a group or its members (roles follow mapped groups)',
  ),
  'directory.group.deleted': auditAction('access', 'warning', 'The directory deleted a group (roles it granted are taken back)'),
});

/** A user as directory events describe it. */
const directoryUser = {
  id: payload.string({ format: 'uuid' }),
  email: payload.string({ description: 'The SCIM userName' }),
  name: payload.string(),
  status: payload.enum(['invited', 'active', 'deactivated']),
  externalId: payload.nullable(payload.string({ description: 'The directory\u2019s own id of the user' })),
};

const memberIds = (description: string) => payload.array(payload.string({ format: 'uuid' }), { description });

/** The domain events (webhook event types) directory sync emits, with the JSON Schema of their data. */
export const DIRECTORY_EVENTS = defineDomainEvents({
  'user.provisioned': {
    description: 'The directory (SCIM) created a user or adopted an existing one',
    schema: payload.object(directoryUser),
  },
  'user.deprovisioned': {
    description: 'The directory (SCIM) deactivated or deleted a user',
    schema: payload.object({
      ...directoryUser,
      deleted: payload.boolean({
        description: 'true: deleted in the directory (deactivated and detached here); false: set inactive',
      }),
    }),
  },
  'group.updated': {
    description: 'The directory (SCIM) created, changed or deleted a group or its members',
    schema: payload.object({
      id: payload.string({ format: 'uuid' }),
      displayName: payload.string(),
      members: memberIds('The group\u2019s members (user ids) after the change'),
      added: memberIds('Users who joined the group in this change'),
      removed: memberIds('Users who left the group in this change'),
      deleted: payload.boolean({ description: 'true: the group was deleted' }),
    }),
  },
});

type DirectoryAuditActions = typeof DIRECTORY_AUDIT_ACTIONS;
type DirectoryEvents = DomainEventsOf<typeof DIRECTORY_EVENTS>;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends DirectoryAuditActions {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEventMap extends DirectoryEvents {}
}
