import { describe, expect, it } from 'vitest';
import { PrivateHosts, resolveTarget, UrlRefused, type OutboundPolicy } from './url-guard';

const dev: OutboundPolicy = { requireHttps: false, allowLoopback: false };
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
    expect(target.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800::1', family: 6 },
    ]);
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
    expect(await refusal('http://[::127.0.0.1]:8080/')).toBe('::7f00:1 is not a public address (loopback)');
    expect(await refusal('http://[::169.254.169.254]/')).toBe('::a9fe:a9fe is not a public address (linkLocal)');
    expect(await refusal('http://[::a00:1]/')).toBe('::a00:1 is not a public address (private)');
    expect(await refusal('http://[64:ff9b::10.0.0.1]/')).toBe('64:ff9b::a00:1 is not a public address (private)');
    expect(await refusal('http://100.64.0.1/')).toBe('100.64.0.1 is not a public address (carrierGradeNat)');
    expect(await refusal('http://[2001::5]/')).toBe('2001::5 is not a public address (teredo)');
  });

  it('allows loopback, and only loopback, when configured to', async () => {
    const loop = { requireHttps: false, allowLoopback: true };
    expect((await resolveTarget('http://127.0.0.1:9/', loop)).address).toBe('127.0.0.1');
    expect((await resolveTarget('http://[::1]:9/', loop)).address).toBe('::1');
    expect((await resolveTarget('http://localhost:9/', loop, answers('127.0.0.1', '::1'))).address).toBe('127.0.0.1');
    expect(await refusal('http://10.0.0.1/', loop)).toMatch(/private/);
    expect(await refusal('http://169.254.169.254/', loop)).toMatch(/linkLocal/);
    expect(await refusal('http://[::127.0.0.1]/', loop)).toMatch(/loopback/);
  });

  it('allows the private hosts an operator named: a name whatever it resolves to, an address range whatever name leads there', async () => {
    const onPremises: OutboundPolicy = {
      requireHttps: true,
      privateHosts: PrivateHosts.parse(' idp.corp.example, *.sso.corp.example ,10.20.0.0/16, [fd00::5]'),
    };
    const at = (...addresses: string[]) => answers(...addresses);
    expect((await resolveTarget('https://idp.corp.example/', onPremises, at('192.168.7.7', '127.0.0.1'))).address).toBe(
      '192.168.7.7',
    );
    expect((await resolveTarget('https://IDP.corp.example./', onPremises, at('10.1.1.1'))).address).toBe('10.1.1.1');
    expect((await resolveTarget('https://a.sso.corp.example/', onPremises, at('172.16.0.9'))).address).toBe('172.16.0.9');
    expect((await resolveTarget('https://10.20.3.4/', onPremises)).address).toBe('10.20.3.4');
    expect((await resolveTarget('https://other.example/', onPremises, at('10.20.9.9'))).address).toBe('10.20.9.9');
    expect((await resolveTarget('https://[fd00::5]/', onPremises)).address).toBe('fd00::5');
    // Everything else stays refused, and some addresses whatever the list says.
    expect(await refusal('https://sso.corp.example/', onPremises, at('10.1.1.1'))).toMatch(/private/);
    expect(await refusal('https://idp.corp.example.evil.test/', onPremises, at('10.1.1.1'))).toMatch(/private/);
    expect(await refusal('https://10.21.0.1/', onPremises)).toMatch(/private/);
    expect(await refusal('https://[fd00::6]/', onPremises)).toMatch(/uniqueLocal/);
    expect(await refusal('https://other.example/', onPremises, at('10.20.9.9', '169.254.169.254'))).toMatch(/linkLocal/);
    expect(await refusal('https://idp.corp.example/', onPremises, at('0.0.0.0'))).toMatch(/unspecified/);
    expect(await refusal('http://idp.corp.example/', onPremises, at('10.1.1.1'))).toBe('HTTPS is required');
  });

  it('reads the private host list, refusing entries that are neither names nor addresses', () => {
    expect(PrivateHosts.parse('').empty).toBe(true);
    expect(PrivateHosts.parse(undefined).empty).toBe(true);
    expect(PrivateHosts.parse(' , ').empty).toBe(true);
    expect(PrivateHosts.parse('localhost').allowsName('LOCALHOST')).toBe(true);
    expect(() => PrivateHosts.parse('idp.corp.example,https://x')).toThrow('"https://x" is neither');
    expect(() => PrivateHosts.parse('10.0.0.0/40')).toThrow('is neither');
    expect(() => PrivateHosts.parse('*')).toThrow('is neither');
  });

  it('requires HTTPS when told to, and refuses other schemes, credentials and nonsense', async () => {
    const production: OutboundPolicy = { requireHttps: true, allowLoopback: false };
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
