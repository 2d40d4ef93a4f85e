import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@stratum/config';
import { HealthProbe } from '@stratum/database';
import { createServer, Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  health?: Server;
  close(): Promise<void>;
}

/** Starts the processors and a small HTTP server answering /health/live and /health/ready. */
export async function startWorker(config: AppConfig): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
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
  let health: Server | undefined;
  if (config.WORKER_HEALTH_PORT) {
    health = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.url === '/health/live') return send(200, { status: 'ok', checks: {} });
      if (req.url === '/health/ready') {
        void readiness().then((r) => send(r.status === 'unavailable' ? 503 : 200, r));
        return;
      }
      send(404, { status: 404, title: 'Not found' });
    });
    await new Promise<void>((resolve) => health!.listen(config.WORKER_HEALTH_PORT, config.HOST, resolve));
  }
  return {
    app,
    health,
    async close() {
      probe.drain();
      await new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
      await app.close();
    },
  };
}
