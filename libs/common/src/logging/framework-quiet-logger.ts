import type { LoggerService } from '@nestjs/common';

/** Nest's own start-up chatter (a line per module and per route, ~240 in all): worth seeing at debug, noise at info. */
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Passes everything to `inner`, Nest's start-up lines at debug. */
export class FrameworkQuietLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    if (this.fromFramework(rest)) return this.debug(message, ...rest);
    this.inner.log(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }

  /** Nest passes the context as the last argument. */
  private fromFramework(rest: unknown[]): boolean {
    const context = rest.at(-1);
    return typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
  }
}
