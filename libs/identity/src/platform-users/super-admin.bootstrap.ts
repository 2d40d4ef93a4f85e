import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuthSettings } from '@stratum/config';
import { PlatformUsersService } from './platform-users.service';

/** Creates the super admin named by SUPERADMIN_EMAIL/SUPERADMIN_PASSWORD at start, once. */
@Injectable()
export class SuperAdminBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly config: AuthSettings,
    private readonly users: PlatformUsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { SUPERADMIN_EMAIL: email, SUPERADMIN_PASSWORD: password } = this.config;
    if (email && password) await this.users.ensureSuperAdmin(email, password);
  }
}
