import { dropDatabaseAndTenantRoles, LocalServices } from '@stratum/devenv';
import Redis from 'ioredis';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** What the figures of a benchmark were measured on. */
export function machineFacts() {
  return { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Writes `results` to bench/results/<name>-<time>.json and returns the file. */
export function writeResults(name: string, results: unknown): string {
  const out = resolve(__dirname, '../../bench/results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/**
 * Leaves the machine as the benchmark found it: drops its database and tenant roles (unless
 * `keepDatabase`), deletes its Redis keys, stops the services it started and removes their data.
 */
export async function tearDownBench(options: {
  services: LocalServices;
  database: string;
  redisPrefix: string;
  dataDir: string;
  say: (line: string) => void;
  keepDatabase?: boolean;
}): Promise<void> {
  const { services, database, redisPrefix, dataDir, say } = options;
  if (options.keepDatabase) say(`database ${database} kept`);
  else await dropDatabaseAndTenantRoles(services.postgresUrl, database).catch((err) => say(`cleanup: ${err.message}`));
  const redis = new Redis(services.redisUrl);
  for await (const keys of redis.scanStream({ match: `${redisPrefix}*`, count: 500 }))
    if ((keys as string[]).length) await redis.del(...(keys as string[]));
  await redis.quit();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
