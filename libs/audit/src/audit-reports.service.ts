import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface Range {
  from?: Date;
  to?: Date;
}

const range = (r: Range) => [r.from ?? new Date(0), r.to ?? new Date('9999-01-01')];

/** Compliance reports over a tenant's trail and access data. */
@Injectable()
export class AuditReportsService {
  /** Who can do what right now: users with their live roles and their per-resource grants. */
  async accessControl(em: EntityManager) {
    const users: { id: string; email: string; name: string; status: string; roles: string[] | null }[] = await em.query(`
      SELECT u.id, u.email, u.name, u.status,
             array_agg(r.key ORDER BY r.key) FILTER (WHERE r.key IS NOT NULL) AS roles
        FROM users u
        LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
        LEFT JOIN roles r ON r.id = ur.role_id
       GROUP BY u.id ORDER BY u.email`);
    const grants: { user_id: string; resource_type: string; resource_id: string; permissions: string[] }[] = await em.query(
      `SELECT user_id, resource_type, resource_id, permissions FROM resource_grants ORDER BY resource_type, resource_id`,
    );
    const expiring: { user_id: string; key: string; expires_at: Date }[] = await em.query(`
      SELECT ur.user_id, r.key, ur.expires_at FROM user_roles ur JOIN roles r ON r.id = ur.role_id
       WHERE ur.expires_at > now() ORDER BY ur.expires_at`);
    return {
      generatedAt: new Date().toISOString(),
      users: users.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        status: u.status,
        roles: u.roles ?? [],
        grants: grants
          .filter((g) => g.user_id === u.id)
          .map((g) => ({ resourceType: g.resource_type, resourceId: g.resource_id, permissions: g.permissions })),
        expiringRoles: expiring.filter((e) => e.user_id === u.id).map((e) => ({ role: e.key, expiresAt: e.expires_at })),
      })),
    };
  }

  /** How many changes, by whom and to what, in a period. */
  async changes(em: EntityManager, r: Range) {
    const [from, to] = range(r);
    const byActor = await em.query(
      `SELECT actor_type AS "actorType", actor_id AS "actorId", actor_email AS "actorEmail", count(*)::int AS changes
         FROM audit_events WHERE outcome = 'success' AND category IN ('data', 'access', 'admin') AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY actor_type, actor_id, actor_email ORDER BY changes DESC`,
      [from, to],
    );
    const byResource = await em.query(
      `SELECT resource_type AS "resourceType", action, count(*)::int AS changes
         FROM audit_events WHERE outcome = 'success' AND category IN ('data', 'access', 'admin') AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY resource_type, action ORDER BY resource_type, action`,
      [from, to],
    );
    return { from, to, byActor, byResource };
  }

  /** Security events in a period: failed logins by IP, lockouts, refusals, impersonations. */
  async security(em: EntityManager, r: Range) {
    const [from, to] = range(r);
    const failedLoginsByIp = await em.query(
      `SELECT coalesce(ip, 'unknown') AS ip, count(*)::int AS failures, count(DISTINCT actor_email)::int AS accounts
         FROM audit_events WHERE action IN ('auth.login', 'auth.mfa.verify') AND outcome = 'failure' AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY ip ORDER BY failures DESC`,
      [from, to],
    );
    const lockouts = await em.query(
      `SELECT occurred_at AS "occurredAt", actor_id AS "userId", actor_email AS email, ip
         FROM audit_events WHERE action = 'auth.account.locked' AND occurred_at >= $1 AND occurred_at < $2 ORDER BY seq DESC`,
      [from, to],
    );
    const denials = await em.query(
      `SELECT actor_type AS "actorType", actor_id AS "actorId", actor_email AS "actorEmail", count(*)::int AS denials
         FROM audit_events WHERE action = 'access.denied' AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY actor_type, actor_id, actor_email ORDER BY denials DESC`,
      [from, to],
    );
    const impersonations = await em.query(
      `SELECT occurred_at AS "occurredAt", action, impersonator, actor_id AS "userId", metadata
         FROM audit_events WHERE (action LIKE 'impersonation.%' OR impersonator IS NOT NULL) AND occurred_at >= $1 AND occurred_at < $2
        ORDER BY seq DESC LIMIT 1000`,
      [from, to],
    );
    const refreshTokenReuse = await em.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.refresh_token.reused' AND occurred_at >= $1 AND occurred_at < $2`,
      [from, to],
    );
    return { from, to, failedLoginsByIp, lockouts, denials, impersonations, refreshTokenReuse: refreshTokenReuse[0].n };
  }
}
