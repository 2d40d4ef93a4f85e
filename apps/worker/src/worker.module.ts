import { BullModule } from '@nestjs/bullmq';
import { AuditModule } from '@stratum/audit';
import { DynamicModule, Module } from '@nestjs/common';
import { loggingModule } from '@stratum/common';
import { AppConfig, ConfigModule } from '@stratum/config';
import { DatabaseModule, QUEUES, QueuesModule } from '@stratum/database';
import { IdentityModule } from '@stratum/identity';
import { MailModule } from '@stratum/mail';
import { MIGRATIONS } from '@stratum/migrations';
import { PlatformModule } from '@stratum/platform';
import { RbacModule } from '@stratum/rbac';
import { EntitlementsModule } from '@stratum/entitlements';
import { TenancyModule } from '@stratum/tenancy';
import { OutboxRelay, WebhooksModule } from '@stratum/webhooks';
import { ClsModule } from 'nestjs-cls';
import { EmailProcessor } from './email/email.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';

/** The worker process: BullMQ processors only; no HTTP but its health and metrics endpoint. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClsModule.forRoot({ global: true }),
        loggingModule({ level: config.LOG_LEVEL, pretty: config.logPretty, service: 'stratum-worker' }),
        DatabaseModule,
        QueuesModule.forRoot({ producerOnly: false }),
        MailModule,
        TenancyModule.forRoot(MIGRATIONS),
        EntitlementsModule,
        RbacModule,
        IdentityModule,
        AuditModule,
        PlatformModule,
        WebhooksModule,
        BullModule.registerQueue({ name: QUEUES.maintenance }),
      ],
      providers: [MaintenanceProcessor, EmailProcessor, WebhookDeliveryProcessor, OutboxRelay, WorkerMetrics],
    };
  }
}
