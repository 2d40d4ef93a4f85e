import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditNotes, diff, DomainError, PG_UNIQUE_VIOLATION, pgErrorCode } from '@stratum/common';
import { VerifiedSsoDomains } from '@stratum/identity';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DnsTxt } from './dns-txt';
import { parseClaimableDomain } from './domain-name';
import type { SsoDomainDto, SsoDomainStatus } from './dto/sso-domain.dto';

/** Where the challenge is published: `<prefix>.<domain>`. */
export const CHALLENGE_PREFIX = '_stratum-challenge';
/** How long an unproven claim may be verified. */
export const CLAIM_TTL_DAYS = 7;

interface ClaimRow {
  id: string;
  domain: string;
  tenant_id: string;
  status: SsoDomainStatus;
  token: string;
  created_at: Date;
  verified_at: Date | null;
  expires_at: Date | null;
}

const COLUMNS = 'id, domain, tenant_id, status, token, created_at, verified_at, expires_at';
/** A claim that counts: verified, or pending and not yet lapsed. */
const LIVE = `(status = 'verified' OR expires_at > now())`;

/** What the audit trail shows of a claim (the token is public in DNS, but says nothing worth keeping). */
const audited = (c: ClaimRow) => ({ domain: c.domain, status: c.status, verifiedAt: c.verified_at });

/**
 * Email domains claimed for single sign-on (`platform.sso_domain_claims`). A tenant claims a
 * domain as `pending` and proves it by publishing a token as a DNS TXT record; then, and only
 * then, the domain is its own: discovery routes it there, SSO sign-in links and provisions its
 * addresses, `ssoEnforced` applies to them. Any number of tenants may hold pending claims on a
 * domain (an unproven claim must not lock out the real owner); the first to prove it takes it and
 * the others' pending claims go. Claims are written in the tenant's own transaction with platform
 * privileges for those statements only; claims on one domain are serialised by an advisory lock.
 */
@Injectable()
export class SsoDomains extends VerifiedSsoDomains {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly dns: DnsTxt,
    private readonly notes: AuditNotes,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async list(): Promise<SsoDomainDto[]> {
    const rows: ClaimRow[] = await this.db.withPlatformPrivileges((em) =>
      em.query(`SELECT ${COLUMNS} FROM platform.sso_domain_claims WHERE tenant_id = $1 AND ${LIVE} ORDER BY created_at, id`, [
        this.tenant.get().id,
      ]),
    );
    return rows.map(toDto);
  }

  async get(id: string): Promise<SsoDomainDto> {
    return toDto(await this.db.withPlatformPrivileges((em) => this.load(em, id)));
  }

  /** A pending claim with a fresh challenge; DOMAIN_TAKEN when another tenant has proven the domain. */
  async claim(input: unknown, actorId: string | null): Promise<SsoDomainDto> {
    const parsed = parseClaimableDomain(input);
    if ('refused' in parsed) {
      throw new DomainError('VALIDATION_FAILED', parsed.refused, {}, [{ field: 'domain', message: parsed.refused }]);
    }
    const { domain } = parsed;
    const tenantId = this.tenant.get().id;
    const claim = await this.db.withPlatformPrivileges(async (em) => {
      await lockDomain(em, domain);
      await em.query(`DELETE FROM platform.sso_domain_claims WHERE domain = $1 AND status = 'pending' AND expires_at <= now()`, [
        domain,
      ]);
      const holder = await this.verifiedHolder(em, domain);
      if (holder && holder !== tenantId) throw taken(domain);
      const [mine] = await em.query(`SELECT status FROM platform.sso_domain_claims WHERE tenant_id = $1 AND domain = $2`, [
        tenantId,
        domain,
      ]);
      if (mine) {
        throw new DomainError('CONFLICT', `This tenant has claimed ${domain} already (${mine.status})`, {}, [
          { field: 'domain', message: `${domain} is claimed by this tenant already` },
        ]);
      }
      const [row]: ClaimRow[] = await em.query(
        `INSERT INTO platform.sso_domain_claims (domain, tenant_id, token, created_by, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
         RETURNING ${COLUMNS}`,
        [domain, tenantId, `stratum-domain-verification=${randomBytes(32).toString('hex')}`, actorId, CLAIM_TTL_DAYS],
      );
      return row;
    });
    this.notes.describe({ changes: diff(null, audited(claim)) });
    return toDto(claim);
  }

