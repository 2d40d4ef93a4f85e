import { freePort } from '@stratum/devenv';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { SUPERADMIN } from '../support/config';
import { eventually, uniqueSlug } from '../support/fixtures';
import { buildProduct, ProductProcess, requireProgram, startApiProcess } from '../support/processes';

const SHUTDOWN_DELAY_MS = 3000;

/**
 * A rolling restart of two API processes behind a real HAProxy (health checks on /health/ready
 * every second, a server out after one failure, no retry on another server) under constant load:
 * each instance gets SIGTERM, exits by itself and is started again, one after the other, and not
 * one client request fails.
 */
describe('rolling restart behind HAProxy', () => {
  let build: ReturnType<typeof buildProduct>;
  let dir: string;
  let haproxy: ChildProcess;
  let haproxyLog = '';
  let url: string;
  let statsUrl: string;
  const servers: Record<'a' | 'b', ProductProcess | undefined> = { a: undefined, b: undefined };
  const overrides = { SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS) };

  beforeAll(async () => {
    const bin = requireProgram('haproxy', 'apt-get install haproxy');
    build = buildProduct();
    [servers.a, servers.b] = await Promise.all([startApiProcess(build.dir, overrides), startApiProcess(build.dir, overrides)]);
    const [front, stats] = await Promise.all([freePort(), freePort()]);
    url = `http://127.0.0.1:${front}`;
    statsUrl = `http://127.0.0.1:${stats}/stats;csv`;
    dir = mkdtempSync(join(tmpdir(), 'stratum-haproxy-'));
    const config = [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  timeout http-keep-alive 30s',
      // A request that fails is the client's failure: never retried, never sent to the other server.
      '  retries 0',
      '  no option redispatch',
      'frontend api',
      `  bind 127.0.0.1:${front}`,
      '  default_backend apis',
      'backend apis',
      '  balance roundrobin',
      '  option httpchk',
      '  http-check send meth GET uri /health/ready',
      '  http-check expect status 200',
      '  default-server inter 1s fall 1 rise 1',
      `  server a 127.0.0.1:${servers.a!.port} check`,
      `  server b 127.0.0.1:${servers.b!.port} check`,
      'listen stats',
      `  bind 127.0.0.1:${stats}`,
      '  stats enable',
      '  stats uri /stats',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'haproxy.cfg'), config);
    haproxy = spawn(bin, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
    haproxy.stdout?.on('data', (c: Buffer) => (haproxyLog += c.toString()));
    haproxy.stderr?.on('data', (c: Buffer) => (haproxyLog += c.toString()));
    process.once('exit', () => haproxy.kill('SIGKILL'));
    await eventually(async () => (await serverStates()).a === 'UP' && (await serverStates()).b === 'UP', 15_000, 100).catch(
      (err: Error) => {
        throw new Error(`${err.message}\n${haproxyLog}`);
      },
    );
  });

  afterAll(() => {
    haproxy?.kill('SIGKILL');
    servers.a?.child.kill('SIGKILL');
    servers.b?.child.kill('SIGKILL');
    build?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** HAProxy's view of each server (UP, DOWN…), from its stats page. */
  async function serverStates(): Promise<Record<string, string>> {
    const csv = await fetch(statsUrl)
      .then((r) => r.text())
      .catch(() => '');
    const states: Record<string, string> = {};
    for (const line of csv.split('\n')) {
      const [proxy, server, ...rest] = line.split(',');
      if (proxy === 'apis' && (server === 'a' || server === 'b')) states[server] = rest[15];
    }
    return states;
  }

  it('serves every request while each instance in turn is stopped with SIGTERM and started again', async () => {
    const root = await call(url, 'POST', '/api/v1/platform/auth/login', { body: SUPERADMIN });
    expect(root.status).toBe(200);
    const slug = uniqueSlug('roll');
    const admin = { email: `admin@${slug}.test`, password: `pw-${slug}-long-enough` };
    const created = await call(url, 'POST', '/api/v1/platform/tenants', {
      token: root.body.accessToken,
      body: { name: slug, slug, plan: 'professional', admin: { ...admin, name: 'Admin' } },
    });
    expect(created.status).toBe(201);
    // Six clients for the length of two restarts send more than the plan's rate; that is not what is tested here.
    const lifted = await call(url, 'PATCH', `/api/v1/platform/tenants/${created.body.id}`, {
      token: root.body.accessToken,
      body: { limitOverrides: { requestsPerMinute: 1_000_000 } },
    });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    const token = (await call(url, 'POST', '/api/v1/auth/login', { tenant: slug, body: admin })).body.accessToken as string;

    const failures: string[] = [];
    let requests = 0;
    let loading = true;
    const clients = Array.from({ length: 6 }, async (_, c) => {
      for (let i = 0; loading; i++) {
        const write = i % 3 === 0;
        try {
          const res = write
            ? await call(url, 'POST', '/api/v1/projects', { token, body: { name: `c${c}-${i}` } })
            : await call(url, 'GET', '/api/v1/projects?limit=5', { token });
          requests += 1;
          if (res.status !== (write ? 201 : 200)) failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        } catch (err) {
          requests += 1;
          failures.push(`network: ${(err as Error).message}`);
        }
      }
    });

    const restarts: { server: string; exitCode: number | null; outMs: number; backMs: number }[] = [];
    for (const name of ['a', 'b'] as const) {
      const old = servers[name]!;
      const started = Date.now();
      old.child.kill('SIGTERM');
      await eventually(async () => (await serverStates())[name]?.startsWith('DOWN'), 5000, 50);
      const outMs = Date.now() - started;
      const exitCode = await old.exited;
      servers[name] = await startApiProcess(build.dir, overrides, old.port);
      await eventually(async () => (await serverStates())[name] === 'UP', 10_000, 50);
      restarts.push({ server: name, exitCode, outMs, backMs: Date.now() - started });
    }
    loading = false;
    await Promise.all(clients);

    expect(restarts.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(requests).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    process.stdout.write(`${JSON.stringify({ scenario: 'rolling-restart', requests, failed: failures.length, restarts })}\n`);
  }, 120_000);
});
