import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/fixtures';
import { ApiProcess, buildProduct, startApiProcess } from '../support/processes';

const DELAY_MS = 2000;

interface Answer {
  status: number;
  connection?: string;
}

function get(url: string, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The API as a real process receives SIGTERM: readiness fails at once, the listener keeps
 * accepting for SHUTDOWN_DELAY_MS (answering `Connection: close`, kept-alive connections
 * included), then closes, and the process exits on its own.
 */
describe('graceful shutdown of the API process', () => {
  let build: ReturnType<typeof buildProduct>;
  let api: ApiProcess;

  beforeAll(async () => {
    build = buildProduct();
    api = await startApiProcess(build.dir, { SHUTDOWN_DELAY_MS: String(DELAY_MS) });
  });

  afterAll(() => {
    api?.child.kill('SIGKILL');
    build?.remove();
  });

  it('fails readiness at once, keeps accepting for SHUTDOWN_DELAY_MS with Connection: close, then stops listening and exits', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const before = await get(`${api.url}/health/live`, agent);
    expect(before).toEqual({ status: 200, connection: 'keep-alive' });

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    await eventually(async () => (await get(`${api.url}/health/ready`)).status === 503, 1000, 20);
    expect(Date.now() - signalled).toBeLessThan(1000);

    // Within the delay: new connections are accepted, and every answer closes its connection.
    const fresh = await get(`${api.url}/health/live`);
    expect(fresh).toEqual({ status: 200, connection: 'close' });
    const kept = await get(`${api.url}/health/live`, agent);
    expect(kept).toEqual({ status: 200, connection: 'close' });
    expect(Date.now() - signalled).toBeLessThan(DELAY_MS);

    // After it: the listener is closed and the process exits by itself.
    const refusedAt = await eventually(
      () =>
        get(`${api.url}/health/live`).then(
          () => null,
          (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' ? Date.now() : null),
        ),
      DELAY_MS + 5000,
      20,
    );
    expect(refusedAt - signalled).toBeGreaterThanOrEqual(DELAY_MS);
    expect(await api.exited).toBe(0);
    agent.destroy();
  });
});
