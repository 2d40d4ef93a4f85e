import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@stratum/config';
import { Tenant, TenantProvisioner } from '@stratum/tenancy';
import { DataSource } from 'typeorm';

/** Drops the schema and role of tenants deleted more than TENANT_PURGE_GRACE_DAYS ago. */
@Injectable()
export class TenantPurgeService {
  private readonly logger = new Logger(TenantPurgeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provisioner: TenantProvisioner,
    private readonly config: AppConfig,
  ) {}

  async purgeExpired(now = new Date()): Promise<string[]> {
    const cutoff = new Date(now.getTime() - this.config.TENANT_PURGE_GRACE_DAYS * 86_400_000);
    const due = await this.dataSource
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .where("t.status = 'deleted' AND t.purged_at IS NULL AND t.deleted_at <= :cutoff", { cutoff })
      .orderBy('t.deleted_at')
      .getMany();
    const purged: string[] = [];
    for (const tenant of due) {
      try {
        await this.provisioner.purge(tenant);
        purged.push(tenant.id);
      } catch (err) {
        this.logger.error(`could not purge tenant ${tenant.slug}: ${(err as Error).message}`);
      }
    }
    return purged;
  }
}
