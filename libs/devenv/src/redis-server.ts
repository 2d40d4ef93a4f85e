import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './free-port';

export interface RedisHandle {
  url: string;
  started: boolean;
  stop(): Promise<void>;
}

export class RedisNotFoundError extends Error {
  constructor() {
    super(
      [
        'Redis is needed but REDIS_URL is not set and no `redis-server` is on the PATH.',
        'Either point REDIS_URL at a Redis 6.2+ (e.g. REDIS_URL=redis://127.0.0.1:6379),',
        'or install Redis: Debian/Ubuntu `sudo apt install redis-server`, macOS `brew install redis`,',
        'or run one with Docker: `docker run -p 6379:6379 redis:7`.',
      ].join('\n'),
    );
    this.name = 'RedisNotFoundError';
  }
}

function findRedisServer(): string | null {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v redis-server'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}

/**
 * Starts a throwaway `redis-server` (no persistence) on a free loopback port, or on `port` (to
 * start an empty one again where a stopped one was).
 */
export async function startLocalRedis(
  log: (line: string) => void = () => undefined,
  options: { port?: number } = {},
): Promise<RedisHandle> {
  const bin = findRedisServer();
  if (!bin) throw new RedisNotFoundError();
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => log(`redis: ${chunk.toString().trim()}`));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined); // refused until the server listens
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      break;
    } catch {
      client.disconnect();
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGKILL'));
  return { url, started: true, stop };
}
