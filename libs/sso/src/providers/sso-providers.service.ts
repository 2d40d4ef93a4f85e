import { Injectable, Logger } from '@nestjs/common';
import { AuditNotes, diff, DomainError, FieldError, UrlRefused } from '@stratum/common';
import { SsoSettings } from '@stratum/config';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { randomUUID, X509Certificate } from 'node:crypto';
import { EntraProtocol } from '../protocols/entra.protocol';
import { IdpHttp, outboundCause } from '../protocols/idp-http';
import { fingerprint, IdpDescription, parseIdpMetadata, SamlConfigError, toPem } from '../protocols/saml/saml-xml';
import { callbackUrl, samlAcsUrl, samlEntityId, startUrl } from '../protocols/urls';
import { CreateSsoProviderDto, SamlProviderDto, SsoProviderDto, UpdateSsoProviderDto } from './dto/sso-provider.dto';
import { ProviderSecrets } from './provider-secrets';
import { SamlSettings, SsoProvider } from './sso-provider.entity';

/** The request fields that configure a SAML provider (and no other type). */
const SAML_FIELDS = [
  'idpMetadataXml',
  'idpMetadataUrl',
  'idpEntityId',
  'idpSsoUrl',
  'idpCertificates',
  'signatureRequired',
  'allowIdpInitiated',
  'attributeMapping',
] as const;

/** What the audit trail shows of a provider (never its secret; certificates by fingerprint). */
const audited = (p: SsoProvider) => ({
  name: p.name,
  saml: p.saml
    ? {
        ...p.saml,
        idpCertificates: p.saml.idpCertificates.map(fingerprint),
      }
    : null,
  clientId: p.clientId,
  issuer: p.issuer,
  azureTenantId: p.azureTenantId,
  allowedDomains: p.allowedDomains,
  redirectUris: p.redirectUris,
  autoProvision: p.autoProvision,
  defaultRole: p.defaultRole,
  enabled: p.enabled,
});

/** The identity providers of the tenant in context. */
@Injectable()
export class SsoProvidersService {
  private readonly logger = new Logger(SsoProvidersService.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly secrets: ProviderSecrets,
    private readonly config: SsoSettings,
    private readonly notes: AuditNotes,
    private readonly http: IdpHttp,
  ) {}

  async list(): Promise<SsoProviderDto[]> {
    const providers = await (await this.db.manager()).getRepository(SsoProvider).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return providers.map((p) => this.toDto(p));
  }

  async get(id: string): Promise<SsoProviderDto> {
    return this.toDto(await this.load(id));
  }

  /** Stores the provider with its secret sealed. Its domains are not claimed: see SsoDomains. */
  async create(dto: CreateSsoProviderDto, actorId: string | null): Promise<SsoProviderDto> {
    checkShape(dto.type, dto, true);
    if (dto.type !== 'saml') await this.checkUrls(dto.type, dto.issuer ?? null, dto.azureTenantId ?? null);
    const saml = dto.type === 'saml' ? await this.samlSettings(null, dto) : null;
    const id = randomUUID();
    const em = await this.db.manager();
    await em.getRepository(SsoProvider).insert({
      id,
      type: dto.type,
      name: dto.name,
      clientId: saml ? null : dto.clientId!,
      clientSecret: saml ? null : this.secrets.seal(this.tenant.get().id, id, dto.clientSecret!),
      saml,
      issuer: dto.type === 'oidc' ? stripSlash(dto.issuer!) : null,
      azureTenantId: dto.type === 'entra' ? dto.azureTenantId! : null,
      allowedDomains: dto.allowedDomains,
      redirectUris: dto.redirectUris,
      autoProvision: dto.autoProvision ?? false,
      defaultRole: dto.defaultRole ?? 'member',
      enabled: dto.enabled ?? true,
      createdBy: actorId,
    });
    const provider = await this.load(id);
    this.notes.describe({ changes: diff(null, audited(provider)) });
    return this.toDto(provider);
  }

