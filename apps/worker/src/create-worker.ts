import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@stratum/config';
import { HealthProbe } from '@stratum/database';
import { bearerMatches, FrameworkQuietLogger } from '@stratum/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  health: Server;
  /** The port the health server listens on (WORKER_HEALTH_PORT, or the free one found for 0). */
  healthPort: number;
  close(): Promise<void>;
}

/** Starts the processors and a small HTTP server answering /health/live, /health/ready and /metrics. */
export async function startWorker(config: AppConfig): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(new FrameworkQuietLogger(app.get(Logger)));
  await app.init();
  const probe = app.get(HealthProbe);
  const maintenance = app.get(MaintenanceProcessor);
  /**
   * PostgreSQL and Redis answer, and housekeeping runs: a webhook sweep completed within three
   * sweep intervals (schedules lost with Redis are registered again; if they are not, this fails).
   */
  const readiness = async () => {
    const [report, sweep] = await Promise.all([probe.readiness(), maintenance.sweepHealth().catch(() => undefined)]);
    const schedules = sweep?.ok ? ('up' as const) : ('down' as const);
    return {
      status: report.status === 'unavailable' || schedules === 'down' ? ('unavailable' as const) : report.status,
      checks: { ...report.checks, schedules },
      lastSweepAgeSeconds: sweep ? Math.round(sweep.lastSweepAgeMs / 1000) : null,
    };
  };
  const metrics = app.get(WorkerMetrics);
  const health = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === '/health/live') return send(200, { status: 'ok', checks: {} });
    if (req.url === '/health/ready') {
      void readiness().then((r) => send(r.status === 'unavailable' ? 503 : 200, r));
      return;
    }
    // As the API's: only with METRICS_TOKEN set, and only for its bearer.
    if (req.url === '/metrics' && config.METRICS_TOKEN) {
      if (!bearerMatches(config.METRICS_TOKEN, req.headers.authorization))
        return send(401, { status: 401, title: 'Unauthenticated' });
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(text);
      });
      return;
    }
    send(404, { status: 404, title: 'Not found' });
  });
  await new Promise<void>((resolve, reject) => {
    health.once('error', reject);
    health.listen(config.workerHealthPort, config.HOST, () => resolve());
  });
  const healthPort = (health.address() as AddressInfo).port;
  app
    .get(Logger)
    .log(`health and metrics on http://${config.HOST}:${healthPort} (/health/live, /health/ready, /metrics)`, 'Worker');
  return {
    app,
    health,
    healthPort,
    async close() {
      probe.drain();
      await new Promise((resolve) => health.close(resolve));
      await app.close();
    },
  };
}
