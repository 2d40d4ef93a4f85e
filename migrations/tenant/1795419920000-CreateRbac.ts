import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roles, role assignments (optionally expiring) and per-resource grants. System roles are rows (so assignments can reference them) whose
 * permissions come from the catalogue in code, so they stay in step with it without migrations.
 */
export class CreateRbac1795419920000 implements MigrationInterface {
  name = 'CreateRbac1795419920000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        permissions text[] NOT NULL DEFAULT '{}',
        is_system boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`
      CREATE TABLE user_roles (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
        expires_at timestamptz,
        granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role_id)
      )`);
    await qr.query(`CREATE INDEX user_roles_role_idx ON user_roles (role_id)`);
    // Permissions on one resource (a project, say) for one user; resources of other kinds can
    // use the same table. The owning module removes a resource's grants when it deletes it.
    await qr.query(`
      CREATE TABLE resource_grants (
        resource_type text NOT NULL CHECK (resource_type ~ '^[a-z][a-z_]{1,31}$'),
        resource_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        permissions text[] NOT NULL CHECK (cardinality(permissions) > 0),
        granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resource_type, resource_id, user_id)
      )`);
    await qr.query(`CREATE INDEX resource_grants_user_idx ON resource_grants (user_id, resource_type)`);
    await qr.query(`
      INSERT INTO roles (key, name, description, is_system) VALUES
        ('tenant_admin', 'Tenant admin', 'Everything in the tenant', true),
        ('project_manager', 'Project manager', 'Projects and documents; read users', true),
        ('member', 'Member', 'Read and write projects and documents', true),
        ('auditor', 'Auditor', 'Read everything, read and export the audit log', true),
        ('viewer', 'Viewer', 'Read-only', true)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE resource_grants`);
    await qr.query(`DROP TABLE user_roles`);
    await qr.query(`DROP TABLE roles`);
  }
}
