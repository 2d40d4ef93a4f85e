import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainEvents } from '@stratum/common';
import { QUEUES } from '@stratum/database';
import { DeliveryQueue } from './delivery/delivery-queue';
import { EndpointDisabler } from './delivery/endpoint-disabler';
import { EndpointSlots } from './delivery/endpoint-slots';
import { WebhookDeliveries } from './delivery/webhook-deliveries';
import { WebhookDeliveriesRepository } from './delivery/webhook-deliveries.repository';
import { EndpointSecrets } from './endpoints/endpoint-secrets';
import { EndpointsController } from './endpoints/endpoints.controller';
import { EndpointsRepository } from './endpoints/endpoints.repository';
import { EndpointsService } from './endpoints/endpoints.service';
import { WebhookEndpoint } from './endpoints/webhook-endpoint.entity';
import { EventTypesController } from './event-types/event-types.controller';
import { TenantScan } from './maintenance/tenant-scan';
import { TenantScanRepository } from './maintenance/tenant-scan.repository';
import { WebhookRetention } from './maintenance/webhook-retention';
import { WebhookRetentionRepository } from './maintenance/webhook-retention.repository';
import { MessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { WebhookMessage } from './messages/webhook-message.entity';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxDomainEvents } from './outbox/outbox-domain-events';
import { OutboxSignal } from './outbox/outbox-signal';
import { OutboxSweeper } from './outbox/outbox-sweeper';

const repositories = [
  OutboxRepository,
  WebhookDeliveriesRepository,
  EndpointsRepository,
  MessagesRepository,
  TenantScanRepository,
  WebhookRetentionRepository,
];

const providers = [
  ...repositories,
  OutboxSignal,
  OutboxDomainEvents,
  DeliveryQueue,
  EndpointSecrets,
  EndpointSlots,
  EndpointDisabler,
  WebhookDeliveries,
  EndpointsService,
  MessagesService,
  TenantScan,
  OutboxSweeper,
  WebhookRetention,
];

/**
 * Signed webhooks with an outbox. Both apps import it: the API for the routes and for
 * DomainEvents (which every library below writes its events through); the worker adds the
 * OutboxRelay and the delivery processor.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookMessage]), BullModule.registerQueue({ name: QUEUES.webhooks })],
  controllers: [EventTypesController, EndpointsController, MessagesController],
  providers: [...providers, { provide: DomainEvents, useExisting: OutboxDomainEvents }],
  exports: [...providers, DomainEvents],
})
export class WebhooksModule {}
