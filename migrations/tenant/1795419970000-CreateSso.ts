import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enterprise single sign-on: the tenant's identity providers (client secrets sealed with the key
 * ring) and the provider accounts linked to its users, one user per (provider, subject).
 */
export class CreateSso1795419970000 implements MigrationInterface {
  name = 'CreateSso1795419970000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE sso_providers (
        id uuid PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('entra', 'google', 'oidc')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
        client_secret text NOT NULL,
        issuer text,
        azure_tenant_id text,
        allowed_domains text[] NOT NULL CHECK (cardinality(allowed_domains) >= 1),
        redirect_uris text[] NOT NULL CHECK (cardinality(redirect_uris) >= 1),
        auto_provision boolean NOT NULL DEFAULT false,
        default_role text NOT NULL DEFAULT 'member',
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((type = 'entra') = (azure_tenant_id IS NOT NULL)),
        CHECK (type <> 'oidc' OR issuer IS NOT NULL)
      )`);
    await qr.query(`
      CREATE TABLE sso_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES sso_providers (id) ON DELETE CASCADE,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        CONSTRAINT sso_identities_provider_subject_key UNIQUE (provider_id, subject),
        CONSTRAINT sso_identities_provider_user_key UNIQUE (provider_id, user_id)
      )`);
    await qr.query(`CREATE INDEX sso_identities_user_idx ON sso_identities (user_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE sso_identities, sso_providers`);
  }
}
