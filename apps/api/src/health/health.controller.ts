import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthProbe, HealthReport } from '@stratum/database';
import { Public } from '@stratum/rbac';
import { NoRateLimit } from '@stratum/tenancy';
import type { Response } from 'express';

class HealthDto implements HealthReport {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
    example: { database: 'up', redis: 'up' },
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
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer (503 otherwise, and while shutting down)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const report = await this.probe.readiness();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
