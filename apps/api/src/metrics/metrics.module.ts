import { Module } from '@nestjs/common';
import { PlatformQueuesModule } from '@stratum/platform';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [PlatformQueuesModule],
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
