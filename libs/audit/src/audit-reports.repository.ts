import { Injectable } from '@nestjs/common';
import { GenerateSql, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import {
  ChangesByActorDto,
  ChangesByResourceDto,
  DenialsDto,
  FailedLoginsByIpDto,
  ImpersonationEventDto,
  LockoutDto,
} from './dto/audit-reports.dto';

const PERIOD = { params: [SAMPLE.date, new Date('2026-02-01T00:00:00.000Z')] };

/** Who can do what, and what happened in a period: the reads behind the compliance reports. */
@Injectable()
export class AuditReportsRepository {
  /** Users with their live roles. */
  @GenerateSql()
  usersWithRoles(
    em: EntityManager,
  ): Promise<{ id: string; email: string; name: string; status: string; roles: string[] | null }[]> {
    return em.query(`
      SELECT u.id, u.email, u.name, u.status,
             array_agg(r.key ORDER BY r.key) FILTER (WHERE r.key IS NOT NULL) AS roles
        FROM users u
        LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
        LEFT JOIN roles r ON r.id = ur.role_id
       GROUP BY u.id ORDER BY u.email`);
  }

  @GenerateSql()
  grants(em: EntityManager): Promise<{ user_id: string; resource_type: string; resource_id: string; permissions: string[] }[]> {
    return em.query(
      `SELECT user_id, resource_type, resource_id, permissions FROM resource_grants ORDER BY resource_type, resource_id`,
    );
  }

  /** Role assignments that end at a set time, soonest first. */
  @GenerateSql()
  expiringRoles(em: EntityManager): Promise<{ user_id: string; key: string; expires_at: Date }[]> {
    return em.query(`
      SELECT ur.user_id, r.key, ur.expires_at FROM user_roles ur JOIN roles r ON r.id = ur.role_id
       WHERE ur.expires_at > now() ORDER BY ur.expires_at`);
  }

  /** Successful changes in [from, to) by actor, most first. */
  @GenerateSql(PERIOD)
  changesByActor(em: EntityManager, from: Date, to: Date): Promise<ChangesByActorDto[]> {
    return em.query(
      `
      SELECT actor_type AS "actorType", actor_id AS "actorId", actor_email AS "actorEmail", count(*)::int AS changes
        FROM audit_events WHERE outcome = 'success' AND category IN ('data', 'access', 'admin') AND occurred_at >= $1 AND occurred_at < $2
       GROUP BY actor_type, actor_id, actor_email ORDER BY changes DESC`,
      [from, to],
    );
  }

  /** Successful changes in [from, to) by resource type and action. */
  @GenerateSql(PERIOD)
  changesByResource(em: EntityManager, from: Date, to: Date): Promise<ChangesByResourceDto[]> {
    return em.query(
      `
      SELECT resource_type AS "resourceType", action, count(*)::int AS changes
        FROM audit_events WHERE outcome = 'success' AND category IN ('data', 'access', 'admin') AND occurred_at >= $1 AND occurred_at < $2
       GROUP BY resource_type, action ORDER BY resource_type, action`,
      [from, to],
    );
  }

  @GenerateSql(PERIOD)
  failedLoginsByIp(em: EntityManager, from: Date, to: Date): Promise<FailedLoginsByIpDto[]> {
    return em.query(
      `
      SELECT coalesce(ip, 'unknown') AS ip, count(*)::int AS failures, count(DISTINCT actor_email)::int AS accounts
        FROM audit_events WHERE action IN ('auth.login', 'auth.mfa.verify') AND outcome = 'failure' AND occurred_at >= $1 AND occurred_at < $2
       GROUP BY ip ORDER BY failures DESC`,
      [from, to],
    );
  }

  @GenerateSql(PERIOD)
  lockouts(em: EntityManager, from: Date, to: Date): Promise<LockoutDto[]> {
    return em.query(
      `
      SELECT occurred_at AS "occurredAt", actor_id AS "userId", actor_email AS email, ip
        FROM audit_events WHERE action = 'auth.account.locked' AND occurred_at >= $1 AND occurred_at < $2 ORDER BY seq DESC`,
      [from, to],
    );
  }

  @GenerateSql(PERIOD)
  denials(em: EntityManager, from: Date, to: Date): Promise<DenialsDto[]> {
    return em.query(
      `
      SELECT actor_type AS "actorType", actor_id AS "actorId", actor_email AS "actorEmail", count(*)::int AS denials
        FROM audit_events WHERE action = 'access.denied' AND occurred_at >= $1 AND occurred_at < $2
       GROUP BY actor_type, actor_id, actor_email ORDER BY denials DESC`,
      [from, to],
    );
  }

  /** Impersonation sessions and what was done under them, newest first (1000 at most). */
  @GenerateSql(PERIOD)
  impersonations(em: EntityManager, from: Date, to: Date): Promise<ImpersonationEventDto[]> {
    return em.query(
      `
      SELECT occurred_at AS "occurredAt", action, impersonator, actor_id AS "userId", metadata
        FROM audit_events WHERE (action LIKE 'impersonation.%' OR impersonator IS NOT NULL) AND occurred_at >= $1 AND occurred_at < $2
       ORDER BY seq DESC LIMIT 1000`,
      [from, to],
    );
  }

  /** How many refresh tokens were presented again (a sign of theft). */
  @GenerateSql(PERIOD)
  async refreshTokenReuse(em: EntityManager, from: Date, to: Date): Promise<number> {
    const [{ n }] = await em.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.refresh_token.reused' AND occurred_at >= $1 AND occurred_at < $2`,
      [from, to],
    );
    return n;
  }
}
