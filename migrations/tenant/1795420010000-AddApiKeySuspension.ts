import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deactivated user's API keys are suspended with them and stay off after a reactivation until
 * switched on one by one. Keys of users deactivated before this change are suspended now.
 */
export class AddApiKeySuspension1795420010000 implements MigrationInterface {
  name = 'AddApiKeySuspension1795420010000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE api_keys ADD COLUMN suspended_at timestamptz`);
    await qr.query(
      `UPDATE api_keys k SET suspended_at = now()
         FROM users u WHERE u.id = k.created_by AND u.status = 'deactivated' AND k.revoked_at IS NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE api_keys DROP COLUMN suspended_at`);
  }
}
