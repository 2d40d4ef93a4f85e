import 'reflect-metadata';
import { ConfigError, loadConfig } from '@stratum/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((err) => {
  // Config errors name the variable to fix; anything else is printed whole.
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
