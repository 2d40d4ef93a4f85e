import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which PostgreSQL cluster holds each tenant's schema and role: `main` (DATABASE_URL, where the
 * platform schema lives) unless placed on one of DATABASE_CLUSTERS. Placement counts live tenants
 * per cluster, hence the index.
 */
export class AddTenantCluster1795419980001 implements MigrationInterface {
  name = 'AddTenantCluster1795419980001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `ALTER TABLE platform.tenants ADD COLUMN cluster text NOT NULL DEFAULT 'main' CHECK (cluster ~ '^[a-z][a-z0-9_-]{0,31}$')`,
    );
    await qr.query(`CREATE INDEX tenants_cluster_idx ON platform.tenants (cluster) WHERE purged_at IS NULL`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE platform.tenants DROP COLUMN cluster`);
  }
}
