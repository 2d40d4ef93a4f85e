import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform schema: tenant registry, per-tenant migration log, platform staff. */
export class CreatePlatform1795419900000 implements MigrationInterface {
  name = 'CreatePlatform1795419900000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform.tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL CONSTRAINT tenants_slug_key UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{2,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        status text NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'deleted')),
        plan text NOT NULL CHECK (plan IN ('free', 'starter', 'professional', 'enterprise', 'custom')),
        limit_overrides jsonb NOT NULL DEFAULT '{}',
        settings jsonb NOT NULL DEFAULT '{}',
        schema_name text NOT NULL UNIQUE,
        role_name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        suspended_at timestamptz,
        deleted_at timestamptz,
        purged_at timestamptz
      )`);
    await qr.query(`CREATE INDEX tenants_status_created_idx ON platform.tenants (status, created_at)`);
    await qr.query(`CREATE INDEX tenants_created_idx ON platform.tenants (created_at, id)`);
    await qr.query(`
      CREATE TABLE platform.tenant_migrations (
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, name)
      )`);
    await qr.query(`
      CREATE TABLE platform.platform_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['super_admin', 'support']::text[]),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await qr.query(`CREATE UNIQUE INDEX platform_users_email_key ON platform.platform_users (lower(email))`);
    await qr.query(`
      CREATE TABLE platform.platform_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES platform.platform_users (id) ON DELETE CASCADE,
        refresh_token_hash text NOT NULL UNIQUE,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await qr.query(`CREATE INDEX platform_sessions_user_idx ON platform.platform_sessions (user_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE platform.platform_sessions`);
    await qr.query(`DROP TABLE platform.platform_users`);
    await qr.query(`DROP TABLE platform.tenant_migrations`);
    await qr.query(`DROP TABLE platform.tenants`);
  }
}
