import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PlatformRole } from '@stratum/common';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher.service';

@Injectable()
export class PlatformUsersService {
  private readonly logger = new Logger(PlatformUsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Creates the super admin if no platform user has this email yet. Idempotent and safe to run
   * from several processes at once; an existing account (and its password) is left alone.
   */
  async ensureSuperAdmin(email: string, password: string): Promise<{ created: boolean }> {
    return this.ensure(email, 'Super admin', password, ['super_admin']);
  }

  async ensure(email: string, name: string, password: string, roles: PlatformRole[]): Promise<{ created: boolean }> {
    const passwordHash = await this.hasher.hash(password);
    const rows = await this.dataSource.query(
      `INSERT INTO platform.platform_users (email, name, password_hash, roles)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id`,
      [email.trim().toLowerCase(), name, passwordHash, roles],
    );
    const created = rows.length > 0;
    if (created) this.logger.log(`created platform user ${email} (${roles.join(', ')})`);
    return { created };
  }
}
