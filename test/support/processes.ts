import { freePort } from '@stratum/devenv';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testEnv } from './config';
import { eventually } from './fixtures';

const ROOT = resolve(__dirname, '../..');

/**
 * The product compiled as `npm run build` does, into a directory of its own (another test file
 * may be building too), for tests that run the API or the worker as real processes.
 */
export function buildProduct(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stratum-dist-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--out', dir, 'apps', 'libs', 'migrations'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The path of a system program, or an error saying how to install it (a test never skips for want of one). */
export function requireProgram(name: string, install: string): string {
  try {
    const path = execFileSync('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name}`], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
      .split('\n')[0];
    if (path) return path;
  } catch {
    // not found
  }
  throw new Error(`this test needs \`${name}\`, which is not installed: ${install} (.ci/run installs it)`);
}

export interface ProductProcess {
  /** The API's address, or the worker's health endpoint's. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  output(): string;
}
export type ApiProcess = ProductProcess;

/** Starts `node <dist>/apps/api/src/main.js` with the test settings (plus `overrides`) and waits until it is ready. */
export function startApiProcess(dist: string, overrides: Record<string, string> = {}, port?: number): Promise<ProductProcess> {
  return startProduct(dist, 'api', overrides, port);
}

/** Starts the worker (`node <dist>/apps/worker/src/main.js`) and waits until its health endpoint says ready. */
export function startWorkerProcess(dist: string, overrides: Record<string, string> = {}): Promise<ProductProcess> {
  return startProduct(dist, 'worker', overrides);
}

async function startProduct(
  dist: string,
  app: 'api' | 'worker',
  overrides: Record<string, string>,
  port?: number,
): Promise<ProductProcess> {
  port ??= await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_PATH: join(ROOT, 'node_modules'),
    ...testEnv({ HOST: '127.0.0.1', [app === 'api' ? 'PORT' : 'WORKER_HEALTH_PORT']: String(port), ...overrides }),
  };
  const child = spawn(process.execPath, [join(dist, `apps/${app}/src/main.js`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`the ${app} exited (${child.exitCode}):\n${log}`);
        return (await fetch(`${url}/health/ready`).catch(() => null))?.status === 200;
      },
      60_000,
      100,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { url, port, child, exited, output: () => log };
}
