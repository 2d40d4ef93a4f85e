import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthProbe, HealthReport } from '@stratum/database';
import { Public } from '@stratum/rbac';
import { NoRateLimit } from '@stratum/admission';
import type { Response } from 'express';

class HealthDto implements HealthReport {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable'],
    description: '`degraded`: ready, but a database cluster other than main is down (its tenants get 503)',
  })
  status: 'ok' | 'degraded' | 'unavailable';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
    example: { database: 'up', redis: 'up', 'database:eu2': 'up' },
    description: 'Each dependency checked (none for liveness)',
  })
  checks: Record<string, 'up' | 'down'>;
}

@ApiTags('Health')
// Load balancers poll these; they are never rate limited.
@NoRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly probe: HealthProbe) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok', checks: {} };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: the main PostgreSQL cluster and Redis answer (503 otherwise, and while shutting down)',
    description: 'Another cluster of DATABASE_CLUSTERS that is down makes the status `degraded`, still 200.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const report = await this.probe.readiness();
    res.status(report.status === 'unavailable' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}
