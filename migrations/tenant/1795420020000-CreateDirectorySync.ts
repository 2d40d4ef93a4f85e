import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Directory sync (SCIM 2.0): the tokens an identity provider presents, the directory's own
 * attributes of a user (beside the account), its groups and their members, which groups grant
 * which roles, which roles the directory itself granted (so hand-granted ones are never taken
 * away by it), and the log of what the directory changed. The audit trail learns a new actor
 * type, `directory`.
 */
export class CreateDirectorySync1795420020000 implements MigrationInterface {
  name = 'CreateDirectorySync1795420020000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_type_check`);
    await qr.query(`
      ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_type_check
        CHECK (actor_type IN ('user', 'api_key', 'directory', 'platform_user', 'system', 'anonymous'))`);
    await qr.query(`
      CREATE TABLE directory_tokens (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        secret_hash text NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await qr.query(`
      CREATE TABLE directory_users (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        external_id text,
        given_name text,
        family_name text,
        display_name text,
        emails jsonb NOT NULL DEFAULT '[]',
        employee_number text,
        department text,
        manager_id text,
        deleted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX directory_users_external_idx ON directory_users (external_id)`);
    await qr.query(`
      CREATE TABLE directory_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
        external_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE UNIQUE INDEX directory_groups_name_key ON directory_groups (lower(display_name))`);
    await qr.query(`
      CREATE TABLE directory_group_members (
        group_id uuid NOT NULL REFERENCES directory_groups (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
      )`);
    await qr.query(`CREATE INDEX directory_group_members_user_idx ON directory_group_members (user_id)`);
    await qr.query(`
      CREATE TABLE directory_group_roles (
        group_ref text NOT NULL CHECK (length(group_ref) BETWEEN 1 AND 256),
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
        PRIMARY KEY (group_ref, role_id)
      )`);
    await qr.query(`
      CREATE TABLE directory_role_grants (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      )`);
    await qr.query(`
      CREATE TABLE directory_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        type text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        token_id uuid,
        user_id uuid,
        group_id uuid,
        detail text NOT NULL DEFAULT ''
      )`);
    await qr.query(`CREATE INDEX directory_events_occurred_idx ON directory_events (occurred_at DESC, id DESC)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'directory_events',
      'directory_role_grants',
      'directory_group_roles',
      'directory_group_members',
      'directory_groups',
      'directory_users',
      'directory_tokens',
    ]) {
      await qr.query(`DROP TABLE ${table}`);
    }
    await qr.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_type_check`);
    await qr.query(`
      ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_type_check
        CHECK (actor_type IN ('user', 'api_key', 'platform_user', 'system', 'anonymous'))`);
  }
}
