import { dropDatabaseAndTenantRoles, ensureDatabase, freePort, withDatabase } from '@stratum/devenv';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/fixtures';
import { buildProduct } from '../support/processes';

const ROOT = resolve(__dirname, '../..');
/** The banner's first line: what came before it is the start-up a newcomer reads through. */
const BANNER = /^\[stratum\] API {9}http:\/\/localhost:\d+\/api\/v1$/m;
const WORKER = /^\[stratum\] Worker {6}http:\/\/localhost:(\d+)\/health\/ready$/m;
const METRICS_TOKEN = 'first-start-metrics-token';

interface Checkout {
  dir: string;
  database: string;
  port: number;
  child: ChildProcess;
  output(): string;
}

/**
 * `npm start` as a newcomer runs it, twice on one machine from two checkouts (as two developers,
 * or two branches, would): only PORT differs, the worker's health port is left to its default.
 * Both come up, each worker on a port of its own; and the first start is quiet: a few lines, then
 * the banner. Each checkout has a fresh database (its first start migrates it) and its own queues.
 */
describe('npm start, twice side by side', () => {
  let build: { dir: string; remove(): void };
  const checkouts: Checkout[] = [];

  async function start(): Promise<Checkout> {
    const dir = mkdtempSync(join(tmpdir(), 'stratum-checkout-'));
    const database = `stratum_start_${randomBytes(4).toString('hex')}`;
    // As `npm start` connects to its embedded server: as the app's own role, owner of the database.
    await ensureDatabase(inject('databaseUrl'), database);
    const admin = new Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${database} OWNER TO ${inject('appRole')}`);
    await admin.end();
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      NODE_PATH: join(ROOT, 'node_modules'),
      DATABASE_URL: withDatabase(inject('appDatabaseUrl'), database),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('redisPrefix')}-start-${randomBytes(3).toString('hex')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_TOKEN,
    };
    const child = spawn(process.execPath, [join(build.dir, 'apps/cli/src/main.js'), 'start'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    const checkout = { dir, database, port, child, output: () => log };
    checkouts.push(checkout);
    return checkout;
  }

  beforeAll(() => {
    build = buildProduct();
  });

  afterAll(async () => {
    await Promise.all(
      checkouts.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.child.exitCode !== null) return done();
            const kill = setTimeout(() => c.child.kill('SIGKILL'), 20_000);
            c.child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            c.child.kill('SIGTERM');
          }),
      ),
    );
    for (const c of checkouts) {
      await dropDatabaseAndTenantRoles(inject('databaseUrl'), c.database).catch(() => undefined);
      rmSync(c.dir, { recursive: true, force: true });
    }
    build?.remove();
  });

  it('both come up, each worker on a free port it prints; the first start prints a few lines before the banner', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const workerPorts: number[] = [];
    for (const c of [a, b]) {
      const port = await eventually(
        async () => {
          if (c.child.exitCode !== null) throw new Error(`npm start exited (${c.child.exitCode}):\n${c.output()}`);
          const m = WORKER.exec(c.output());
          return m ? Number(m[1]) : null;
        },
        180_000,
        200,
      );
      workerPorts.push(port);
      expect((await fetch(`http://127.0.0.1:${c.port}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      // The worker's metrics, as the API's: behind METRICS_TOKEN, with the process metrics.
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      for (const url of [`http://127.0.0.1:${port}/metrics`, `http://127.0.0.1:${c.port}/metrics`]) {
        // A scrape reads Redis and PostgreSQL: on a busy machine, a start-up may still be answering 503.
        const text = await eventually(async () => {
          const metrics = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
          return metrics.status === 200 ? metrics.text() : null;
        }, 30_000);
        for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds'])
          expect(text, `${url}: ${name}`).toContain(`\n${name} `);
      }
    }
    expect(workerPorts[0]).not.toBe(workerPorts[1]);
    // Probes and scrapes that succeed are logged at debug, below the default level; other requests at info.
    for (const c of [a, b]) {
      expect((await fetch(`http://127.0.0.1:${c.port}/api/v1/errors`)).status).toBe(200);
      await eventually(async () => c.output().includes('"url":"/api/v1/errors"'));
      expect(c.output()).not.toMatch(/"url":"\/(health\/ready|metrics)"/);
    }
    expect(a.output()).not.toContain('EADDRINUSE');

    for (const c of [a, b]) {
      const out = c.output();
      const banner = BANNER.exec(out);
      expect(banner, out).not.toBeNull();
      const before = out
        .slice(0, banner!.index)
        .split('\n')
        .filter((line) => line.trim());
      expect(before.length, `lines before the banner:\n${before.join('\n')}`).toBeLessThanOrEqual(15);
      expect(out).not.toContain('LegacyRouteConverter');
    }

    // With no PUBLIC_APP_URL, an emailed link opens the API's own account page, on this start's port.
    const mailDir = join(a.dir, '.data/mail');
    const reset = await fetch(`http://127.0.0.1:${a.port}/api/v1/auth/password-reset/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant': 'demo' },
      body: JSON.stringify({ email: 'admin@demo.local' }),
    });
    expect(reset.status).toBe(202);
    const link = await eventually(async () => {
      const files = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
      const text = files.map((f) => readFileSync(join(mailDir, f), 'utf8').replace(/=\r?\n/g, '')).join('\n');
      return /http:\/\/localhost:\d+\/reset-password\?[^\s"<]+/.exec(text)?.[0].replace(/=3D/g, '=');
    }, 30_000);
    expect(new URL(link).port).toBe(String(a.port));
    const page = await fetch(link.replace('localhost', '127.0.0.1'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Choose a new password');
  });

  it('logs human-readable lines on a terminal (pino-pretty), JSON otherwise', async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_PATH: join(ROOT, 'node_modules'),
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: inject('redisPrefix'),
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    // `script` gives the API a terminal of its own, as `npm start` in a shell would.
    const child = spawn('script', ['-qfec', `${process.execPath} ${join(build.dir, 'apps/api/src/main.js')}`, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    try {
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`the API exited:\n${log}`);
          return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200;
        },
        60_000,
        100,
      );
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/errors`)).status).toBe(200);
      await eventually(async () => /INFO.*GET \/api\/v1\/errors 200 request completed/.test(log));
      expect(log).not.toContain('{"level"');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('names a worker health port already in use, without a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const { port } = taken.address() as AddressInfo;
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        NODE_PATH: join(ROOT, 'node_modules'),
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: inject('redisPrefix'),
        HOST: '127.0.0.1',
        WORKER_HEALTH_PORT: String(port),
        LOG_LEVEL: 'silent',
      };
      const child = spawn(process.execPath, [join(build.dir, 'apps/worker/src/main.js')], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      expect(code).toBe(1);
      expect(stderr).toContain(`WORKER_HEALTH_PORT ${port} is in use`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      taken.close();
    }
  });
});
