import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant users and everything that authenticates them: sessions and their refresh-token history
 * (reuse detection), login history, single-use tokens (password reset, email verification,
 * invitations), MFA recovery codes and API keys. Runs with search_path set to the tenant schema.
 */
export class CreateIdentity1795419910000 implements MigrationInterface {
  name = 'CreateIdentity1795419910000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) <= 320),
        name text NOT NULL DEFAULT '',
        password_hash text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'deactivated')),
        email_verified_at timestamptz,
        password_changed_at timestamptz,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        mfa_secret text,
        mfa_pending_secret text,
        mfa_enabled_at timestamptz,
        mfa_last_step bigint,
        is_break_glass boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await qr.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await qr.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await qr.query(`CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC)`);
    await qr.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await qr.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);
    await qr.query(`
      CREATE TABLE login_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        email text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'locked', 'mfa_challenge', 'mfa_failure')),
        method text NOT NULL DEFAULT 'password',
        session_id uuid,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX login_events_user_idx ON login_events (user_id, created_at DESC, id DESC)`);
    await qr.query(`
      CREATE TABLE user_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification', 'invitation')),
        token_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await qr.query(`CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose)`);
    await qr.query(`
      CREATE TABLE mfa_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await qr.query(`CREATE INDEX mfa_recovery_codes_user_idx ON mfa_recovery_codes (user_id)`);
    await qr.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        use_count bigint NOT NULL DEFAULT 0
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE api_keys, mfa_recovery_codes, user_tokens, login_events, refresh_tokens, sessions, users`);
  }
}
