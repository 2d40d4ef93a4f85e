import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuditInterceptor, AuditModule, AuditRouteGuard } from '@stratum/audit';
import { JsonOnlyMiddleware, loggingModule, ProblemDetailsFilter, strictValidationPipe } from '@stratum/common';
import { AppConfig, ConfigModule } from '@stratum/config';
import { DatabaseModule, QueuesModule } from '@stratum/database';
import { ACCOUNT_PAGE_PATHS, AuthenticationGuard, IdentityModule } from '@stratum/identity';
import { MailModule } from '@stratum/mail';
import { MIGRATIONS } from '@stratum/migrations';
import { PlatformModule, PlatformQueuesModule } from '@stratum/platform';
import { ProjectsModule } from '@stratum/projects';
import { ChangesAuthorityInterceptor, PolicyGuard, RbacModule } from '@stratum/rbac';
import { TenancyModule, TenantGuard, UnitOfWorkInterceptor } from '@stratum/tenancy';
import { IpAllowlistGuard, AdmissionModule, RateLimitGuard } from '@stratum/admission';
import { ApiQuotaGuard, PlanFeatureGuard, EntitlementsModule } from '@stratum/entitlements';
import { SsoModule } from '@stratum/sso';
import { DirectorySyncModule } from '@stratum/directory-sync';
import { WebhooksModule } from '@stratum/webhooks';
import { ClsModule } from 'nestjs-cls';
import { ErrorsController } from './errors/errors.controller';
import { MetricsModule } from './metrics/metrics.module';
import { HealthController } from './health/health.controller';

export interface ApiModuleOptions {
  config: AppConfig;
  /** Extra modules (benchmarks and tests mount their own routes this way). */
  extraModules?: Type[];
}

/**
 * The HTTP app: only composition. Guards run in this order for every route:
 * authentication (token → principal), tenant resolution (→ tenant context), the tenant's IP
 * allowlist, rate limits, policy.
 */
@Module({})
export class ApiModule implements NestModule {
  static forRoot({ config, extraModules = [] }: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClsModule.forRoot({ global: true, middleware: { mount: false } }),
        loggingModule({ level: config.LOG_LEVEL, pretty: config.logPretty, service: 'stratum-api' }),
        DatabaseModule,
        QueuesModule.forRoot({ producerOnly: true }),
        MailModule,
        TenancyModule.forRoot(MIGRATIONS),
        EntitlementsModule,
        AdmissionModule,
        RbacModule,
        IdentityModule,
        PlatformModule,
        PlatformQueuesModule,
        AuditModule,
        ProjectsModule,
        WebhooksModule,
        SsoModule,
        DirectorySyncModule,
        MetricsModule,
        ...extraModules,
      ],
      controllers: [HealthController, ErrorsController],
      providers: [
        { provide: APP_GUARD, useExisting: AuditRouteGuard },
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: TenantGuard },
        { provide: APP_GUARD, useExisting: IpAllowlistGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: PolicyGuard },
        { provide: APP_GUARD, useExisting: PlanFeatureGuard },
        { provide: APP_GUARD, useExisting: ApiQuotaGuard },
        // Outermost first: the unit of work commits after the audit event is appended.
        { provide: APP_INTERCEPTOR, useExisting: UnitOfWorkInterceptor },
        { provide: APP_INTERCEPTOR, useExisting: AuditInterceptor },
        // Innermost: a change of authority that skipped the dominance check fails before the commit.
        { provide: APP_INTERCEPTOR, useExisting: ChangesAuthorityInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Identity providers answer the SSO callback and the SAML ACS with a form post (parsed by
    // SsoModule), and the built-in account pages' forms post back to them (parsed by IdentityModule).
    consumer
      .apply(JsonOnlyMiddleware)
      .exclude(
        { path: 'auth/sso/callback', method: RequestMethod.POST },
        { path: 'auth/sso/saml/acs', method: RequestMethod.POST },
        ...ACCOUNT_PAGE_PATHS.map((p) => ({ path: p.slice(1), method: RequestMethod.POST })),
      )
      .forRoutes('{*path}');
  }
}
