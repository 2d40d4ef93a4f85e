import './tracing';
import 'reflect-metadata';
import { ConfigError, loadConfig, loadDotEnv } from '@stratum/config';
import { flushTracing } from '@stratum/tracing';
import { startWorker } from './create-worker';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const worker = await startWorker(config).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    throw new ConfigError([
      `WORKER_HEALTH_PORT ${config.workerHealthPort} is in use (another worker?): set another port, or 0 for any free one`,
    ]);
  });
  // `npm start` prints where the worker answers.
  process.send?.({ workerHealthPort: worker.healthPort });
  // Graceful stop: readiness goes false, running jobs finish, then queues and the pool close.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void worker
      .close()
      .then(flushTracing)
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
