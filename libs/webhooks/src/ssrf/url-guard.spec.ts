import { describe, expect, it } from 'vitest';
import { resolveTarget, UrlRefused } from './url-guard';

const dev = { requireHttps: false, allowLoopback: false };
const answers =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

async function refusal(url: string, policy = dev, resolve = answers('8.8.8.8')): Promise<string> {
  try {
    await resolveTarget(url, policy, resolve);
  } catch (err) {
    expect(err).toBeInstanceOf(UrlRefused);
    return (err as UrlRefused).reason;
  }
  throw new Error(`${url} was accepted`);
}

describe('resolveTarget', () => {
  it('answers the resolved public address of a name', async () => {
    const target = await resolveTarget('https://hooks.example.com/in?x=1', dev, answers('93.184.216.34', '2606:2800::1'));
    expect(target.address).toBe('93.184.216.34');
    expect(target.family).toBe(4);
    expect(target.url.pathname).toBe('/in');
  });

  it('refuses a name when any of its addresses is not public', async () => {
    expect(await refusal('https://hooks.example.com/', dev, answers('93.184.216.34', '10.0.0.5'))).toBe(
      'hooks.example.com resolves to 10.0.0.5, not a public address (private)',
    );
    expect(await refusal('https://meta.example.com/', dev, answers('169.254.169.254'))).toBe(
      'meta.example.com resolves to 169.254.169.254, not a public address (linkLocal)',
    );
    expect(await refusal('https://six.example.com/', dev, answers('fd00::1'))).toMatch(/uniqueLocal/);
  });

  it('refuses address literals of every non-public class, however they are written', async () => {
    expect(await refusal('http://127.0.0.1:8080/')).toBe('127.0.0.1 is not a public address (loopback)');
    expect(await refusal('http://2130706433/')).toBe('127.0.0.1 is not a public address (loopback)');
    expect(await refusal('http://0x7f.1/')).toBe('127.0.0.1 is not a public address (loopback)');
    expect(await refusal('http://[::1]/')).toBe('::1 is not a public address (loopback)');
    expect(await refusal('http://[::ffff:10.1.2.3]/')).toMatch(/private/);
    expect(await refusal('http://192.168.1.1/')).toBe('192.168.1.1 is not a public address (private)');
    expect(await refusal('http://172.20.0.1/')).toBe('172.20.0.1 is not a public address (private)');
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toBe('169.254.169.254 is not a public address (linkLocal)');
    expect(await refusal('http://[fe80::1]/')).toBe('fe80::1 is not a public address (linkLocal)');
    expect(await refusal('http://0.0.0.0/')).toBe('0.0.0.0 is not a public address (unspecified)');
    expect(await refusal('http://[::]/')).toBe(':: is not a public address (unspecified)');
    expect(await refusal('http://224.0.0.251/')).toBe('224.0.0.251 is not a public address (multicast)');
    expect(await refusal('http://[ff02::1]/')).toBe('ff02::1 is not a public address (multicast)');
  });

  it('allows loopback, and only loopback, when configured to', async () => {
    const loop = { requireHttps: false, allowLoopback: true };
    expect((await resolveTarget('http://127.0.0.1:9/', loop)).address).toBe('127.0.0.1');
    expect((await resolveTarget('http://[::1]:9/', loop)).address).toBe('::1');
    expect((await resolveTarget('http://localhost:9/', loop, answers('127.0.0.1', '::1'))).address).toBe('127.0.0.1');
    expect(await refusal('http://10.0.0.1/', loop)).toMatch(/private/);
    expect(await refusal('http://169.254.169.254/', loop)).toMatch(/linkLocal/);
  });

  it('requires HTTPS when told to, and refuses other schemes, credentials and nonsense', async () => {
    const production = { requireHttps: true, allowLoopback: false };
    expect(await refusal('http://hooks.example.com/', production)).toBe('HTTPS is required');
    await expect(resolveTarget('https://hooks.example.com/', production, answers('93.184.216.34'))).resolves.toBeTruthy();
    expect(await refusal('ftp://hooks.example.com/')).toBe('only http and https URLs are allowed');
    expect(await refusal('https://user:pw@hooks.example.com/')).toBe('credentials in the URL are not allowed');
    expect(await refusal('not a url')).toBe('not a valid URL');
  });

  it('refuses a name that does not resolve', async () => {
    const nx = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await refusal('https://nowhere.example.com/', dev, nx)).toBe('nowhere.example.com does not resolve (ENOTFOUND)');
    expect(await refusal('https://empty.example.com/', dev, answers())).toBe('empty.example.com does not resolve');
  });
});
