import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { emptyToUndefined, Setting, Settings, SettingsGroup, toBool } from './setting';

/** Logs, metrics and traces. */
@SettingsGroup('observability', 'Logs, metrics and traces')
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

  // The two OTEL_* below are read by @stratum/tracing as the process starts, before this
  // configuration loads (the SDK must come before what it instruments); declared here for the
  // docs and so a malformed value still stops the process with its name.
  @Setting({
    description:
      'OpenTelemetry: the OTLP/HTTP collector traces are sent to (`/v1/traces` is appended), e.g. `http://otel-collector:4318`; unset, tracing is off and the SDK is not even loaded. The other standard `OTEL_*` variables (`OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_TRACES_SAMPLER`, `OTEL_BSP_SCHEDULE_DELAY`, …) apply. Read as the process starts, before the rest (see [Tracing](#tracing))',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @Setting({
    description: 'the `service.name` of the traces',
    default: '`stratum-api` (API), `stratum-worker` (worker)',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  OTEL_SERVICE_NAME?: string;
}
