import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AuthSettings, JwtKeys } from '@stratum/config';
import { PLATFORM_ROLES, PlatformRole, Principal } from '@stratum/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SessionRevocations } from './session-revocations.service';
import { JWT_ISSUER, PLATFORM_AUDIENCE, TENANT_AUDIENCE } from './token.service';

interface AccessPayload {
  sub?: unknown;
  sid?: unknown;
  tid?: unknown;
  roles?: unknown;
  aud?: unknown;
  mfa?: unknown;
  email?: unknown;
  act?: unknown;
  imp?: unknown;
  imp_mode?: unknown;
  iat?: unknown;
  exp?: unknown;
}

/**
 * The key the token's `kid` names (current or retired); an unknown `kid` fails verification.
 * Handed over as a secret KeyObject built once per key: given a string, jsonwebtoken first tries
 * (and fails) to parse it as a public key on every verification, which costs more than the HMAC.
 */
function keyProvider(keys: JwtKeys) {
  const built = new Map<string, KeyObject>();
  // passport-jwt hands the key to jsonwebtoken as is; its types predate KeyObject.
  return (_req: unknown, token: string, done: (err: Error | null, secret?: string | Buffer) => void) => {
    const secret = keys.secretFor(JwtKeys.kidOf(token));
    if (!secret) return done(new Error('unknown signing key'));
    let key = built.get(secret);
    if (!key) {
      key = createSecretKey(Buffer.from(secret, 'utf8'));
      built.set(secret, key);
    }
    done(null, key as unknown as Buffer);
  };
}

/** Verifies access tokens (HS256 only: `alg: none` and algorithm swaps are refused) and maps them to a Principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AuthSettings,
    private readonly revocations: SessionRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider(config.jwtKeys),
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: [TENANT_AUDIENCE, PLATFORM_AUDIENCE],
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessPayload): Promise<Principal | false> {
    const { sub, sid, tid, roles, aud } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string') return false;
    if (aud !== TENANT_AUDIENCE && aud !== PLATFORM_AUDIENCE) return false;
    const revoked = await this.revocations.isRevoked({
      sid,
      realm: aud === TENANT_AUDIENCE ? 'tenant' : 'platform',
      iat: typeof payload.iat === 'number' ? payload.iat : undefined,
      exp: typeof payload.exp === 'number' ? payload.exp : undefined,
      tid: typeof tid === 'string' ? tid : undefined,
      imp: typeof payload.imp === 'string' ? payload.imp : undefined,
    });
    if (revoked) return false;
    const mfaSetupRequired = payload.mfa === 'setup' ? { mfaSetupRequired: true } : {};
    const email = typeof payload.email === 'string' ? { email: payload.email } : {};
    if (aud === TENANT_AUDIENCE && typeof tid === 'string') {
      const act = payload.act as { sub?: unknown; email?: unknown } | undefined;
      const impersonator =
        act && typeof act.sub === 'string' && typeof payload.imp === 'string'
          ? {
              impersonator: {
                userId: act.sub,
                email: typeof act.email === 'string' ? act.email : undefined,
                impersonationId: payload.imp,
                // Tokens that do not say may not write.
                mode: payload.imp_mode === 'write' ? ('write' as const) : ('read' as const),
              },
            }
          : {};
      return { kind: 'tenant_user', userId: sub, tenantId: tid, sessionId: sid, ...email, ...mfaSetupRequired, ...impersonator };
    }
    if (aud === PLATFORM_AUDIENCE && Array.isArray(roles)) {
      const valid = roles.filter((r): r is PlatformRole => PLATFORM_ROLES.includes(r as PlatformRole));
      return { kind: 'platform_user', userId: sub, roles: valid, sessionId: sid, ...email, ...mfaSetupRequired };
    }
    return false;
  }
}
