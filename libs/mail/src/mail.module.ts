import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '@stratum/database';
import { MailService } from './mail.service';

@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.email })],
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
