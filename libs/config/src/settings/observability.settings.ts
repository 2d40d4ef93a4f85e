import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { emptyToUndefined, Setting, Settings, SettingsGroup, toBool } from './setting';

/** Logs and metrics. */
@SettingsGroup('observability', 'Logs and metrics')
export class ObservabilitySettings extends Settings {
  @Setting({ description: 'pino level (`silent` to mute)' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Setting({ description: 'human-readable logs (needs `pino-pretty` installed)' })
  @Transform(toBool)
  @IsBoolean()
  LOG_PRETTY = false;

  @Setting({
    description: 'bearer token of `GET /metrics` (Prometheus, 16+ characters); unset, the route does not exist',
    sensitive: true,
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;
}
