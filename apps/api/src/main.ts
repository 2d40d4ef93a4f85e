import './tracing';
import 'reflect-metadata';
import { ConfigError, loadConfig, loadDotEnv } from '@stratum/config';
import { serveApi } from './serve';

// loadConfig runs inside the chain so that a ConfigError is printed as its message, not a stack trace.
Promise.resolve()
  .then(() => {
    loadDotEnv();
    return serveApi(loadConfig());
  })
  .catch((err) => {
    // Config errors name the variable to fix; anything else is printed whole.
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  });
