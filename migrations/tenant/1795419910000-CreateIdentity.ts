import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenant users and their sessions. Runs with search_path set to the tenant schema. */
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
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await qr.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await qr.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        refresh_token_hash text NOT NULL UNIQUE,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await qr.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE sessions`);
    await qr.query(`DROP TABLE users`);
  }
}
