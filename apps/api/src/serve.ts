import { Logger, Type } from '@nestjs/common';
import type { AppConfig } from '@stratum/config';
import { HealthProbe } from '@stratum/database';
import type { Server } from 'node:http';
import { createApiApp } from './create-api-app';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Listens, and stops gracefully on SIGTERM/SIGINT: readiness goes false, no new connections,
 * in-flight requests finish (bounded by SHUTDOWN_GRACE_MS), then the pool and Redis close.
 */
export async function serveApi(config: AppConfig, extraModules: Type[] = [], host = config.HOST): Promise<void> {
  const app = await createApiApp(config, extraModules);
  await app.listen(config.PORT, host);
  const server = app.getHttpServer() as Server;
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining`);
    app.get(HealthProbe).drain();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    await new Promise((resolve) => server.close(resolve));
    clearTimeout(force);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
