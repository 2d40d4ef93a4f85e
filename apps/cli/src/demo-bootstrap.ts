import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@stratum/config';
import { TenantsService } from '@stratum/platform';
import { ProjectsService } from '@stratum/projects';
import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { ApiModule } from '../../api/src/app.module';

export interface DemoAccounts {
  superAdmin: { email: string; password: string };
  demoTenant?: { slug: string; email: string; password: string };
}

/**
 * Creates, unless disabled, a demo tenant with a sample project. Idempotent. (The super admin
 * named by SUPERADMIN_EMAIL/SUPERADMIN_PASSWORD is created by the app itself at start.)
 */
export async function bootstrapDemo(config: AppConfig, accounts: DemoAccounts): Promise<{ demoCreated: boolean }> {
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot({ config }), { logger: ['error', 'warn'] });
  try {
    let demoCreated = false;
    const demo = accounts.demoTenant;
    if (demo && !(await app.get(TenantRegistry).find(demo.slug))) {
      const tenant = await app.get(TenantsService).create({
        name: 'Demo Company',
        slug: demo.slug,
        plan: 'professional',
        admin: { email: demo.email, name: 'Demo Admin', password: demo.password },
      });
      const registered = (await app.get(TenantRegistry).find(tenant.id))!;
      await app.get(TenantDatabase).run(registered, async (em) => {
        const [admin] = await em.query('SELECT id FROM users LIMIT 1');
        return app.get(ProjectsService).create({ name: 'Sample project', description: 'Created by npm start' }, admin.id);
      });
      demoCreated = true;
    }
    return { demoCreated };
  } finally {
    await app.close();
  }
}
