import { Injectable } from '@nestjs/common';
import { DirectoryAuthenticator, DirectoryPrincipal, DomainError, TenantUserPrincipal } from '@stratum/common';
import { AppConfig } from '@stratum/config';
import { formatTenantCredential, parseTenantCredential, sha256 } from '@stratum/identity';
import { AuthorityService } from '@stratum/rbac';
import { TenantContext, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { CreatedDirectoryTokenDto, CreateDirectoryTokenDto, DirectoryTokenDto } from './dto/directory-token.dto';
import { DirectoryTokensRepository } from './directory-tokens.repository';

export const DIRECTORY_TOKEN_PREFIX = 'scim_';

/** The path of the SCIM service, outside the API prefix (identity providers expect a bare base URL). */
export const SCIM_PATH = 'scim/v2';

/**
 * Directory-sync tokens: what an identity provider's SCIM client presents. A token names its
 * tenant and row, its secret is stored hashed, and it acts with at most the current authority
 * of the admin who created it (not at all once that admin is deactivated or locked out).
 */
@Injectable()
export class DirectoryTokensService extends DirectoryAuthenticator {
  constructor(
    private readonly tokens: DirectoryTokensRepository,
    private readonly authority: AuthorityService,
    private readonly tenant: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly config: AppConfig,
    private readonly db: TenantDatabase,
  ) {
    super();
  }

  async create(actor: TenantUserPrincipal, dto: CreateDirectoryTokenDto): Promise<CreatedDirectoryTokenDto> {
    // The directory will act with its creator's authority: handing it out is a change of authority.
    await this.authority.assertHolds(['directory:manage'], 'give a directory token');
    if (dto.expiresAt && dto.expiresAt <= new Date()) {
      throw new DomainError('VALIDATION_FAILED', 'expiresAt must be in the future', {}, [
        { field: 'expiresAt', message: 'expiresAt must be in the future' },
      ]);
    }
    const id = randomUUID();
    const secret = randomBytes(24);
    const row = await this.tokens.insert(await this.db.manager(), {
      id,
      name: dto.name,
      secretHash: sha256(secret.toString('base64url')),
      createdBy: actor.userId,
      expiresAt: dto.expiresAt ?? null,
    });
    return {
      id,
      name: row.name,
      token: formatTenantCredential(DIRECTORY_TOKEN_PREFIX, id, this.tenant.get().id, secret),
      scimBaseUrl: `${this.config.PUBLIC_API_URL}/${SCIM_PATH}`,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    };
  }

  async list(): Promise<DirectoryTokenDto[]> {
    return this.tokens.list(await this.db.manager());
  }

  /**
   * Takes the directory's authority away, so like revoking an API key it needs authority over the
   * token's creator (whose authority the directory acts with), or over what a creatorless token may do.
   */
  async revoke(id: string): Promise<void> {
    const em = await this.db.manager();
    const token = (await this.tokens.list(em)).find((t) => t.id === id);
    if (!token) throw DomainError.notFound('Directory token');
    await this.authority.assertMayHandleCredential(token.createdBy, ['directory:manage'], 'revoke a directory token of');
    if (!(await this.tokens.revoke(em, id))) throw DomainError.notFound('Directory token');
  }

  /** The principal of a presented token, or null (unknown, wrong secret, revoked, expired, owner gone). */
  async authenticate(raw: string): Promise<DirectoryPrincipal | null> {
    const parsed = parseTenantCredential(DIRECTORY_TOKEN_PREFIX, raw);
    if (!parsed) return null;
    const tenant = await this.registry.find(parsed.tenantId);
    if (!tenant) return null;
    this.tenant.set(tenant);
    const { token, owner } = await this.tokens.forAuthentication(this.db, parsed.id);
    const presented = Buffer.from(sha256(parsed.secret.toString('base64url')), 'hex');
    const stored = Buffer.from(token?.secretHash ?? '0'.repeat(64), 'hex');
    const matches = presented.length === stored.length && timingSafeEqual(presented, stored);
    if (!token || !matches || token.revokedAt || (token.expiresAt && token.expiresAt <= new Date())) return null;
    if (!owner || owner.status !== 'active' || owner.locked) return null;
    return { kind: 'directory', tokenId: token.id, tenantId: tenant.id, createdBy: token.createdBy };
  }
}
