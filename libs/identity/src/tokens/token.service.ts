import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthSettings } from '@stratum/config';
import type { PlatformRole } from '@stratum/common';
import { createHash, randomBytes } from 'node:crypto';

export const JWT_ISSUER = 'stratum';
/** Tenant and platform tokens carry different audiences, so one can never pass for the other. */
export const TENANT_AUDIENCE = 'stratum:tenant';
export const PLATFORM_AUDIENCE = 'stratum:platform';

export const MFA_AUDIENCE = 'stratum:mfa';

export interface TenantAccessClaims {
  sub: string;
  tid: string;
  sid: string;
  email?: string;
  /** 'setup': MFA is required and not enrolled yet; only enrolment routes accept the token. */
  mfa?: 'setup';
}

export interface PlatformAccessClaims {
  sub: string;
  sid: string;
  email?: string;
  roles: PlatformRole[];
  mfa?: 'setup';
}

export interface MfaChallengeClaims {
  sub: string;
  /** `tenant:<id>` or `platform`: the challenge is answered in the realm that issued it. */
  realm: string;
  jti: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AuthSettings,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  tenantAccessToken(claims: TenantAccessClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims }, { audience: TENANT_AUDIENCE, expiresIn: this.accessTtlSeconds });
  }

  /**
   * An access token for a tenant user, used by platform staff: the RFC 8693 `act` claim names
   * the impersonator, `imp` the impersonation; its session id is the impersonation's, so ending
   * the impersonation revokes it at once. There is no refresh token.
   */
  impersonationToken(
    claims: TenantAccessClaims & { act: { sub: string; email: string }; imp: string; imp_mode: 'read' | 'write' },
    expiresAt: Date,
  ): Promise<string> {
    return this.jwt.signAsync({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) }, { audience: TENANT_AUDIENCE });
  }

  platformAccessToken(claims: PlatformAccessClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims }, { audience: PLATFORM_AUDIENCE, expiresIn: this.accessTtlSeconds });
  }

  /** A short-lived token naming the account that passed its password and owes a second factor. */
  mfaChallengeToken(claims: MfaChallengeClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims }, { audience: MFA_AUDIENCE, expiresIn: 300 });
  }

  async verifyMfaChallenge(token: string): Promise<MfaChallengeClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<MfaChallengeClaims>(token, { audience: MFA_AUDIENCE });
      return typeof claims.sub === 'string' && typeof claims.realm === 'string' && typeof claims.jti === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  /** An opaque refresh token (256 random bits) and the hash that is stored in its place. */
  newRefreshToken(): { token: string; hash: string } {
    return opaqueToken('rt');
  }

  hashRefreshToken(token: string): string {
    return sha256(token);
  }

  refreshExpiry(): Date {
    return new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  }
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** 256 random bits with a readable prefix, and the SHA-256 hash that is stored in its place. */
export function opaqueToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}
