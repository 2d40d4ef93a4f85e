import 'reflect-metadata';
import { ConfigError, loadConfig } from '@stratum/config';
import { serveApi } from './serve';

serveApi(loadConfig()).catch((err) => {
  // Config errors name the variable to fix; anything else is printed whole.
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
