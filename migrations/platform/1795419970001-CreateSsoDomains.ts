import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email domains claimed for single sign-on. A domain belongs to one tenant (and one of its
 * identity providers) at most: home-realm discovery sends an email address to that provider.
 * Rows are written in the tenant's transaction together with the provider's configuration.
 */
export class CreateSsoDomains1795419970001 implements MigrationInterface {
  name = 'CreateSsoDomains1795419970001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform.sso_domains (
        domain text PRIMARY KEY CHECK (domain = lower(domain) AND length(domain) BETWEEN 1 AND 253),
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        provider_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX sso_domains_provider_idx ON platform.sso_domains (tenant_id, provider_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE platform.sso_domains`);
  }
}
