import { PrivateHosts } from '@stratum/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { isDnsServerList, parseDnsServers } from '../network-settings';
import { emptyToUndefined, IntRange, Setting, Settings, SettingsGroup } from './setting';

const parsedPrivateHosts = new WeakMap<SsoSettings, PrivateHosts>();

/** Single sign-on: the API's public address, identity providers, and the DNS that verifies domains. */
@SettingsGroup('sso', 'Single sign-on')
export class SsoSettings extends Settings {
  @Setting({
    description:
      "the API's own address as browsers and identity providers reach it (the server the OpenAPI document names); providers send users back to `<PUBLIC_API_URL>/api/v1/auth/sso/callback`",
  })
  @Matches(/^https?:\/\/[^\s?#]+[^\s?#/]$/, { message: 'PUBLIC_API_URL must be an http(s) URL without a trailing slash' })
  PUBLIC_API_URL = 'http://localhost:3000';

  @Setting({ description: 'lifetime of the one-time code an SSO sign-in hands the client' })
  @IntRange(1, 300)
  SSO_CODE_TTL_SECONDS = 60;

  @Setting({
    description: 'how long a started SSO sign-in may take at the provider (state, nonce and PKCE verifier kept in Redis)',
  })
  @IntRange(60, 3600)
  SSO_FLOW_TTL_SECONDS = 600;

  @Setting({ description: 'Microsoft Entra ID authority (sovereign clouds have their own)' })
  @Matches(/^https:\/\/[^\s?#]+[^\s?#/]$/, { message: 'SSO_ENTRA_AUTHORITY must be an https URL without a trailing slash' })
  SSO_ENTRA_AUTHORITY = 'https://login.microsoftonline.com';

  @Setting({ description: 'issuer of Google Workspace providers' })
  @Matches(/^https:\/\/[^\s?#]+[^\s?#/]$/, { message: 'SSO_GOOGLE_ISSUER must be an https URL without a trailing slash' })
  SSO_GOOGLE_ISSUER = 'https://accounts.google.com';

  @Setting({ description: 'timeout of each request to an identity provider' })
  @IntRange(500, 60_000)
  SSO_HTTP_TIMEOUT_MS = 10_000;

  @Setting({
    description:
      'identity provider hosts that may be non-public (on-premises), comma-separated: host names (`idp.corp.example`, `*.corp.example`) whatever they resolve to, addresses or CIDRs (`10.20.0.0/16`) whatever name leads there; unspecified, multicast and broadcast addresses stay refused. Empty: providers must be public',
  })
  @IsString()
  SSO_ALLOWED_PRIVATE_HOSTS = '';

  /** SSO_ALLOWED_PRIVATE_HOSTS, parsed (validated at start). */
  get ssoPrivateHosts(): PrivateHosts {
    let hosts = parsedPrivateHosts.get(this);
    if (!hosts) parsedPrivateHosts.set(this, (hosts = PrivateHosts.parse(this.SSO_ALLOWED_PRIVATE_HOSTS)));
    return hosts;
  }

  @Setting({
    description:
      'comma-separated DNS servers that verify SSO domains (TXT lookups): IP addresses with optional ports, e.g. `1.1.1.1,[2606:4700::1111]:53`',
    default: "unset (the system's resolvers)",
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isDnsServerList',
    validator: {
      validate: isDnsServerList,
      defaultMessage: () =>
        'DNS_SERVERS must be comma-separated IP addresses with optional ports, e.g. 1.1.1.1,[2606:4700::1111]:53',
    },
  })
  DNS_SERVERS?: string;

  get dnsServers(): string[] {
    return parseDnsServers(this.DNS_SERVERS);
  }

  @Setting({ description: 'how long a DNS lookup may take in all, retries included' })
  @IntRange(100, 30_000)
  DNS_TIMEOUT_MS = 3000;
}
