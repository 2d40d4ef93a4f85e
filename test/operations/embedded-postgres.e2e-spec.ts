import { startEmbeddedPostgres } from '@stratum/devenv';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` and `npm test` without DATABASE_URL run the embedded PostgreSQL in the calling
 * process. Its package hooks the process's exit and used to end it with status 0 whatever the
 * test runner had set: a failing CI run reported success.
 */
describe('embedded PostgreSQL', () => {
  it("runs a real server and leaves the process's exit handling alone", async () => {
    const before = { beforeExit: process.listenerCount('beforeExit'), exit: process.listenerCount('exit') };
    const dir = join(tmpdir(), `stratum-embedded-${process.pid}-${Date.now()}`);
    const server = await startEmbeddedPostgres(dir, () => undefined, { persistent: false });
    try {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query('SELECT 1 + 1 AS two')).rows[0].two).toBe(2);
      await client.end();
      expect(process.listenerCount('beforeExit')).toBe(before.beforeExit);
      expect(process.listenerCount('exit')).toBe(before.exit);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
