import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform schema: tenant registry, per-tenant migration log, platform staff and their sessions. */
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
        password_changed_at timestamptz,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        mfa_secret text,
        mfa_pending_secret text,
        mfa_enabled_at timestamptz,
        mfa_last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await qr.query(`CREATE UNIQUE INDEX platform_users_email_key ON platform.platform_users (lower(email))`);
    await qr.query(`
      CREATE TABLE platform.platform_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES platform.platform_users (id) ON DELETE CASCADE,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await qr.query(`CREATE INDEX platform_sessions_user_idx ON platform.platform_sessions (user_id, created_at DESC)`);
    await qr.query(`
      CREATE TABLE platform.platform_refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES platform.platform_sessions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await qr.query(`CREATE INDEX platform_refresh_tokens_session_idx ON platform.platform_refresh_tokens (session_id)`);
    await qr.query(`
      CREATE TABLE platform.platform_login_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES platform.platform_users (id) ON DELETE CASCADE,
        email text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'locked', 'mfa_challenge', 'mfa_failure')),
        method text NOT NULL DEFAULT 'password',
        session_id uuid,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(
      `CREATE INDEX platform_login_events_user_idx ON platform.platform_login_events (user_id, created_at DESC, id DESC)`,
    );
    await qr.query(`
      CREATE TABLE platform.platform_mfa_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES platform.platform_users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await qr.query(`CREATE INDEX platform_mfa_recovery_codes_user_idx ON platform.platform_mfa_recovery_codes (user_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE platform.platform_mfa_recovery_codes`);
    await qr.query(`DROP TABLE platform.platform_login_events`);
    await qr.query(`DROP TABLE platform.platform_refresh_tokens`);
    await qr.query(`DROP TABLE platform.platform_sessions`);
    await qr.query(`DROP TABLE platform.platform_users`);
    await qr.query(`DROP TABLE platform.tenant_migrations`);
    await qr.query(`DROP TABLE platform.tenants`);
  }
}
