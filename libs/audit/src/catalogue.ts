import { auditAction, defineAuditActions } from '@stratum/common';

/**
 * The audit library's own actions. Every library lists the actions it records in its own
 * catalogue file (`defineAuditActions`), which also types them (`AuditAction`): an unknown name
 * fails to compile, and the category and severity of each event come from there.
 */
export const AUDIT_LIBRARY_ACTIONS = defineAuditActions({
  'access.denied': auditAction('access', 'warning', 'A request was refused for lack of permission'),
  'audit.exported': auditAction('audit', 'warning', 'Audit log exported'),
  'audit.purged': auditAction('audit', 'warning', 'Events past the retention period removed'),
  'impersonation.request': auditAction('access', 'info', 'A request made by platform staff acting as a user'),
});

type AuditLibraryActions = typeof AUDIT_LIBRARY_ACTIONS;

declare module '@stratum/common' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActionMap extends AuditLibraryActions {}
}
