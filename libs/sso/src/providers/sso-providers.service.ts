import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainError, FieldError } from '@stratum/common';
import { SsoSettings } from '@stratum/config';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { randomUUID } from 'node:crypto';
import { EntraProtocol } from '../protocols/entra.protocol';
import { IdpHttp } from '../protocols/idp-http';
import { callbackUrl, startUrl } from '../protocols/urls';
import { CreateSsoProviderDto, SsoProviderDto, UpdateSsoProviderDto } from './dto/sso-provider.dto';
import { ProviderSecrets } from './provider-secrets';
import { SsoProvider } from './sso-provider.entity';

/** What the audit trail shows of a provider (never its secret). */
const audited = (p: SsoProvider) => ({
  name: p.name,
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
    checkShape(dto.type, dto.issuer ?? null, dto.azureTenantId ?? null);
    await this.checkUrls(dto.type, dto.issuer ?? null, dto.azureTenantId ?? null);
    const id = randomUUID();
    const em = await this.db.manager();
    await em.getRepository(SsoProvider).insert({
      id,
      type: dto.type,
      name: dto.name,
      clientId: dto.clientId,
      clientSecret: this.secrets.seal(this.tenant.get().id, id, dto.clientSecret),
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
    checkShape(before.type, dto.issuer ?? before.issuer, dto.azureTenantId ?? before.azureTenantId);
    if (dto.issuer !== undefined || dto.azureTenantId !== undefined) {
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

  private async load(id: string, lock = false): Promise<SsoProvider> {
    const provider = await (
      await this.db.manager()
    )
      .getRepository(SsoProvider)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!provider) throw DomainError.notFound('Identity provider');
    return provider;
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
      callbackUrl: callbackUrl(this.config),
      startUrl: startUrl(this.config, this.tenant.get().slug, p.id),
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}

/** `issuer` belongs to (and is required by) generic OIDC providers, `azureTenantId` to Entra ones. */
function checkShape(type: SsoProvider['type'], issuer: string | null, azureTenantId: string | null): void {
  const errors: FieldError[] = [];
  if (type === 'oidc' && !issuer) errors.push({ field: 'issuer', message: 'issuer is required for oidc providers' });
  if (type !== 'oidc' && issuer) errors.push({ field: 'issuer', message: `issuer does not apply to ${type} providers` });
  if (type === 'entra' && !azureTenantId)
    errors.push({ field: 'azureTenantId', message: 'azureTenantId is required for entra providers' });
  if (type !== 'entra' && azureTenantId)
    errors.push({ field: 'azureTenantId', message: `azureTenantId does not apply to ${type} providers` });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), {}, errors);
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