  async update(id: string, dto: UpdateSsoProviderDto): Promise<SsoProviderDto> {
    const before = await this.load(id, true);
    checkShape(
      before.type,
      {
        ...dto,
        issuer: dto.issuer ?? before.issuer ?? undefined,
        azureTenantId: dto.azureTenantId ?? before.azureTenantId ?? undefined,
      },
      false,
    );
    if (before.type !== 'saml' && (dto.issuer !== undefined || dto.azureTenantId !== undefined)) {
      await this.checkUrls(before.type, dto.issuer ?? before.issuer, dto.azureTenantId ?? before.azureTenantId);
    }
    const changes: Partial<SsoProvider> = {};
    for (const key of [
      'name',
      'clientId',
      'allowedDomains',
      'redirectUris',
      'autoProvision',
      'defaultRole',
      'enabled',
    ] as const) {
      if (dto[key] !== undefined) Object.assign(changes, { [key]: dto[key] });
    }
    if (dto.issuer !== undefined) changes.issuer = stripSlash(dto.issuer);
    if (dto.azureTenantId !== undefined) changes.azureTenantId = dto.azureTenantId;
    if (dto.clientSecret !== undefined) changes.clientSecret = this.secrets.seal(this.tenant.get().id, id, dto.clientSecret);
    if (before.type === 'saml' && SAML_FIELDS.some((f) => dto[f] !== undefined)) {
      changes.saml = await this.samlSettings(before.saml, dto);
    }
    const em = await this.db.manager();
    if (Object.keys(changes).length) await em.getRepository(SsoProvider).update({ id }, changes);
    const after = await this.load(id);
    this.notes.describe({
      changes: diff(audited(before), audited(after)),
      ...(dto.clientSecret !== undefined ? { metadata: { clientSecretReplaced: true } } : {}),
    });
    return this.toDto(after);
  }

  /** Removes the provider and its links to users; the users stay. */
  async remove(id: string): Promise<void> {
    const provider = await this.load(id, true);
    await (await this.db.manager()).getRepository(SsoProvider).delete({ id });
    this.notes.describe({ changes: diff(audited(provider), null) });
  }

  /**
   * What the server will request for this provider must be a public host (or a private one the
   * operator allowed): URL_REFUSED otherwise, before anything is stored. Sign-ins check it again.
   */
  private async checkUrls(type: SsoProvider['type'], issuer: string | null, azureTenantId: string | null): Promise<void> {
    if (type === 'oidc') await this.http.checkConfigured(stripSlash(issuer!), 'issuer');
    else if (type === 'google') await this.http.checkConfigured(this.config.SSO_GOOGLE_ISSUER);
    else await this.http.checkConfigured(EntraProtocol.metadataUrl(this.config, azureTenantId));
  }

