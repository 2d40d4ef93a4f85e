import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@stratum/database';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';

/** Queues for platform staff (the API only: the worker has its own handles on the queues it works). */
@Module({
  imports: [BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })))],
  controllers: [QueuesController],
  providers: [QueuesService],
  exports: [QueuesService],
})
export class PlatformQueuesModule {}
