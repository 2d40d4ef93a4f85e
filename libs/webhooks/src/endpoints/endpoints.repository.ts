import { Injectable } from '@nestjs/common';
import { GenerateSql, rows, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** The tenant's webhook endpoints. */
@Injectable()
export class EndpointsRepository {
  @GenerateSql()
  all(em: EntityManager): Promise<WebhookEndpoint[]> {
    return em.getRepository(WebhookEndpoint).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  @GenerateSql({ params: [SAMPLE.uuid] })
  findById(em: EntityManager, id: string): Promise<WebhookEndpoint | null> {
    return em.getRepository(WebhookEndpoint).findOneBy({ id });
  }

  /** The endpoint with its sealed secret, locked until the transaction ends (a rotation). */
  @GenerateSql({ params: [SAMPLE.uuid] })
  findWithSecretForUpdate(em: EntityManager, id: string): Promise<WebhookEndpoint | null> {
    return em
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('e')
      .addSelect('e.secret')
      .where('e.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Lines up concurrent creations in the tenant, so a count taken after it cannot be outrun. */
  @GenerateSql()
  async lockCreations(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('stratum:webhook-endpoints:' || current_schema(), 0))`);
  }

  @GenerateSql()
  async count(em: EntityManager): Promise<number> {
    const [{ n }] = await rows<{ n: string }>(em, `SELECT count(*) AS n FROM webhook_endpoints`);
    return Number(n);
  }

  @GenerateSql({
    params: [
      {
        id: SAMPLE.uuid,
        url: 'https://example.com/hook',
        description: '',
        eventTypes: ['*'],
        enabled: true,
        secret: 'sealed',
        createdBy: null,
      },
    ],
  })
  async insert(em: EntityManager, endpoint: Partial<WebhookEndpoint>): Promise<void> {
    await em.getRepository(WebhookEndpoint).insert(endpoint);
  }

  @GenerateSql({ params: [SAMPLE.uuid, { url: 'https://example.com/other', enabled: false, disabledAt: SAMPLE.date }] })
  async update(em: EntityManager, id: string, changes: Partial<WebhookEndpoint>): Promise<void> {
    await em.getRepository(WebhookEndpoint).update({ id }, changes);
  }

  /** Deletes the endpoint with its deliveries and their attempt log; answers whether it existed. */
  @GenerateSql({ params: [SAMPLE.uuid] })
  async delete(em: EntityManager, id: string): Promise<boolean> {
    return !!(await em.getRepository(WebhookEndpoint).delete({ id })).affected;
  }

  /** Disables an enabled endpoint on the system's initiative; undefined when it was already disabled (or is gone). */
  @GenerateSql({ params: [SAMPLE.uuid, 'the receiver answered 410 Gone'] })
  async disable(em: EntityManager, id: string, reason: string): Promise<{ url: string; disabled_at: Date } | undefined> {
    const [endpoint] = await rows<{ url: string; disabled_at: Date }>(
      em,
      `
      UPDATE webhook_endpoints SET enabled = false, disabled_at = now(), disabled_reason = $2, updated_at = now()
       WHERE id = $1 AND enabled RETURNING url, disabled_at`,
      [id, reason],
    );
    return endpoint;
  }

  /** Active users holding tenant_admin now: who hears that an endpoint was disabled. */
  @GenerateSql()
  tenantAdmins(em: EntityManager): Promise<{ id: string; email: string }[]> {
    return rows(
      em,
      `
      SELECT DISTINCT u.id, u.email FROM users u
        JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
        JOIN roles r ON r.id = ur.role_id AND r.key = 'tenant_admin'
       WHERE u.status = 'active'`,
    );
  }
}
