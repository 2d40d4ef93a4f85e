import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuditNotes, AuditRecorder } from '@stratum/common';
import { AuditController, PlatformAuditController } from './audit.controller';
import { AuditFailureMiddleware } from './audit-failure.middleware';
import { AuditRouteGuard } from './audit-route.guard';
import { AuditInterceptor } from './audit.interceptor';
import { AuditQueryService } from './audit-query.service';
import { DirectAuditRecorder } from './audit-recorder.service';
import { AuditReportsService } from './audit-reports.service';
import { AuditRetentionService } from './audit-retention.service';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditReportsRepository } from './audit-reports.repository';
import { AuditRetentionRepository } from './audit-retention.repository';
import { AuditWriter } from './audit-writer.service';
import { TenantAuditForStaffController } from './tenant-audit-for-staff.controller';

const repositories = [AuditEventsRepository, AuditReportsRepository, AuditRetentionRepository];

const providers = [
  ...repositories,
  AuditNotes,
  AuditWriter,
  AuditQueryService,
  AuditReportsService,
  AuditRetentionService,
  AuditRouteGuard,
  AuditInterceptor,
];

@Global()
@Module({
  controllers: [AuditController, PlatformAuditController, TenantAuditForStaffController],
  providers: [...providers, { provide: AuditRecorder, useClass: DirectAuditRecorder }],
  exports: [...providers, AuditRecorder],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditFailureMiddleware).forRoutes('{*path}');
  }
}
