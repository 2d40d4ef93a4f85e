import { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTablesSql } from '../shared/audit-tables';

/** The platform audit trail (super admin and support actions), shaped like the tenants' own. */
export class CreatePlatformAudit1795419940001 implements MigrationInterface {
  name = 'CreatePlatformAudit1795419940001';

  async up(qr: QueryRunner): Promise<void> {
    for (const statement of auditTablesSql('platform.')) await qr.query(statement);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION platform.audit_purge(timestamptz)`);
    await qr.query(`DROP TABLE platform.audit_chain`);
    await qr.query(`DROP TABLE platform.audit_events`);
    await qr.query(`DROP FUNCTION platform.audit_refuse_change()`);
  }
}
