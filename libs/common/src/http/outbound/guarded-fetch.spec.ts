import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedFetch } from './guarded-fetch';
import { OutboundFailure, sendTo } from './outbound-request';
import { OutboundPolicy, resolveTarget, UrlRefused } from './url-guard';

interface Seen {
  method?: string;
  url?: string;
  host?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];

/** A server on 127.0.0.1 answering with `handler`; what it received is in `seen`, connections counted. */
async function server(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const counts = { connections: 0 };
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        host: req.headers.host,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      handler(req, res);
    });
  });
  s.on('connection', () => counts.connections++);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  servers.push(s);
  return { port: (s.address() as AddressInfo).port, seen, counts };
}

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r).closeAllConnections());
});

const loopback: OutboundPolicy = { requireHttps: false, allowLoopback: true };
const strict: OutboundPolicy = { requireHttps: false };
const fetchWith = (policy: OutboundPolicy, extra: Partial<Parameters<typeof guardedFetch>[0]> = {}) =>
  guardedFetch({ policy, timeoutMs: 2000, maxResponseBytes: 1024, ...extra });

describe('guardedFetch', () => {
  it('refuses a URL on a non-public address before connecting', async () => {
    const s = await server((_req, res) => res.end('secret'));
    for (const url of [
      `http://127.0.0.1:${s.port}/`,
      `http://[::127.0.0.1]:${s.port}/`,
      `http://[::ffff:127.0.0.1]:${s.port}/`,
    ]) {
      await expect(fetchWith(strict)(url), url).rejects.toBeInstanceOf(UrlRefused);
    }
    const byName = fetchWith(strict, { resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    await expect(byName(`http://idp.example.test:${s.port}/`)).rejects.toThrow(
      'idp.example.test resolves to 127.0.0.1, not a public address (loopback)',
    );
    expect(s.counts.connections).toBe(0);
  });

  it('connects to the checked address, not to a second resolution of the name, and sends method, headers and body', async () => {
    const s = await server((_req, res) => res.writeHead(201, { 'x-answer': 'yes' }).end('{"ok":true}'));
    const answers = ['127.0.0.1', '10.0.0.1'];
    let calls = 0;
    const fetch = fetchWith(loopback, { resolve: async () => [{ address: answers[calls++], family: 4 }] });
    const res = await fetch(`http://idp.example.test:${s.port}/token`, {
      method: 'POST',
      headers: new Headers({ authorization: 'Basic abc', 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-answer')).toBe('yes');
    expect(await res.json()).toEqual({ ok: true });
    expect(calls).toBe(1);
    expect(s.seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/token',
        host: `idp.example.test:${s.port}`,
        body: 'grant_type=authorization_code&code=c',
      }),
    ]);
    expect(s.seen[0].headers).toMatchObject({ authorization: 'Basic abc', 'content-length': '36' });
  });

  it('tries each checked address in turn, and only those', async () => {
    const s = await server((_req, res) => res.end('here'));
    // Nothing listens on 127.0.0.2 at that port; the connection moves on to the next checked address.
    const fetch = fetchWith(loopback, {
      resolve: async () => [
        { address: '127.0.0.2', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    expect(await (await fetch(`http://two.example.test:${s.port}/`)).text()).toBe('here');
  });

  it('answers a redirect as it is, and the place it names hears nothing', async () => {
    const other = await server((_req, res) => res.end('other'));
    const s = await server((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${other.port}/` }).end());
    const res = await fetchWith(loopback)(`http://127.0.0.1:${s.port}/`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`http://127.0.0.1:${other.port}/`);
    expect(other.counts.connections).toBe(0);
  });

  it('fails an answer over the size limit, and a request over the timeout', async () => {
    const big = await server((_req, res) => res.end('x'.repeat(5000)));
    await expect(fetchWith(loopback)(`http://127.0.0.1:${big.port}/`)).rejects.toThrow(
      `the answer of http://127.0.0.1:${big.port} exceeds 1024 bytes`,
    );
    const slow = await server(() => undefined);
    const started = Date.now();
    const err = await fetchWith(loopback, { timeoutMs: 300 })(`http://127.0.0.1:${slow.port}/`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundFailure);
    expect((err as Error).message).toBe('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('requires HTTPS when the policy does', async () => {
    await expect(fetchWith({ requireHttps: true, allowLoopback: true })('http://127.0.0.1:9/')).rejects.toThrow(
      'HTTPS is required',
    );
  });
});

describe('sendTo', () => {
  it('keeps the start of a large answer when told to truncate', async () => {
    const s = await server((_req, res) => res.end('y'.repeat(5000)));
    const target = await resolveTarget(`http://127.0.0.1:${s.port}/`, loopback);
    const res = await sendTo(target, { timeoutMs: 2000, maxResponseBytes: 100, oversize: 'truncate' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('y'.repeat(100));
  });
});
