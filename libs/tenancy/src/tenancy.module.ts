import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantContext } from './context/tenant-context';
import { PlatformDatabase } from './context/platform-database';
import { TenantDatabase } from './context/tenant-database';
import { UnitOfWork } from './context/unit-of-work';
import { ReleaseOnCloseMiddleware } from './http/release-on-close.middleware';
import { TenantGuard } from './http/tenant.guard';
import { UnitOfWorkInterceptor } from './http/unit-of-work.interceptor';
import { MIGRATION_SET, MigrationSet } from './migrations/migration-set';
import { MigrationRunner } from './migrations/migration-runner.service';
import { TenantMover } from './provisioning/tenant-mover.service';
import { TenantProvisioner } from './provisioning/tenant-provisioner.service';
import { Tenant } from './registry/tenant.entity';
import { TenantRegistry } from './registry/tenant-registry.service';

const providers = [
  TenantRegistry,
  TenantContext,
  UnitOfWork,
  TenantDatabase,
  PlatformDatabase,
  TenantGuard,
  UnitOfWorkInterceptor,
  MigrationRunner,
  TenantProvisioner,
  TenantMover,
];

@Global()
@Module({})
export class TenancyModule implements NestModule {
  static forRoot(migrations: MigrationSet): DynamicModule {
    return {
      module: TenancyModule,
      imports: [TypeOrmModule.forFeature([Tenant])],
      providers: [{ provide: MIGRATION_SET, useValue: migrations }, ...providers],
      exports: [TypeOrmModule, ...providers],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ReleaseOnCloseMiddleware).forRoutes('{*path}');
  }
}
