/**
 * The permission catalogue: every permission a route can require, as `resource:action`.
 * This is the one place permissions are defined; `GET /api/v1/permissions` serves it.
 */
export const PERMISSIONS = {
  'users:read': 'List and view users of the tenant',
  'users:create': 'Create and invite users',
  'users:update': 'Change users\u2019 profiles and status; unlock accounts',
  'users:delete': 'Deactivate and reactivate users',
  'roles:read': 'List roles and role assignments',
  'roles:manage': 'Create, change and delete custom roles; assign and unassign roles',
  'projects:read': 'List and view projects',
  'projects:create': 'Create projects',
  'projects:update': 'Change projects and their grants',
  'projects:delete': 'Delete projects',
  'documents:read': 'List and view documents',
  'documents:create': 'Create documents',
  'documents:update': 'Change documents',
  'documents:delete': 'Delete documents',
  'audit:read': 'Search and view the audit log and its reports',
  'audit:export': 'Export the audit log',
  'webhooks:read': 'List webhook endpoints and delivery logs',
  'webhooks:manage': 'Create, change, delete and test webhook endpoints; retry deliveries',
  'api-keys:read': 'List API keys',
  'api-keys:manage': 'Create, rotate and revoke API keys',
  'settings:read': 'View tenant settings',
  'settings:manage': 'Change tenant settings',
  'sso:read': 'View identity provider configuration',
  'sso:manage': 'Configure identity providers',
  'tenant:read': 'View the tenant\u2019s plan, limits and usage',
  'directory:manage': 'Connect a directory (SCIM tokens), map its groups to roles, read what it changed',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}
