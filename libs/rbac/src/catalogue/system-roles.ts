import { ALL_PERMISSIONS, Permission } from './permissions';

export type SystemRoleKey = 'tenant_admin' | 'project_manager' | 'member' | 'auditor' | 'viewer';

const READ_ALL = ALL_PERMISSIONS.filter((p) => p.endsWith(':read'));

/**
 * What each system role grants. System roles are seeded as rows in every tenant (so they can be
 * assigned), but their permissions are read from here, so they follow the catalogue.
 */
export const SYSTEM_ROLES: Record<SystemRoleKey, readonly Permission[]> = {
  tenant_admin: ALL_PERMISSIONS,
  project_manager: [
    'projects:read',
    'projects:create',
    'projects:update',
    'projects:delete',
    'documents:read',
    'documents:create',
    'documents:update',
    'documents:delete',
    'users:read',
  ],
  // Members see and change the projects they are granted (and those they create).
  member: ['projects:create'],
  auditor: [...READ_ALL, 'audit:export'],
  viewer: READ_ALL.filter((p) => !p.startsWith('audit:')),
};

export function isSystemRole(key: string): key is SystemRoleKey {
  return Object.prototype.hasOwnProperty.call(SYSTEM_ROLES, key);
}
