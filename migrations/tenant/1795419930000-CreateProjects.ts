import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sample domain: projects and their documents. */
export class CreateProjects1795419930000 implements MigrationInterface {
  name = 'CreateProjects1795419930000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX projects_created_idx ON projects (created_at, id)`);
    await qr.query(`CREATE INDEX projects_name_idx ON projects (name, id)`);
    await qr.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX documents_project_created_idx ON documents (project_id, created_at, id)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE documents`);
    await qr.query(`DROP TABLE projects`);
  }
}