  /**
   * Looks for the challenge in DNS and, when a TXT record holds it, makes the claim verified and
   * drops the other tenants' pending claims on the domain. DOMAIN_NOT_VERIFIED says what DNS held.
   */
  async verify(id: string): Promise<SsoDomainDto> {
    const claim = await this.db.withPlatformPrivileges((em) => this.load(em, id));
    if (claim.status === 'verified') return toDto(claim);
    const { name, value } = challenge(claim);
    // Looked up outside any lock: a slow DNS server delays this request only.
    const answer = await this.dns.lookup(name);
    if (!answer.records.includes(value)) {
      throw new DomainError(
        'DOMAIN_NOT_VERIFIED',
        answer.error
          ? `The TXT record ${name} could not be read (${answer.error})`
          : `No TXT record at ${name} holds the expected value`,
        {
          expected: { type: 'dns-txt', name, value },
          found: answer.records.slice(0, 20).map((r) => r.slice(0, 512)),
          dnsError: answer.error,
        },
      );
    }
    const tenantId = this.tenant.get().id;
    const verified = await this.db.withPlatformPrivileges(async (em) => {
      await lockDomain(em, claim.domain);
      const current = await this.load(em, id);
      if (current.status === 'verified') return current;
      const holder = await this.verifiedHolder(em, claim.domain);
      if (holder && holder !== tenantId) throw taken(claim.domain);
      try {
        const [row]: ClaimRow[] = await em.query(
          // As a CTE so that the driver answers the rows (an UPDATE alone answers [rows, count]).
          `WITH verified AS (
             UPDATE platform.sso_domain_claims SET status = 'verified', verified_at = now(), expires_at = NULL
              WHERE id = $1 RETURNING ${COLUMNS}
           ) SELECT * FROM verified`,
          [id],
        );
        await em.query(`DELETE FROM platform.sso_domain_claims WHERE domain = $1 AND status = 'pending'`, [claim.domain]);
        return row;
      } catch (err) {
        if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw taken(claim.domain);
        throw err;
      }
    });
    this.notes.describe({ changes: diff(audited(claim), audited(verified)) });
    return toDto(verified);
  }

  async remove(id: string): Promise<void> {
    const claim = await this.db.withPlatformPrivileges(async (em) => {
      const row = await this.load(em, id);
      await em.query(`DELETE FROM platform.sso_domain_claims WHERE id = $1`, [id]);
      return row;
    });
    this.notes.describe({ changes: diff(audited(claim), null) });
  }

  /** The tenant that has proven `domain` (read outside any unit of work, like the tenant registry). */
  async owner(domain: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT tenant_id FROM platform.sso_domain_claims WHERE domain = $1 AND status = 'verified'`,
      [domain],
    );
    return row?.tenant_id ?? null;
  }

  async isVerified(tenantId: string, domain: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM platform.sso_domain_claims WHERE tenant_id = $1 AND domain = $2 AND status = 'verified'`,
      [tenantId, domain],
    );
    return rows.length > 0;
  }

  /** The live claim `id` of the tenant in context; lapsed and other tenants' claims are not found. */
  private async load(em: EntityManager, id: string): Promise<ClaimRow> {
    const [row]: ClaimRow[] = await em.query(
      `SELECT ${COLUMNS} FROM platform.sso_domain_claims WHERE id = $1 AND tenant_id = $2 AND ${LIVE}`,
      [id, this.tenant.get().id],
    );
    if (!row) throw DomainError.notFound('Domain claim');
    return row;
  }

  /**
   * The tenant holding `domain` verified. A deleted tenant's claim is dropped on the way: its
   * domain is free again, as its schema will be purged.
   */
  private async verifiedHolder(em: EntityManager, domain: string): Promise<string | null> {
    const [row] = await em.query(
      `SELECT c.id, c.tenant_id, t.status FROM platform.sso_domain_claims c
         JOIN platform.tenants t ON t.id = c.tenant_id
        WHERE c.domain = $1 AND c.status = 'verified'`,
      [domain],
    );
    if (!row) return null;
    if (row.status === 'deleted') {
      await em.query(`DELETE FROM platform.sso_domain_claims WHERE id = $1`, [row.id]);
      return null;
    }
    return row.tenant_id;
  }
}

function challenge(c: Pick<ClaimRow, 'domain' | 'token'>): { name: string; value: string } {
  return { name: `${CHALLENGE_PREFIX}.${c.domain}`, value: c.token };
}

function toDto(c: ClaimRow): SsoDomainDto {
  return {
    id: c.id,
    domain: c.domain,
    status: c.status,
    verification: { type: 'dns-txt', ...challenge(c) },
    createdAt: c.created_at,
    verifiedAt: c.verified_at,
    expiresAt: c.expires_at,
  };
}

/** Claims and verifications of one domain take turns (until the transaction ends). */
async function lockDomain(em: EntityManager, domain: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`sso-domain:${domain}`]);
}

/** One answer whichever tenant holds the domain: no tenant is named. */
const taken = (domain: string) =>
  new DomainError('DOMAIN_TAKEN', `${domain} is verified for single sign-on by another organisation`, {}, [
    { field: 'domain', message: `${domain} is taken` },
  ]);
