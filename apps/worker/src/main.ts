import 'reflect-metadata';
import { ConfigError, loadConfig } from '@stratum/config';
import { startWorker } from './create-worker';

startWorker(loadConfig()).catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
