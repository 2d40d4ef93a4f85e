import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { isOriginList, isTrustProxy, parseOriginList, parseTrustProxy } from '../network-settings';
import { emptyToUndefined, IntRange, Setting, Settings, SettingsGroup, toBool, toInt } from './setting';

/** How the API and the worker listen, take requests and shut down. */
@SettingsGroup('server', 'Server')
export class ServerSettings extends Settings {
  @Setting({ description: 'API port' })
  @IntRange(0, 65535)
  PORT = 3000;

  @Setting({ description: "interface the API (and the worker's health server) listen on" })
  @IsString()
  HOST = '0.0.0.0';

  @Setting({ description: 'largest request body (413 above it)' })
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb, 512kb or 1048576b' })
  BODY_LIMIT = '1mb';

  @Setting({ description: 'serve Swagger UI at `/docs` and the document at `/docs-json`' })
  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  @Setting({
    description:
      'Express `trust proxy`: which proxies may name the client in `X-Forwarded-For`. `false` (clients connect directly), a hop count (`1` behind one load balancer), comma-separated addresses/CIDRs of your proxies (`loopback`, `linklocal`, `uniquelocal` too), or `true` (any; only behind a proxy that overwrites the header). Logs, the audit trail, rate limits and IP allowlists use the resulting client address',
  })
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: () => 'TRUST_PROXY must be true, false, a hop count or comma-separated addresses/CIDR ranges',
    },
  })
  TRUST_PROXY = 'false';

  get trustProxy(): boolean | number | string[] {
    return parseTrustProxy(this.TRUST_PROXY);
  }

  @Setting({
    description:
      'comma-separated origins (`https://app.example.com`) browsers may call the API from; unset, no CORS headers are sent',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isOriginList',
    validator: {
      validate: isOriginList,
      defaultMessage: () => 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com (no path)',
    },
  })
  CORS_ORIGINS?: string;

  get corsOrigins(): string[] {
    return parseOriginList(this.CORS_ORIGINS);
  }

  @Setting({
    description:
      "worker's `/health/live`, `/health/ready` and `/metrics`; `0` is any free port (logged, and shown by `npm start`)",
    default: '`3001` in production, `0` otherwise',
  })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  get workerHealthPort(): number {
    return this.WORKER_HEALTH_PORT ?? (this.isProduction ? 3001 : 0);
  }

  @Setting({
    description:
      "on SIGTERM the API reports not-ready at once but keeps accepting connections this long (answering `Connection: close`), so load balancers take it out before it stops listening; set it above your load balancer's health-check interval × failures to mark down",
    default: '`5000` in production, `0` otherwise',
  })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_DELAY_MS?: number;

  get shutdownDelayMs(): number {
    return this.SHUTDOWN_DELAY_MS ?? (this.isProduction ? 5_000 : 0);
  }

  @Setting({
    description: 'after the delay, how long requests in flight may take to finish before the remaining connections are closed',
  })
  @IntRange(0, 600_000)
  SHUTDOWN_GRACE_MS = 10_000;
}
