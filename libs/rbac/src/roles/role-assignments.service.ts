import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SystemRoleKey } from '../catalogue/system-roles';

/** Grants roles to users inside the caller's tenant transaction. */
@Injectable()
export class RoleAssignments {
  async assignSystemRole(em: EntityManager, userId: string, key: SystemRoleKey, expiresAt?: Date): Promise<void> {
    const inserted = await em.query(
      `INSERT INTO user_roles (user_id, role_id, expires_at)
       SELECT $1, id, $3 FROM roles WHERE key = $2 AND is_system
       ON CONFLICT (user_id, role_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
       RETURNING role_id`,
      [userId, key, expiresAt ?? null],
    );
    if (!inserted.length) throw new Error(`system role ${key} is missing from the tenant schema`);
  }

  async roleKeysOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows: { key: string }[] = await em.query(
      `SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
        WHERE ur.user_id = $1 AND (ur.expires_at IS NULL OR ur.expires_at > now()) ORDER BY r.key`,
      [userId],
    );
    return rows.map((r) => r.key);
  }
}
