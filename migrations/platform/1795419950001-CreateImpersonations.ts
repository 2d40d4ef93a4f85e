import { MigrationInterface, QueryRunner } from 'typeorm';

/** Impersonation sessions of platform staff: who, as whom, why, for how long. */
export class CreateImpersonations1795419950001 implements MigrationInterface {
  name = 'CreateImpersonations1795419950001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform.impersonations (
        id uuid PRIMARY KEY,
        platform_user_id uuid NOT NULL REFERENCES platform.platform_users (id),
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        user_email text NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 1000),
        started_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by uuid
      )`);
    await qr.query(`CREATE INDEX impersonations_started_idx ON platform.impersonations (started_at DESC, id DESC)`);
    await qr.query(`CREATE INDEX impersonations_tenant_idx ON platform.impersonations (tenant_id, started_at DESC)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE platform.impersonations`);
  }
}
