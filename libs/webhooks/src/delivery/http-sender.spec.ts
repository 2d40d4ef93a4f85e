import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '@stratum/common';
import { USER_AGENT, WebhookSender } from './http-sender';

interface Seen {
  host?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on 127.0.0.1 answering with `handler`; what it received is in `seen`. */
async function receiver(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ host: req.headers.host, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, port, seen };
}

describe('WebhookSender', () => {
  const sender = new WebhookSender();
  const servers: Server[] = [];
  const policy = { requireHttps: false, allowLoopback: true };

  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r).closeAllConnections());
  });
  afterAll(() => sender.close());

  beforeAll(() => undefined);

  it('connects to the checked address, not to a new resolution of the name', async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    servers.push(r.server);
    // The name answers a loopback address for the check, then (rebinding) a private one.
    const answers = ['127.0.0.1', '10.0.0.1'];
    const calls: string[] = [];
    const target = await resolveTarget(`http://hooks.example.test:${r.port}/in`, policy, async (host) => {
      calls.push(host);
      return [{ address: answers[calls.length - 1], family: 4 }];
    });
    const result = await sender.post(target, { 'content-type': 'application/json', 'user-agent': USER_AGENT }, '{"a":1}', 2000);
    expect(result).toMatchObject({ statusCode: 204, error: null });
    expect(calls).toEqual(['hooks.example.test']);
    expect(r.seen).toHaveLength(1);
    expect(r.seen[0].host).toBe(`hooks.example.test:${r.port}`);
    expect(r.seen[0].body).toBe('{"a":1}');
    expect(r.seen[0].headers['user-agent']).toBe(USER_AGENT);
    expect(r.seen[0].headers['content-length']).toBe('7');
  });

  it('does not follow redirects: a 3xx is a failed attempt and the other server hears nothing', async () => {
    const other = await receiver((_req, res) => res.writeHead(200).end('ok'));
    servers.push(other.server);
    const r = await receiver((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${other.port}/` }).end());
    servers.push(r.server);
    const target = await resolveTarget(`http://127.0.0.1:${r.port}/`, policy);
    const result = await sender.post(target, {}, '{}', 2000);
    expect(result.statusCode).toBe(302);
    expect(result.error).toBe(`redirect not followed (to http://127.0.0.1:${other.port}/)`);
    expect(other.seen).toHaveLength(0);
  });

  it('gives up at the timeout', async () => {
    const r = await receiver(() => undefined);
    servers.push(r.server);
    const target = await resolveTarget(`http://127.0.0.1:${r.port}/slow`, policy);
    const started = Date.now();
    const result = await sender.post(target, {}, '{}', 300);
    expect(result).toMatchObject({ statusCode: null, error: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports the status, Retry-After, latency and the start of the response body', async () => {
    const r = await receiver((_req, res) => res.writeHead(503, { 'retry-after': '7' }).end('x'.repeat(5000)));
    servers.push(r.server);
    const target = await resolveTarget(`http://127.0.0.1:${r.port}/`, policy);
    const result = await sender.post(target, {}, '{}', 2000);
    expect(result.statusCode).toBe(503);
    expect(result.retryAfterMs).toBe(7000);
    expect(result.error).toBeNull();
    expect(result.responseExcerpt).toBe('x'.repeat(1024));
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a refused connection as an error without a status', async () => {
    const r = await receiver(() => undefined);
    const port = r.port;
    await new Promise((done) => r.server.close(done));
    const target = await resolveTarget(`http://127.0.0.1:${port}/`, policy);
    const result = await sender.post(target, {}, '{}', 2000);
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
