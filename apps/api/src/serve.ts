import { Logger, Type } from '@nestjs/common';
import type { AppConfig } from '@stratum/config';
import { HealthProbe, poolStats } from '@stratum/database';
import { DataSource } from 'typeorm';
import type { Server } from 'node:http';
import { createApiApp } from './create-api-app';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Listens, and stops gracefully on SIGTERM/SIGINT: readiness goes false, no new connections,
 * in-flight requests finish, including those whose client went away (bounded by
 * SHUTDOWN_GRACE_MS), then the pool and Redis close.
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
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    await new Promise((resolve) => server.close(resolve));
    clearTimeout(force);
    // A client that went away leaves its request running: wait until no connection is checked out.
    const dataSource = app.get(DataSource);
    while (Date.now() < deadline) {
      const pool = poolStats(dataSource);
      if (pool.total === pool.idle && pool.waiting === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
