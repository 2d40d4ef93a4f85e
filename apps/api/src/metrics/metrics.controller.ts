import { Controller, Get, Header, Headers, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, bearerMatches, DomainError } from '@stratum/common';
import { ObservabilitySettings } from '@stratum/config';
import { Public } from '@stratum/rbac';
import { MetricsService } from './metrics.service';

@ApiTags('Health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: ObservabilitySettings,
  ) {}

  @Get()
  @Public()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Needs `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN configured the route does not exist.',
  })
  @ApiOkResponse({ description: 'Prometheus text format' })
  @Header('Cache-Control', 'no-store')
  @ApiErrors('ROUTE_NOT_FOUND')
  async scrape(@Res({ passthrough: true }) res: Response, @Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (!token) throw new DomainError('ROUTE_NOT_FOUND');
    if (!bearerMatches(token, authorization))
      throw new DomainError('UNAUTHENTICATED', 'Send the metrics token as a bearer token');
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
