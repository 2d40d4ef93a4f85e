import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@stratum/common';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { DataSource } from 'typeorm';

export interface DomainClaim {
  tenantId: string;
  providerId: string;
}

/**
 * Email domains claimed for single sign-on, platform-wide (`platform.sso_domains`): one tenant,
 * and one of its providers, per domain. Claims are written in the tenant's own transaction with
 * the provider's configuration (platform privileges for that statement only), so both commit
 * together or not at all. A domain held by a deleted tenant can be claimed again.
 */
@Injectable()
export class SsoDomains {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Makes `domains` exactly the provider's claims; CONFLICT names those held elsewhere. */
  async claim(providerId: string, domains: string[]): Promise<void> {
    const tenantId = this.tenant.get().id;
    await this.db.withPlatformPrivileges(async (em) => {
      await em.query(
        `DELETE FROM platform.sso_domains WHERE tenant_id = $1 AND provider_id = $2 AND NOT (domain = ANY($3::text[]))`,
        [tenantId, providerId, domains],
      );
      const claimed: { domain: string }[] = await em.query(
        `INSERT INTO platform.sso_domains AS d (domain, tenant_id, provider_id)
         SELECT unnest($3::text[]), $1, $2
         ON CONFLICT (domain) DO UPDATE
            SET tenant_id = EXCLUDED.tenant_id,
                provider_id = EXCLUDED.provider_id,
                created_at = CASE WHEN d.provider_id = EXCLUDED.provider_id THEN d.created_at ELSE now() END
          WHERE (d.tenant_id = EXCLUDED.tenant_id AND d.provider_id = EXCLUDED.provider_id)
             OR EXISTS (SELECT 1 FROM platform.tenants t WHERE t.id = d.tenant_id AND t.status = 'deleted')
         RETURNING domain`,
        [tenantId, providerId, domains],
      );
      const held = new Set(claimed.map((c) => c.domain));
      const taken = domains.filter((d) => !held.has(d));
      if (taken.length) {
        throw new DomainError(
          'CONFLICT',
          `Already claimed for single sign-on by another identity provider: ${taken.join(', ')}`,
          { domains: taken },
          taken.map((d) => ({ field: 'allowedDomains', message: `${d} is already claimed` })),
        );
      }
    });
  }

  async release(providerId: string): Promise<void> {
    const tenantId = this.tenant.get().id;
    await this.db.withPlatformPrivileges((em) =>
      em.query(`DELETE FROM platform.sso_domains WHERE tenant_id = $1 AND provider_id = $2`, [tenantId, providerId]),
    );
  }

  /** Who claimed a domain (read outside any unit of work, like the tenant registry). */
  async find(domain: string): Promise<DomainClaim | null> {
    const [row] = await this.dataSource.query(`SELECT tenant_id, provider_id FROM platform.sso_domains WHERE domain = $1`, [
      domain.toLowerCase(),
    ]);
    return row ? { tenantId: row.tenant_id, providerId: row.provider_id } : null;
  }
}
