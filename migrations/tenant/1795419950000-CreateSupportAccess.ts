import { MigrationInterface, QueryRunner } from 'typeorm';

/** Windows in which a tenant admin lets platform support impersonate users (policy `consent`). */
export class CreateSupportAccess1795419950000 implements MigrationInterface {
  name = 'CreateSupportAccess1795419950000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE support_access_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    await qr.query(`CREATE INDEX support_access_windows_expires_idx ON support_access_windows (expires_at DESC)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE support_access_windows`);
  }
}
