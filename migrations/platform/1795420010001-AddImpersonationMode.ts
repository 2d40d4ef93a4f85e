import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An impersonation is `read` (every write refused) or `write` (the few writes marked for it).
 * Impersonations started before modes existed could write: they are recorded as `write`.
 */
export class AddImpersonationMode1795420010001 implements MigrationInterface {
  name = 'AddImpersonationMode1795420010001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE platform.impersonations ADD COLUMN mode text NOT NULL DEFAULT 'write' CHECK (mode IN ('read', 'write'))`,
    );
    await qr.query(`ALTER TABLE platform.impersonations ALTER COLUMN mode DROP DEFAULT`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE platform.impersonations DROP COLUMN mode`);
  }
}
