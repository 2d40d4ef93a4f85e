import { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTablesSql } from '../shared/audit-tables';

/**
 * The tenant audit trail: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE; the
 * tenant role may only INSERT and SELECT), hash-chained, with the chain head kept apart so that
 * deleting the newest events is detected. Old events go only through audit_purge(), which the
 * tenant role cannot call.
 */
export class CreateAudit1795419940000 implements MigrationInterface {
  name = 'CreateAudit1795419940000';

  async up(qr: QueryRunner): Promise<void> {
    for (const statement of auditTablesSql('')) await qr.query(statement);
    // The tenant role is named like its schema; it reads and appends, nothing else.
    await qr.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', current_schema());
        EXECUTE format('REVOKE INSERT, DELETE, TRUNCATE ON audit_chain FROM %I', current_schema());
      END $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION audit_purge(timestamptz)`);
    await qr.query(`DROP TABLE audit_chain`);
    await qr.query(`DROP TABLE audit_events`);
    await qr.query(`DROP FUNCTION audit_refuse_change()`);
  }
}