  /**
   * A SAML provider's settings from the request: metadata (given, or read from its URL through
   * the guarded client), then the explicit fields over it, then what was stored before.
   */
  private async samlSettings(before: SamlSettings | null, dto: UpdateSsoProviderDto): Promise<SamlSettings> {
    const invalid = (field: string, message: string) =>
      new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {}, [{ field, message }]);
    if (dto.idpMetadataXml !== undefined && dto.idpMetadataUrl !== undefined) {
      throw invalid('idpMetadataUrl', 'give idpMetadataXml or idpMetadataUrl, not both');
    }
    let described: Partial<IdpDescription> = {};
    if (dto.idpMetadataXml !== undefined) {
      described = await parseIdpMetadata(dto.idpMetadataXml).catch((err: unknown) => {
        throw err instanceof SamlConfigError ? invalid('idpMetadataXml', err.message) : err;
      });
    } else if (dto.idpMetadataUrl !== undefined) {
      described = await this.readMetadata(dto.idpMetadataUrl).catch((err: unknown) => {
        throw err instanceof SamlConfigError ? invalid('idpMetadataUrl', err.message) : err;
      });
    }
    let certificates = described.certificates ?? before?.idpCertificates;
    if (dto.idpCertificates) {
      try {
        certificates = [...new Set(dto.idpCertificates.map(toPem))];
      } catch (err) {
        if (err instanceof SamlConfigError) throw invalid('idpCertificates', err.message);
        throw err;
      }
    }
    const entityId = dto.idpEntityId ?? described.entityId ?? before?.idpEntityId;
    const ssoUrl = dto.idpSsoUrl ?? described.ssoUrl ?? before?.idpSsoUrl;
    if (!entityId || !ssoUrl || !certificates?.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'saml providers need idpMetadataXml, idpMetadataUrl, or idpEntityId, idpSsoUrl and idpCertificates',
        {},
        [
          ...(!entityId ? [{ field: 'idpEntityId', message: 'idpEntityId is required for saml providers' }] : []),
          ...(!ssoUrl ? [{ field: 'idpSsoUrl', message: 'idpSsoUrl is required for saml providers' }] : []),
          ...(!certificates?.length
            ? [{ field: 'idpCertificates', message: 'idpCertificates is required for saml providers' }]
            : []),
        ],
      );
    }
    if (!isHttps(ssoUrl))
      throw invalid(dto.idpSsoUrl ? 'idpSsoUrl' : 'idpMetadataXml', 'the SingleSignOnService URL must be HTTPS');
    const mapping = dto.attributeMapping;
    return {
      idpEntityId: entityId,
      idpSsoUrl: ssoUrl,
      idpCertificates: certificates,
      idpMetadataUrl:
        dto.idpMetadataUrl ?? (dto.idpMetadataXml !== undefined || dto.idpCertificates ? null : (before?.idpMetadataUrl ?? null)),
      signatureRequired: dto.signatureRequired ?? before?.signatureRequired ?? 'assertion',
      allowIdpInitiated: dto.allowIdpInitiated ?? before?.allowIdpInitiated ?? false,
      attributeMapping: mapping
        ? {
            email: mapping.email ?? null,
            firstName: mapping.firstName ?? null,
            lastName: mapping.lastName ?? null,
            groups: mapping.groups ?? null,
          }
        : (before?.attributeMapping ?? { email: null, firstName: null, lastName: null, groups: null }),
    };
  }

  /** An IdP's metadata from its URL: refused before connecting unless public (URL_REFUSED); unreachable: SSO_PROVIDER_UNAVAILABLE. */
  private async readMetadata(url: string): Promise<IdpDescription> {
    await this.http.checkConfigured(url, 'idpMetadataUrl');
    let xml: string;
    try {
      const res = await this.http.fetch(url, { headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      xml = await res.text();
    } catch (err) {
      const cause = outboundCause(err);
      this.logger.warn(
        `SAML metadata at ${url.replace(/\/\/[^/@]*@/, '//')} unreadable: ${cause instanceof UrlRefused ? `refused: ${cause.reason}` : (err as Error).message}`,
      );
      throw new DomainError('SSO_PROVIDER_UNAVAILABLE', 'The identity provider\u2019s metadata could not be read');
    }
    return parseIdpMetadata(xml);
  }

  private async load(id: string, lock = false): Promise<SsoProvider> {
    const provider = await (
      await this.db.manager()
    )
      .getRepository(SsoProvider)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!provider) throw DomainError.notFound('Identity provider');
    return provider;
  }

  private samlDto(p: SsoProvider): SamlProviderDto {
    const saml = p.saml!;
    const entityId = samlEntityId(this.config, this.tenant.get().id, p.id);
    return {
      idpEntityId: saml.idpEntityId,
      idpSsoUrl: saml.idpSsoUrl,
      idpCertificates: saml.idpCertificates.map((pem) => {
        const cert = new X509Certificate(pem);
        return {
          pem,
          fingerprint: cert.fingerprint256,
          subject: cert.subject.replace(/\n/g, ', '),
          notAfter: new Date(cert.validTo),
        };
      }),
      idpMetadataUrl: saml.idpMetadataUrl,
      signatureRequired: saml.signatureRequired,
      allowIdpInitiated: saml.allowIdpInitiated,
      attributeMapping: saml.attributeMapping,
      spEntityId: entityId,
      metadataUrl: entityId,
      acsUrl: samlAcsUrl(this.config),
    };
  }

  private toDto(p: SsoProvider): SsoProviderDto {
    return {
      id: p.id,
      type: p.type,
      name: p.name,
      clientId: p.clientId,
      issuer: p.issuer,
      azureTenantId: p.azureTenantId,
      allowedDomains: p.allowedDomains,
      redirectUris: p.redirectUris,
      autoProvision: p.autoProvision,
      defaultRole: p.defaultRole,
      enabled: p.enabled,
      saml: p.saml ? this.samlDto(p) : null,
      callbackUrl: callbackUrl(this.config),
      startUrl: startUrl(this.config, this.tenant.get().slug, p.id),
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}

/**
 * `issuer` belongs to (and is required by) generic OIDC providers, `azureTenantId` to Entra ones,
 * a client id and secret to every OpenID Connect type (required at creation), the SAML fields to SAML.
 */
function checkShape(type: SsoProvider['type'], dto: UpdateSsoProviderDto, creating: boolean): void {
  const issuer = dto.issuer ?? null;
  const azureTenantId = dto.azureTenantId ?? null;
  const errors: FieldError[] = [];
  if (type === 'saml') {
    for (const field of ['clientId', 'clientSecret'] as const) {
      if (dto[field] !== undefined) errors.push({ field, message: `${field} does not apply to saml providers` });
    }
  } else {
    for (const field of SAML_FIELDS) {
      if (dto[field] !== undefined) errors.push({ field, message: `${field} applies to saml providers only` });
    }
    for (const field of ['clientId', 'clientSecret'] as const) {
      if (creating && dto[field] === undefined) errors.push({ field, message: `${field} is required for ${type} providers` });
    }
  }
  if (type === 'oidc' && !issuer) errors.push({ field: 'issuer', message: 'issuer is required for oidc providers' });
  if (type !== 'oidc' && issuer) errors.push({ field: 'issuer', message: `issuer does not apply to ${type} providers` });
  if (type === 'entra' && !azureTenantId)
    errors.push({ field: 'azureTenantId', message: 'azureTenantId is required for entra providers' });
  if (type !== 'entra' && azureTenantId)
    errors.push({ field: 'azureTenantId', message: `azureTenantId does not apply to ${type} providers` });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), {}, errors);
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
