import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { emptyToUndefined, Setting, Settings, SettingsGroup, toBool } from './setting';

/** Logs and metrics. */
@SettingsGroup('observability', 'Logs and metrics')
export class ObservabilitySettings extends Settings {
  @Setting({ description: 'pino level (`silent` to mute)' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Setting({
    description: 'human-readable logs (`pino-pretty`, a development dependency; JSON when it is not installed)',
    default: 'on when stdout is a terminal outside production, off otherwise',
  })
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  LOG_PRETTY?: boolean;

  get logPretty(): boolean {
    return this.LOG_PRETTY ?? (!this.isProduction && process.stdout.isTTY === true);
  }

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
