import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditReportsRepository } from './audit-reports.repository';

export interface Range {
  from?: Date;
  to?: Date;
}

const range = (r: Range) => [r.from ?? new Date(0), r.to ?? new Date('9999-01-01')];

/** Compliance reports over a tenant's trail and access data. */
@Injectable()
export class AuditReportsService {
  constructor(private readonly reports: AuditReportsRepository) {}

  /** Who can do what right now: users with their live roles and their per-resource grants. */
  async accessControl(em: EntityManager) {
    const users = await this.reports.usersWithRoles(em);
    const grants = await this.reports.grants(em);
    const expiring = await this.reports.expiringRoles(em);
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
    const byActor = await this.reports.changesByActor(em, from, to);
    const byResource = await this.reports.changesByResource(em, from, to);
    return { from, to, byActor, byResource };
  }

  /** Security events in a period: failed logins by IP, lockouts, refusals, impersonations. */
  async security(em: EntityManager, r: Range) {
    const [from, to] = range(r);
    const failedLoginsByIp = await this.reports.failedLoginsByIp(em, from, to);
    const lockouts = await this.reports.lockouts(em, from, to);
    const denials = await this.reports.denials(em, from, to);
    const impersonations = await this.reports.impersonations(em, from, to);
    const refreshTokenReuse = await this.reports.refreshTokenReuse(em, from, to);
    return { from, to, failedLoginsByIp, lockouts, denials, impersonations, refreshTokenReuse };
  }
}
