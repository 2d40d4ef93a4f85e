import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@stratum/config';
import type { PlatformRole } from '@stratum/common';
import { createHash, randomBytes } from 'node:crypto';

export const JWT_ISSUER = 'stratum';
/** Tenant and platform tokens carry different audiences, so one can never pass for the other. */
export const TENANT_AUDIENCE = 'stratum:tenant';
export const PLATFORM_AUDIENCE = 'stratum:platform';

export interface TenantAccessClaims {
  sub: string;
  tid: string;
  sid: string;
}

export interface PlatformAccessClaims {
  sub: string;
  sid: string;
  roles: PlatformRole[];
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
    private readonly config: AppConfig,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  tenantAccessToken(claims: TenantAccessClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims }, { audience: TENANT_AUDIENCE, expiresIn: this.accessTtlSeconds });
  }

  platformAccessToken(claims: PlatformAccessClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims }, { audience: PLATFORM_AUDIENCE, expiresIn: this.accessTtlSeconds });
  }

  /** An opaque refresh token (256 random bits) and the hash that is stored in its place. */
  newRefreshToken(): { token: string; hash: string } {
    const token = `rt_${randomBytes(32).toString('base64url')}`;
    return { token, hash: this.hashRefreshToken(token) };
  }

  hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  refreshExpiry(): Date {
    return new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  }
}
