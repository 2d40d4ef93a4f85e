import { Logger, Type } from '@nestjs/common';
import type { AppConfig } from '@stratum/config';
import { HealthProbe, poolStats } from '@stratum/database';
import { flushTracing } from '@stratum/tracing';
import { DataSource } from 'typeorm';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createApiApp } from './create-api-app';

/**
 * Listens, and stops gracefully on SIGTERM/SIGINT, for rolling deploys behind a load balancer:
 *  1. readiness fails at once, while the listener keeps accepting for SHUTDOWN_DELAY_MS (the load
 *     balancer's health checks need a moment to take the instance out); every answer from now on
 *     carries `Connection: close`, so kept-alive clients open their next connection elsewhere;
 *  2. the listener closes and idle connections with it; requests in flight finish, including
 *     those whose client went away (bounded by SHUTDOWN_GRACE_MS, then connections are closed);
 *  3. the pool and Redis close.
 */
export async function serveApi(config: AppConfig, extraModules: Type[] = [], host = config.HOST): Promise<void> {
  const app = await createApiApp(config, extraModules);
  const server = app.getHttpServer() as Server;
  let stopping = false;
  // First of the request listeners, so the header is there whatever answers.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
  await app.listen(config.PORT, host);
  const logger = new Logger('Shutdown');
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.get(HealthProbe).drain();
    logger.log(`${signal}: not ready; still accepting for ${config.shutdownDelayMs} ms`);
    if (config.shutdownDelayMs) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
    logger.log('draining');
    const deadline = Date.now() + config.SHUTDOWN_GRACE_MS;
    const force = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS).unref();
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    // A client that went away leaves its request running: wait until no connection is checked out.
    const dataSource = app.get(DataSource);
    while (Date.now() < deadline) {
      const pool = poolStats(dataSource);
      if (pool.total === pool.idle && pool.waiting === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await app.close();
    await flushTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
