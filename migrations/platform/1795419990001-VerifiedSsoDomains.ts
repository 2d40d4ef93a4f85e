import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SSO domains are claimed by tenants and proven through DNS: a claim is `pending` (with the
 * token to publish as a TXT record, for 7 days) until verified. Many tenants may hold pending
 * claims on one domain; one tenant at most holds it verified. Claims no longer belong to an
 * identity provider. The first-come claims of the old table become pending claims with fresh
 * tokens: their tenants prove them like any new claim.
 */
export class VerifiedSsoDomains1795419990001 implements MigrationInterface {
  name = 'VerifiedSsoDomains1795419990001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform.sso_domain_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        domain text NOT NULL CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253),
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified')),
        token text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        verified_at timestamptz,
        CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
        CHECK ((status = 'pending') = (expires_at IS NOT NULL)),
        UNIQUE (tenant_id, domain)
      )`);
    await qr.query(
      `CREATE UNIQUE INDEX sso_domain_claims_verified_idx ON platform.sso_domain_claims (domain) WHERE status = 'verified'`,
    );
    await qr.query(`CREATE INDEX sso_domain_claims_domain_idx ON platform.sso_domain_claims (domain)`);
    // gen_random_uuid() draws from the strong random source: two of them make a 256-bit token.
    await qr.query(`
      INSERT INTO platform.sso_domain_claims (domain, tenant_id, token, created_at, expires_at)
      SELECT domain, tenant_id,
             'stratum-domain-verification=' || encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex'),
             now(), now() + interval '7 days'
        FROM platform.sso_domains
      ON CONFLICT (tenant_id, domain) DO NOTHING`);
    await qr.query(`DROP TABLE platform.sso_domains`);
  }

  /** Back to first-come claims; verified claims were never tied to a provider, so none can return. */
  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform.sso_domains (
        domain text PRIMARY KEY CHECK (domain = lower(domain) AND length(domain) BETWEEN 1 AND 253),
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        provider_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX sso_domains_provider_idx ON platform.sso_domains (tenant_id, provider_id)`);
    await qr.query(`DROP TABLE platform.sso_domain_claims`);
  }
}
