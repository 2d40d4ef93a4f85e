import { describe, expect, it } from 'vitest';
import { emailDomain, parseClaimableDomain } from './domain-name';
import { isPublicMailDomain } from './public-mail-domains';

describe('claimable domains', () => {
  it('normalises: trimmed, lower-case, internationalised names as punycode', () => {
    expect(parseClaimableDomain(' Acme.COM ')).toEqual({ domain: 'acme.com' });
    expect(parseClaimableDomain('bücher.example')).toEqual({ domain: 'xn--bcher-kva.example' });
    expect(parseClaimableDomain('xn--bcher-kva.example')).toEqual({ domain: 'xn--bcher-kva.example' });
    expect(parseClaimableDomain('eu.login.acme-corp.co.uk')).toEqual({ domain: 'eu.login.acme-corp.co.uk' });
  });

  it('refuses what is not a domain of at least two labels', () => {
    for (const input of [
      'acme',
      'acme.com.',
      '.acme.com',
      'acme..com',
      '-acme.com',
      'acme-.com',
      'ac_me.com',
      'ac me.com',
      'x@acme.com',
      'acme.com/path',
      'acme.com:443',
      '10.0.0.1',
      `${'a'.repeat(64)}.com`,
      `${'abcdefghi.'.repeat(26)}com`,
      '',
      null,
      42,
      ['acme.com'],
    ]) {
      expect(parseClaimableDomain(input), JSON.stringify(input)).toHaveProperty('refused');
    }
  });

  it('refuses public mail providers, their country domains and the names under them', () => {
    for (const domain of ['gmail.com', 'googlemail.com', 'outlook.com', 'gmx.de', 'gmx.net', 'yandex.com.tr', 'yahoo.co.uk']) {
      expect(isPublicMailDomain(domain), domain).toBe(true);
      expect(parseClaimableDomain(domain), domain).toHaveProperty('refused');
    }
    expect(isPublicMailDomain('eu.mail.gmail.com')).toBe(true);
    for (const domain of ['acme.com', 'gmail.acme.com', 'gmx.acme.com', 'notgmail.com', 'yandex-team.example']) {
      expect(isPublicMailDomain(domain), domain).toBe(false);
    }
  });

  it('reads the domain of an email address as claims store it', () => {
    expect(emailDomain('Ada@Acme.COM')).toBe('acme.com');
    expect(emailDomain('ada@bücher.example')).toBe('xn--bcher-kva.example');
    expect(emailDomain('no-at-sign')).toBeNull();
  });
});
